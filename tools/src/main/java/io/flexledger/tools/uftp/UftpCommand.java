package io.flexledger.tools.uftp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.flexledger.client.StackEndpoints;
import io.flexledger.uftp.Cs1;
import io.flexledger.uftp.Cs1KeyPair;
import io.flexledger.uftp.PayloadMessage;
import io.flexledger.uftp.SignedMessage;
import io.flexledger.uftp.UftpXml;
import io.flexledger.uftp.UftpXmlException;
import io.flexledger.uftp.UsefRole;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A UFTP participant of our own, for tests and demos.
 *
 * <pre>
 * ./flex uftp keys ORG                                  a CS1 key pair in $FLEX_HOME/uftp/ORG/ (private key owner-only)
 * ./flex uftp send FILE --as ORG [--to DOMAIN] [--key F] [--url U]
 *     signs the UFTP message in FILE with ORG's key and posts it to ORG's edge; prints the answer
 * ./flex uftp listen --as ORG --port P [--out DIR]
 *     a participant's endpoint on 127.0.0.1:P: prints and stores each SignedMessage, answers 200
 * </pre>
 *
 * ORG is dso, aggregator1 or aggregator2; its edge is its marketplace-api ({@code FLEX_PORT_OFFSET}
 * added to 8081, 8082, 8083). Exit 0 when the edge answered 200 (with Accepted, for a message that has a
 * response), 1 when it answered otherwise, 2 usage, 3 no answer.
 */
public final class UftpCommand {
    static final String PATH = "/shapeshifter/api/v3/message";
    private static final List<String> EDGES = List.of("dso", "aggregator1", "aggregator2");

