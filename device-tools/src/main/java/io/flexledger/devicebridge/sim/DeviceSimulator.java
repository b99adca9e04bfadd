package io.flexledger.devicebridge.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.client.KeycloakTokens;
import io.flexledger.client.RetryPolicy;
import io.flexledger.client.StackEndpoints;
import io.flexledger.client.reading.MalformedReadingException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A home's meter for the demo and the tests:
 *
 * <pre>
 * DeviceSimulator keys DEVICE_ID
 *     create (or show) the device's P-256 key in its own folder $FLEX_HOME/devices/DEVICE_ID/ (the
 *     private key file readable by its owner only) and print the public key
 * DeviceSimulator register DEVICE_ID --asset ASSET [--kind METER] [--api URL] [--client ID] [--secret S]
 *     register the device through an aggregator's marketplace-api (POST /api/devices); a METER is
 *     then PROPOSED: its readings count once the DSO approves it
 * DeviceSimulator approve DEVICE_ID [--key BASE64] [--api URL] [--client ID] [--secret S]
 *     approve a meter (or its proposed new key) as the DSO through the DSO's marketplace-api
 *     (POST /api/devices/DEVICE_ID/approval, client dso-agent), naming the key checked: --key, else
 *     the public key the device itself shows in its folder
 * DeviceSimulator publish --profile FILE [--broker HOST:PORT] [--topic-root flexledger/readings]
 *         [--receipt-root flexledger/receipts] [--wait 120]
 *     publish the signed readings of a day's profile (kW per slot) at QoS 1, then wait until the
 *     bridge's receipt of each has come, sending again every 10 s those without one; exit 1 when a
 *     reading was refused or has no receipt after --wait seconds
 * </pre>
 *
 * Endpoints: the stack's (api-client {@code StackEndpoints}: the environment, then
 * {@code $FLEX_HOME/env} written by {@code ./flex up}): FLEX_HOME, MQTT_PORT, FLEX_KEYCLOAK_URL,
 * FLEX_API_AGGREGATOR1 and FLEX_API_DSO (the default APIs of register and approve).
 */
public final class DeviceSimulator {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** How long a reading may go without its receipt before it is sent again. */
    private static final long RESEND_AFTER_SECONDS = 10;

