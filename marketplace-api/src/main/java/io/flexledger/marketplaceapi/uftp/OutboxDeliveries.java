package io.flexledger.marketplaceapi.uftp;

import io.flexledger.contract.ErrorCode;
import io.flexledger.marketplaceapi.ledger.ChaincodeRejection;
import io.flexledger.uftp.Cs1;
import io.flexledger.uftp.PayloadMessage;
import io.flexledger.uftp.SignedMessage;
import io.flexledger.uftp.UftpXml;
import io.flexledger.uftp.UsefRole;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * How the outbox delivers a signed message, at most once (decision 0019): a MessageID this process took
 * is not taken again; one the ledger's message log holds is not sent; otherwise the signed message is
 * kept in the durable {@link OutboxStore} (when there is one), recorded on the ledger ({@code
 * uftp:RecordMessage}, so that of several instances only the one whose record committed posts it), and
 * posted to the endpoint its recipient registered, retried with exponential back-off with the same bytes
 * until the recipient answers or the give-up deadline passes. A restarted outbox resumes the kept
 * deliveries whose record the ledger holds ({@link #resume}). Its single worker thread also runs the
 * outbox's own scans and event work, one at a time.
 */
final class OutboxDeliveries {
    private static final Logger LOG = Logger.getLogger(UftpOutbox.class);

    private final UftpLedger ledger;
    private final OutboxStore store;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "uftp-outbox");
        t.setDaemon(true);
        return t;
    });
    private final Set<UUID> taken = ConcurrentHashMap.newKeySet();
    private final Map<UUID, String> outcome = new ConcurrentHashMap<>();

    /** Deliveries over {@code ledger}, kept in {@code store} (null: in memory only). */
    OutboxDeliveries(UftpLedger ledger, OutboxStore store) {
        this.ledger = ledger;
        this.store = store;
    }

    /** Runs {@code task} on the outbox's worker. */
    void execute(Runnable task) {
        scheduler.execute(task);
    }

    /** Runs {@code task} on the outbox's worker now and then every {@code every}. */
    void every(Duration every, Runnable task) {
        scheduler.scheduleWithFixedDelay(task, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops the worker; kept deliveries are resumed by the next run. */
    void stop() {
        scheduler.shutdownNow();
    }

    /** What became of a MessageID: {@code sent}, {@code recorded before}, {@code gave up: ...}, or absent while pending. */
    Optional<String> outcome(UUID messageId) {
        return Optional.ofNullable(outcome.get(messageId));
    }

    /**
     * Sends message {@code messageId} (built by {@code build} only if it is to be sent) to its
     * recipient's registered endpoint, at most once: not if this process took it already, not if the
     * ledger records it, and only after this instance's record of it committed; then with retries.
     */
    void send(UUID messageId, Supplier<? extends PayloadMessage> build, UsefRole role, UftpOutbox.Settings s) {
        if (!taken.add(messageId)) {
            return;
        }
        scheduler.execute(() -> claimAndDeliver(messageId, build, role, s));
    }

    private void claimAndDeliver(
            UUID messageId, Supplier<? extends PayloadMessage> build, UsefRole role, UftpOutbox.Settings s) {
        Delivery delivery;
        try {
            if (ledger.message(s.senderDomain(), messageId.toString()).isPresent()) {
                outcome.put(messageId, "recorded before");
                return;
            }
            PayloadMessage message = build.get();
            if (message == null) {
                // Nobody to send it to yet: looked at again at the next scan.
                taken.remove(messageId);
                outcome.put(messageId, "no recipient");
                return;
            }
            byte[] inner = UftpXml.standard().write(message);
            byte[] signedBody = Cs1.sign(inner, s.signingKey());
            byte[] body = UftpXml.standard().write(new SignedMessage(message.getSenderDomain(), role, signedBody));
            String sha256 = UftpResource.sha256Hex(inner);
            delivery = new Delivery(
                    messageId,
                    message.elementName(),
                    message.getSenderDomain(),
                    message.getRecipientDomain(),
                    sha256,
                    java.time.Instant.now(),
                    body);
            // Kept before it is recorded: a restart after the record's commit resumes the delivery.
            keep(delivery);
            try {
                ledger.record(UftpResource.envelope(message, signedBody));
            } catch (ChaincodeRejection e) {
                if (!e.is(ErrorCode.UFTP_MESSAGE_REPLAYED)) {
                    throw e;
                }
                forget(messageId);
                outcome.put(messageId, "recorded before");
                return;
            } catch (RuntimeException e) {
                // The record may have committed although the answer was lost: it is ours if it holds our bytes.
                Optional<io.flexledger.contract.codec.UftpRecords.StoredMessage> recorded =
                        ledger.message(s.senderDomain(), messageId.toString());
                if (recorded.isEmpty()) {
                    throw e;
                }
                if (!sha256.equals(recorded.get().sha256())) {
                    forget(messageId);
                    outcome.put(messageId, "recorded before");
                    return;
                }
            }
        } catch (ChaincodeRejection e) {
            // A refusal (the edge's domain not registered, a wrong key): retried at the next scan.
            forget(messageId);
            taken.remove(messageId);
            LOG.warnf("UFTP outbox: the ledger refused to record %s: %s", messageId, e.getMessage());
            return;
        } catch (RuntimeException e) {
            // Not recorded (as far as this instance knows): the next scan builds it again; a kept copy is
            // checked against the ledger at the next resumption.
            taken.remove(messageId);
            LOG.warnf("UFTP outbox: cannot record %s now (next scan tries again): %s", messageId, e.toString());
            return;
        }
        attempt(delivery, System.nanoTime(), 0, s);
    }

    /** A signed message on its way: what {@link OutboxStore} keeps. */
    private record Delivery(
            UUID messageId,
            String element,
            String senderDomain,
            String recipientDomain,
            String sha256,
            java.time.Instant started,
            byte[] body) {}

    private void keep(Delivery d) {
        if (store == null) {
            return;
        }
        try {
            store.keep(new OutboxStore.Pending(
                    d.messageId(),
                    d.element(),
                    d.senderDomain(),
                    d.recipientDomain(),
                    d.sha256(),
                    d.started(),
                    d.body()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("the outbox cannot keep " + d.messageId(), e);
        }
    }

    private void forget(UUID messageId) {
        if (store == null) {
            return;
        }
        try {
            store.remove(messageId);
        } catch (java.io.IOException e) {
            LOG.warnf("UFTP outbox: cannot remove the kept copy of %s: %s", messageId, e.toString());
        }
    }

    /**
     * Resumes the deliveries a previous run kept ({@link OutboxStore}): one whose record the ledger holds
     * with the SHA-256 of the kept bytes is this outbox's and is posted again with those bytes, retried
     * until its original deadline; one the ledger does not hold was never recorded and is dropped (the
     * scan builds it anew); one recorded with other bytes is another instance's and is dropped. Returns
     * how many it resumed.
     */
    int resume(Optional<UftpOutbox.Settings> current) {
        if (store == null || current.isEmpty()) {
            return 0;
        }
        List<OutboxStore.Pending> kept;
        try {
            kept = store.all();
        } catch (java.io.IOException e) {
            LOG.warnf("UFTP outbox: cannot read its kept messages: %s", e.toString());
            return 0;
        }
        int resumed = 0;
        for (OutboxStore.Pending p : kept) {
            if (!taken.add(p.messageId())) {
                continue;
            }
            Optional<io.flexledger.contract.codec.UftpRecords.StoredMessage> recorded;
            try {
                recorded = ledger.message(p.senderDomain(), p.messageId().toString());
            } catch (RuntimeException e) {
                taken.remove(p.messageId());
                continue;
            }
            if (recorded.isEmpty() || !p.sha256().equals(recorded.get().sha256())) {
                forget(p.messageId());
                taken.remove(p.messageId());
                continue;
            }
            Delivery d = new Delivery(
                    p.messageId(),
                    p.element(),
                    p.senderDomain(),
                    p.recipientDomain(),
                    p.sha256(),
                    p.started(),
                    p.body());
            long since = Math.max(
                    0, Duration.between(p.started(), java.time.Instant.now()).toNanos());
            LOG.infof(
                    "UFTP outbox: resuming the delivery of %s %s to %s",
                    p.element(), p.messageId(), p.recipientDomain());
            scheduler.execute(() -> attempt(d, System.nanoTime() - since, 0, current.get()));
            resumed++;
        }
        return resumed;
    }

    private void attempt(Delivery d, long started, int attempt, UftpOutbox.Settings s) {
        String failure;
        try {
            Optional<io.flexledger.contract.codec.UftpRecords.StoredParticipant> recipient =
                    ledger.participant(d.recipientDomain());
            if (recipient.isEmpty()) {
                failure = d.recipientDomain() + " is not registered";
            } else {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(
                                        URI.create(recipient.get().participant().endpoint()))
                                .timeout(Duration.ofSeconds(30))
                                .header("Content-Type", "text/xml")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(d.body()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() / 100 == 2) {
                    // Answered: forgotten at once, so that no restart posts it again.
                    forget(d.messageId());
                    outcome.put(d.messageId(), "sent");
                    LOG.infof("UFTP outbox: %s %s sent to %s", d.element(), d.messageId(), d.recipientDomain());
                    return;
                }
                failure = "HTTP " + r.statusCode();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException | java.io.IOException e) {
            failure = e.toString();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        long delay = Math.min(s.maxRetry().toMillis(), s.firstRetry().toMillis() << Math.min(attempt, 30));
        if (elapsed.plusMillis(delay).compareTo(s.giveUpAfter()) > 0) {
            forget(d.messageId());
            outcome.put(d.messageId(), "gave up: " + failure);
            LOG.errorf(
                    "UFTP outbox: gave up %s %s after %d tries in %s: %s",
                    d.element(), d.messageId(), attempt + 1, elapsed, failure);
            return;
        }
        LOG.debugf("UFTP outbox: %s %s failed (%s); again in %d ms", d.element(), d.messageId(), failure, delay);
        try {
            scheduler.schedule(() -> attempt(d, started, attempt + 1, s), delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Shutting down: the kept copy is resumed by the next run.
        }
    }
}
