package io.flexledger.client;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Sends a request again after a 503 or a connection failure, as a {@link RetryPolicy} allows. */
final class Retrying {

    /** Thrown when every try failed to reach the server. */
    static final class UnreachableException extends RuntimeException {
        UnreachableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private Retrying() {}

    /**
     * The first answer that is not a 503, or the last 503 when every try got one.
     *
     * @throws UnreachableException when the last try could not reach the server
     */
    static HttpResponse<String> send(HttpClient http, HttpRequest request, RetryPolicy retry, String what) {
        return send(http, request, HttpResponse.BodyHandlers.ofString(), retry, what);
    }

    /** As {@link #send(HttpClient, HttpRequest, RetryPolicy, String)}, with the body read by {@code body}. */
    static <T> HttpResponse<T> send(
            HttpClient http, HttpRequest request, HttpResponse.BodyHandler<T> body, RetryPolicy retry, String what) {
        IOException lastError = null;
        HttpResponse<T> last = null;
        for (int attempt = 1; attempt <= retry.attempts(); attempt++) {
            if (attempt > 1) {
                sleep(retry.backoffBefore(attempt).toMillis());
            }
            try {
                last = http.send(request, body);
                lastError = null;
                // only an unavailable ledger or server is worth another try; every other answer is final
                if (last.statusCode() != 503) {
                    return last;
                }
            } catch (IOException e) {
                // connection refused or reset, or no answer within the request's time-out
                lastError = e;
                last = null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UnreachableException(what + ": interrupted", e);
            }
        }
        if (last != null) {
            return last;
        }
        throw new UnreachableException(
                what + ": no answer after " + retry.attempts() + " tries (" + describe(lastError) + ")", lastError);
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnreachableException("interrupted while waiting to retry", e);
        }
    }
}