    private DeviceSimulator() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
        }
        Map<String, String> options = new HashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                if (i + 1 >= args.length) {
                    fail(args[i] + " needs a value");
                }
                options.put(args[i].substring(2), args[++i]);
            } else {
                positional.add(args[i]);
            }
        }
        DeviceKeyStore store =
                new DeviceKeyStore(StackEndpoints.fromEnvironment().home());
        switch (args[0]) {
            case "keys" -> keys(store, one(positional, "DEVICE_ID"));
            case "register" -> register(store, one(positional, "DEVICE_ID"), options);
            case "approve" -> approve(store, one(positional, "DEVICE_ID"), options);
            case "publish" -> publish(store, options);
            default -> usage();
        }
        // Done: the MQTT client's event-loop thread (not a daemon) can outlive the client's disconnect and
        // would keep the process alive after its work, stalling whatever script waits for it.
        System.exit(0);
    }

    private static void keys(DeviceKeyStore store, String deviceId) throws IOException {
        KeyPair keys = store.keysOf(deviceId);
        System.out.println(DeviceKeyStore.publicKeyBase64(keys));
    }

    private static void register(DeviceKeyStore store, String deviceId, Map<String, String> options)
            throws IOException, InterruptedException {
        String asset = options.get("asset");
        if (asset == null) {
            fail("register needs --asset ASSET_ID");
        }
        ObjectNode device = MAPPER.createObjectNode();
        device.put("id", deviceId);
        device.put("assetId", asset);
        device.put("kind", options.getOrDefault("kind", "METER"));
        device.put("keyAlgorithm", "EC");
        device.put("publicKeyBase64", DeviceKeyStore.publicKeyBase64(store.keysOf(deviceId)));
        String api = options.getOrDefault(
                "api", StackEndpoints.fromEnvironment().api("aggregator1").toString());
        post(
                api,
                options.getOrDefault("client", "aggregator1-agent"),
                options,
                "/api/devices",
                device,
                "device-registration:" + deviceId);
    }

    /**
     * The DSO approves a meter or its new key, naming the key it checked: {@code --key}, else the public
     * key in the device's own folder (the key the meter shows, as a DSO would read it off the meter).
     */
    private static void approve(DeviceKeyStore store, String deviceId, Map<String, String> options)
            throws IOException, InterruptedException {
        String key = options.get("key");
        if (key == null) {
            key = store.publicKeyBase64(deviceId).orElse(null);
        }
        if (key == null) {
            fail("approve needs --key BASE64: device " + deviceId + " has no key in " + store.folderOf(deviceId));
        }
        ObjectNode approval = MAPPER.createObjectNode();
        approval.put("publicKeyBase64", key);
        String api = options.getOrDefault(
                "api", StackEndpoints.fromEnvironment().api("dso").toString());
        post(
                api,
                options.getOrDefault("client", "dso-agent"),
                options,
                "/api/devices/" + URLEncoder.encode(deviceId, StandardCharsets.UTF_8) + "/approval",
                approval,
                "meter-approval:" + deviceId + ":" + sha256Hex(key).substring(0, 16));
    }

    /** POSTs {@code body} as {@code client} (client credentials), prints the answer, exits 1 unless 2xx. */
    private static void post(
            String apiUrl, String client, Map<String, String> options, String path, ObjectNode body, String key)
            throws IOException, InterruptedException {
        String api = apiUrl.replaceAll("/+$", "");
        String secret = options.getOrDefault("secret", client + "-demo-secret");
        HttpClient http = HttpClient.newHttpClient();
        KeycloakTokens tokens = new KeycloakTokens(
                StackEndpoints.fromEnvironment().tokenEndpoint(),
                client,
                secret,
                http,
                RetryPolicy.defaults(),
                Clock.systemUTC());
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(api + path))
                        .timeout(Duration.ofSeconds(60))
                        .header("Authorization", "Bearer " + tokens.token())
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", key)
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        System.out.println(r.statusCode() + " " + r.body());
        if (r.statusCode() >= 300) {
            System.exit(1);
        }
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static void publish(DeviceKeyStore store, Map<String, String> options) throws Exception {
        String file = options.get("profile");
        if (file == null) {
            fail("publish needs --profile FILE");
        }
        MeteredProfile profile;
        try {
            profile = MeteredProfile.parse(Files.readAllBytes(Path.of(file)));
        } catch (MalformedReadingException e) {
            fail(file + ": " + e.getMessage());
            return;
        }
        String[] broker = options.getOrDefault(
                        "broker",
                        "127.0.0.1:" + StackEndpoints.fromEnvironment().mqttPort())
                .split(":");
        String topic = options.getOrDefault("topic-root", "flexledger/readings") + "/" + profile.deviceId();
        String receiptTopic = options.getOrDefault("receipt-root", "flexledger/receipts") + "/" + profile.deviceId();
        long waitSeconds;
        try {
            waitSeconds = Long.parseLong(options.getOrDefault("wait", "120"));
        } catch (NumberFormatException e) {
            fail("--wait must be a number of seconds, was '" + options.get("wait") + "'");
            return;
        }
        KeyPair keys = store.keysOf(profile.deviceId());
        int slots = profile.kwBySlot().size();
        long first = store.lastSequence(profile.deviceId()) + 1;
        // The sequences are reserved before sending, so an interrupted run never reuses one.
        store.saveSequence(profile.deviceId(), first + slots - 1);

        ReadingPublisher.Outcome outcome = new ReadingPublisher(
                        broker[0],
                        Integer.parseInt(broker[1]),
                        topic,
                        receiptTopic,
                        Duration.ofSeconds(waitSeconds),
                        Duration.ofSeconds(RESEND_AFTER_SECONDS))
                .publish(profile, keys, first, "sim-" + profile.deviceId(), System.out);
        System.out.printf(
                "%s %s: receipts from the bridge for %d/%d readings %s%n",
                profile.deviceId(), profile.day(), slots - outcome.withoutReceipt(), slots, outcome.outcomes());
        outcome.refused().stream().limit(10).forEach(r -> System.err.println("device-sim: refused " + r));
        if (outcome.withoutReceipt() > 0) {
            System.err.printf(
                    "device-sim: %d reading(s) without a receipt after %d s (is the device bridge running?)%n",
                    outcome.withoutReceipt(), waitSeconds);
        }
        if (!outcome.allStored()) {
            System.exit(1);
        }
    }

    private static String one(List<String> positional, String name) {
        if (positional.size() != 1) {
            fail("expected one " + name);
        }
        return positional.get(0);
    }

    private static void usage() {
        fail("usage: DeviceSimulator keys DEVICE_ID | register DEVICE_ID --asset ASSET [--kind METER] [--api URL]"
                + " [--client ID] [--secret S] | approve DEVICE_ID [--key BASE64] [--api URL] [--client ID]"
                + " [--secret S] | publish --profile FILE [--broker HOST:PORT] [--topic-root T]"
                + " [--receipt-root T] [--wait S]");
    }

    private static void fail(String message) {
        System.err.println("device-sim: " + message);
        System.exit(2);
    }
}
