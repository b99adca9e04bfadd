package io.flexledger.tools.stack;

import io.flexledger.client.TokenSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A POST to an API as a well-behaved client sends it: with its {@code Idempotency-Key}, and sent again
 * under the same key after a 503, a connection failure or a time-out (backing off from {@code
 * firstBackoff}, doubling up to 8 s) until {@code deadline} has passed; a 401 fetches a new token and
 * tries once more. Any other answer is final.
 */
public final class IdempotentPost {
    /** The outcome: the final answer (null when there was none), its body, and how many retries it took. */
    public record Outcome(int status, String body, int retries, String error) {
        /** Whether the API answered 2xx. */
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final HttpClient http;
    private final Duration requestTimeout;
    private final Duration deadline;
    private final Duration firstBackoff;

    public IdempotentPost(HttpClient http, Duration requestTimeout, Duration deadline, Duration firstBackoff) {
        this.http = http;
        this.requestTimeout = requestTimeout;
        this.deadline = deadline;
        this.firstBackoff = firstBackoff;
    }

    /** An HTTP/1.1 client as the agents use. */
    public static HttpClient client() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** Posts {@code json} to {@code uri} under {@code key}. */
    public Outcome post(URI uri, TokenSource tokens, String key, String json) {
        long end = System.nanoTime() + deadline.toNanos();
        long backoff = firstBackoff.toMillis();
        int retries = 0;
        boolean renewedToken = false;
        String lastError = null;
        int lastStatus = 0;
        String lastBody = null;
        while (true) {
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(requestTimeout)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .header("Authorization", "Bearer " + tokens.token())
                    .header("Idempotency-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofString(json))
                    .build();
            try {
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                lastStatus = r.statusCode();
                lastBody = r.body();
                lastError = null;
                if (lastStatus == 401 && !renewedToken) {
                    tokens.invalidate();
                    renewedToken = true;
                    retries++;
                    continue;
                }
                if (lastStatus != 503) {
                    return new Outcome(lastStatus, lastBody, retries, null);
                }
            } catch (IOException e) {
                // refused, reset or timed out: the request may or may not have been applied; the key
                // makes sending it again safe
                lastStatus = 0;
                lastBody = null;
                lastError = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(0, null, retries, "interrupted");
            }
            if (System.nanoTime() + backoff * 1_000_000 > end) {
                return new Outcome(lastStatus, lastBody, retries, lastError);
            }
            sleep(backoff);
            backoff = Math.min(backoff * 2, 8_000);
            retries++;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
