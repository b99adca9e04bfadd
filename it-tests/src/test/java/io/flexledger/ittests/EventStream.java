package io.flexledger.ittests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A reader's live view of {@code GET /api/events} (server-sent events) on one organisation's instance,
 * with a demo user's or an agent's token: every line it receives is kept until it is closed.
 */
final class EventStream implements AutoCloseable {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final CompletableFuture<HttpResponse<Void>> call;
    private final int status;

    private EventStream(String who, String msp) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(FlexStack.API.get(msp) + "/api/events"))
                .header("Authorization", "Bearer " + Tokens.of(who))
                .header("Accept", "text/event-stream")
                .GET()
                .build();
        CompletableFuture<Integer> answered = new CompletableFuture<>();
        call = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .build()
                .sendAsync(request, info -> {
                    answered.complete(info.statusCode());
                    return HttpResponse.BodySubscribers.fromLineSubscriber(
                            new java.util.concurrent.Flow.Subscriber<String>() {
                                @Override
                                public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
                                    s.request(Long.MAX_VALUE);
                                }

                                @Override
                                public void onNext(String line) {
                                    lines.add(line);
                                }

                                @Override
                                public void onError(Throwable t) {}

                                @Override
                                public void onComplete() {}
                            });
                });
        status = answered.get(20, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** {@code who}'s stream of the events of {@code msp}'s instance, once the instance answered it. */
    static EventStream open(String who, String msp) throws Exception {
        EventStream s = new EventStream(who, msp);
        if (s.status != 200) {
            s.close();
            throw new IOException("GET /api/events as " + who + " on " + msp + "'s instance answered " + s.status);
        }
        return s;
    }

    /** Whether a received event mentions {@code text} (an id). */
    boolean mentions(String text) {
        return lines.stream().anyMatch(l -> l.startsWith("data:") && l.contains(text));
    }

    @Override
    public void close() {
        call.cancel(true);
    }
}