    private UftpCommand() {}

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length == 0) {
            return usage(err, "a subcommand is required");
        }
        Map<String, String> opts = new HashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                if (i + 1 >= args.length) {
                    return usage(err, args[i] + " needs a value");
                }
                opts.put(args[i].substring(2), args[++i]);
            } else {
                positional.add(args[i]);
            }
        }
        return switch (args[0]) {
            case "keys" -> positional.size() == 1 ? keys(positional.get(0), out) : usage(err, "keys ORG");
            case "send" ->
                positional.size() == 1 && opts.containsKey("as")
                        ? send(Path.of(positional.get(0)), opts, out, err)
                        : usage(err, "send FILE --as ORG");
            case "listen" ->
                opts.containsKey("as") && opts.containsKey("port")
                        ? listen(opts, out)
                        : usage(err, "listen --as ORG --port P");
            default -> usage(err, "unknown subcommand " + args[0]);
        };
    }

    private static int usage(PrintStream err, String problem) {
        err.println("flex uftp: " + problem);
        err.println("usage: ./flex uftp keys ORG | send FILE --as ORG [--to DOMAIN] [--key FILE] [--url URL]"
                + " | listen --as ORG --port P [--out DIR]");
        return 2;
    }

    static Path home() {
        return StackEndpoints.fromEnvironment().home().resolve("uftp");
    }

    static int keys(String org, PrintStream out) throws IOException {
        Path dir = home().resolve(org);
        Files.createDirectories(dir);
        Cs1KeyPair pair = Cs1.generate();
        Path key = dir.resolve("key");
        Files.deleteIfExists(key);
        Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(key, pair.signingKeyString() + "\n");
        Files.writeString(dir.resolve("key.pub"), pair.publicKeyString() + "\n");
        out.println(pair.publicKeyString());
        return 0;
    }

    static int send(Path file, Map<String, String> opts, PrintStream out, PrintStream err) throws Exception {
        String org = opts.get("as");
        Path keyFile = Path.of(
                opts.getOrDefault("key", home().resolve(org).resolve("key").toString()));
        PrivateKey key = Cs1.parsePrivateKey(Files.readString(keyFile).strip());
        byte[] inner = Files.readAllBytes(file);
        PayloadMessage message;
        try {
            message = UftpXml.standard().read(inner, PayloadMessage.class);
        } catch (UftpXmlException e) {
            err.println("flex uftp: " + file + " is not a UFTP message: " + e.getMessage());
            return 2;
        }
        if (opts.containsKey("to")) {
            message.setRecipientDomain(opts.get("to"));
            inner = UftpXml.standard().write(message);
        }
        UsefRole role = UsefRole.valueOf(opts.getOrDefault("role", org.equals("dso") ? "DSO" : "AGR"));
        byte[] body =
                UftpXml.standard().write(new SignedMessage(message.getSenderDomain(), role, Cs1.sign(inner, key)));
        String url = opts.getOrDefault("url", edge(org));
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .build()
                    .send(
                            HttpRequest.newBuilder(URI.create(url))
                                    .timeout(Duration.ofSeconds(60))
                                    .header("Content-Type", "text/xml")
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            err.println("flex uftp: no UFTP answer from " + url + ": " + e.getMessage());
            return 3;
        }
        out.println("HTTP " + response.statusCode());
        String answer = unwrapped(response.body(), out);
        out.println(answer);
        boolean ok = response.statusCode() == 200 && !answer.contains("Result=\"Rejected\"");
        return ok ? 0 : 1;
    }

    /**
     * The response XML of an edge's answer: a SignedMessage (an edge with a key of its own signs its
     * responses) is unwrapped to the XML it signed, after a line naming the signing domain; its
     * signature is the participant's to check with the key the ledger holds for that domain.
     */
    static String unwrapped(String answer, PrintStream out) {
        if (!answer.contains("<SignedMessage")) {
            return answer;
        }
        try {
            SignedMessage signed = UftpXml.standard()
                    .read(answer.getBytes(java.nio.charset.StandardCharsets.UTF_8), SignedMessage.class);
            byte[] body = signed.getBody();
            out.println("signed by " + signed.getSenderDomain() + " (" + signed.getSenderRole() + ")");
            return new String(
                    java.util.Arrays.copyOfRange(body, Math.min(64, body.length), body.length),
                    java.nio.charset.StandardCharsets.UTF_8);
        } catch (UftpXmlException e) {
            return answer;
        }
    }

    static String edge(String org) {
        if (!EDGES.contains(org)) {
            throw new IllegalArgumentException("ORG is one of " + EDGES + ", not " + org);
        }
        return StackEndpoints.fromEnvironment().api(org) + PATH;
    }

    static int listen(Map<String, String> opts, PrintStream out) throws Exception {
        HttpServer server = server(
                Integer.parseInt(opts.get("port")),
                Path.of(opts.getOrDefault(
                        "out", home().resolve(opts.get("as")).resolve("inbox").toString())),
                out);
        server.start();
        out.println("listening on http://127.0.0.1:" + server.getAddress().getPort() + PATH);
        new CountDownLatch(1).await();
        return 0;
    }

    /** The participant's endpoint: each SignedMessage printed and stored as {@code <MessageID>.xml}. */
    static HttpServer server(int port, Path inbox, PrintStream out) throws IOException {
        Files.createDirectories(inbox);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext(PATH, exchange -> {
            try (exchange) {
                if (!"POST".equals(exchange.getRequestMethod())) {
                    reply(exchange, 405, "POST only");
                    return;
                }
                byte[] body = exchange.getRequestBody().readNBytes(1 << 20);
                SignedMessage signed;
                PayloadMessage inner;
                try {
                    signed = UftpXml.standard().read(body, SignedMessage.class);
                    byte[] raw = signed.getBody();
                    byte[] xml =
                            java.util.Arrays.copyOfRange(raw, Math.min(Cs1.SIGNATURE_BYTES, raw.length), raw.length);
                    inner = UftpXml.standard().read(xml, PayloadMessage.class);
                    Files.write(inbox.resolve(inner.getMessageId() + ".xml"), body);
                    out.printf(
                            "received %s %s from %s (%s) to %s%n%s%n",
                            inner.elementName(),
                            inner.getMessageId(),
                            signed.getSenderDomain(),
                            signed.getSenderRole(),
                            inner.getRecipientDomain(),
                            new String(xml, StandardCharsets.UTF_8));
                } catch (UftpXmlException e) {
                    reply(exchange, 400, e.getMessage());
                    return;
                }
                reply(exchange, 200, "");
            }
        });
        return server;
    }

    private static void reply(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }
}
