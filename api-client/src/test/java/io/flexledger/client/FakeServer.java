package io.flexledger.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * A tiny HTTP server on 127.0.0.1 for the client's tests: it plays canned answers per path in order
 * (the last one repeats) and records every request it got.
 */
final class FakeServer implements AutoCloseable {

    /** A canned answer. */
    record Canned(int status, String contentType, String body, Map<String, String> headers, long delayMs) {
        static Canned json(int status, String body) {
            return new Canned(status, "application/json", body, Map.of(), 0);
        }

        static Canned problem(int status, String body) {
            return new Canned(status, "application/problem+json", body, Map.of(), 0);
        }
    }

    /** A request as received. */
    record Received(String method, String path, String query, Map<String, List<String>> headers, String body) {
        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    private final HttpServer server;
    private final Map<String, Deque<Canned>> answers = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Raw> rawAnswers = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<Received> received = java.util.Collections.synchronizedList(new ArrayList<>());

    FakeServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** A loopback port nobody listens on (it was free a moment ago). */
    static int closedPort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Answers requests to {@code path} (without query) with these, in order; the last repeats. */
    void on(String path, Canned... canned) {
        answers.put(path, new ArrayDeque<>(List.of(canned)));
    }

    /** Answers every request to {@code path} with these bytes (e.g. a block, not text). */
    void onBytes(String path, String contentType, byte[] body) {
        rawAnswers.put(path, new Raw(contentType, body.clone()));
    }

    private record Raw(String contentType, byte[] body) {}

    List<Received> received(String path) {
        synchronized (received) {
            return received.stream().filter(r -> r.path().equals(path)).toList();
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = ex.getRequestURI().getPath();
        received.add(new Received(
                ex.getRequestMethod(),
                path,
                ex.getRequestURI().getRawQuery(),
                Map.copyOf(ex.getRequestHeaders()),
                body));
        Raw raw = rawAnswers.get(path);
        if (raw != null) {
            ex.getResponseHeaders().set("Content-Type", raw.contentType());
            ex.sendResponseHeaders(200, raw.body().length == 0 ? -1 : raw.body().length);
            ex.getResponseBody().write(raw.body());
            ex.close();
            return;
        }
        Deque<Canned> q = answers.get(path);
        Canned c;
        synchronized (this) {
            c = q == null ? Canned.json(404, "{}") : q.size() > 1 ? q.poll() : q.peek();
        }
        if (c.delayMs() > 0) {
            try {
                Thread.sleep(c.delayMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] out = c.body().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", c.contentType());
        c.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        ex.sendResponseHeaders(c.status(), out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
            ex.getResponseBody().write(out);
        }
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
