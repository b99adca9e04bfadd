package io.flexledger.marketplaceapi.uftp;

import com.fasterxml.jackson.databind.JsonNode;
import io.flexledger.marketplaceapi.ledger.LedgerEvent;
import io.flexledger.marketplaceapi.ledger.LedgerEvents;
import io.flexledger.uftp.Cs1;
import io.flexledger.uftp.FlexOrder;
import io.flexledger.uftp.FlexOrderIsp;
import io.flexledger.uftp.PayloadMessage;
import io.flexledger.uftp.SignedMessage;
import io.flexledger.uftp.UftpXml;
import io.flexledger.uftp.UsefRole;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The organisation's UFTP outbox (decision 0019): when the ledger records an order on one of this
 * aggregator's offers ({@code OrderCreated}), its own UFTP participant is sent the FlexOrder, signed
 * with the edge's CS1 key ({@code flex.uftp.outbox.signing-key}) under the edge's domain, to the
 * endpoint the participant registered on the ledger. The MessageID is a name-based UUID of the order
 * and its transaction, so the message for one ledger record is always the same message; it is sent
 * at most once per MessageID by this process, retried on failure with exponential back-off (from
 * {@code first-retry}, doubling up to {@code max-retry}) and given up after {@code give-up-after}
 * (at least an hour, as UFTP asks).
 */
@ApplicationScoped
public class UftpOutbox {
    private static final Logger LOG = Logger.getLogger(UftpOutbox.class);

    /** The outbox's settings. */
    public record Settings(
            String senderDomain,
            PrivateKey signingKey,
            String participantDomain,
            String entityPrefix,
            Duration firstRetry,
            Duration maxRetry,
            Duration giveUpAfter) {}

    private final UftpLedger ledger;
    private final LedgerEvents events;
    private final java.util.function.Supplier<Optional<Settings>> settings;
    private final boolean active;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "uftp-outbox");
        t.setDaemon(true);
        return t;
    });
    private final Set<UUID> taken = ConcurrentHashMap.newKeySet();
    private final Map<UUID, String> outcome = new ConcurrentHashMap<>();
    private Runnable unlisten = () -> {};

    @Inject
    public UftpOutbox(
            UftpLedger ledger,
            LedgerEvents events,
            @ConfigProperty(name = "flex.uftp.outbox.enabled", defaultValue = "false") boolean enabled,
            @ConfigProperty(name = "flex.uftp.outbox.sender-domain") Optional<String> senderDomain,
            @ConfigProperty(name = "flex.uftp.outbox.signing-key") Optional<String> signingKey,
            @ConfigProperty(name = "flex.uftp.outbox.participant-domain") Optional<String> participantDomain,
            @ConfigProperty(name = "flex.uftp.outbox.entity-prefix", defaultValue = "ea1.2026-01.flexledger.local")
                    String entityPrefix,
            @ConfigProperty(name = "flex.uftp.outbox.first-retry", defaultValue = "1s") Duration firstRetry,
            @ConfigProperty(name = "flex.uftp.outbox.max-retry", defaultValue = "5m") Duration maxRetry,
            @ConfigProperty(name = "flex.uftp.outbox.give-up-after", defaultValue = "65m") Duration giveUpAfter,
            @ConfigProperty(name = "flex.uftp.outbox.dir") Optional<String> dir) {
        this(
                ledger,
                events,
                !enabled && dir.isPresent()
                        ? fromDirectory(
                                java.nio.file.Path.of(dir.get()), entityPrefix, firstRetry, maxRetry, giveUpAfter)
                        : fixed(
                                enabled
                                        ? Optional.of(new Settings(
                                                senderDomain.orElseThrow(() -> missing("sender-domain")),
                                                Cs1.parsePrivateKey(
                                                        signingKey.orElseThrow(() -> missing("signing-key"))),
                                                participantDomain.orElseThrow(() -> missing("participant-domain")),
                                                entityPrefix,
                                                firstRetry,
                                                maxRetry,
                                                giveUpAfter))
                                        : Optional.empty()),
                enabled || dir.isPresent());
    }

    private static java.util.function.Supplier<Optional<Settings>> fixed(Optional<Settings> settings) {
        return () -> settings;
    }

    /**
     * Settings read, at each order, from {@code dir/settings.properties} ({@code sender-domain},
     * {@code signing-key}, {@code participant-domain}, optionally {@code entity-prefix}): the local
     * stack gives each API such a folder ({@code FLEX_UFTP_OUTBOX_DIR}), so that an organisation turns
     * its outbox on without a restart; no file, no outbox.
     */
    static java.util.function.Supplier<Optional<Settings>> fromDirectory(
            java.nio.file.Path dir, String entityPrefix, Duration firstRetry, Duration maxRetry, Duration giveUpAfter) {
        return () -> {
            java.nio.file.Path file = dir.resolve("settings.properties");
            if (!java.nio.file.Files.isRegularFile(file)) {
                return Optional.empty();
            }
            java.util.Properties p = new java.util.Properties();
            try (java.io.Reader r = java.nio.file.Files.newBufferedReader(file)) {
                p.load(r);
            } catch (java.io.IOException e) {
                LOG.warnf("UFTP outbox: cannot read %s: %s", file, e.getMessage());
                return Optional.empty();
            }
            try {
                return Optional.of(new Settings(
                        p.getProperty("sender-domain").strip(),
                        Cs1.parsePrivateKey(p.getProperty("signing-key").strip()),
                        p.getProperty("participant-domain").strip(),
                        p.getProperty("entity-prefix", entityPrefix).strip(),
                        firstRetry,
                        maxRetry,
                        giveUpAfter));
            } catch (RuntimeException e) {
                LOG.warnf("UFTP outbox: %s is incomplete or holds a bad key: %s", file, e.getMessage());
                return Optional.empty();
            }
        };
    }

    /** An outbox with the given settings (none: disabled). */
    public UftpOutbox(UftpLedger ledger, LedgerEvents events, Optional<Settings> settings) {
        this(ledger, events, fixed(settings), settings.isPresent());
    }

    private UftpOutbox(
            UftpLedger ledger,
            LedgerEvents events,
            java.util.function.Supplier<Optional<Settings>> settings,
            boolean active) {
        this.ledger = ledger;
        this.events = events;
        this.settings = settings;
        this.active = active;
    }

    private static IllegalStateException missing(String name) {
        return new IllegalStateException("flex.uftp.outbox.enabled needs flex.uftp.outbox." + name);
    }

    void start(@Observes StartupEvent ignored) {
        if (active) {
            unlisten = events.listen(this::onEvent);
            LOG.infof("UFTP outbox of %s follows the ledger's orders", ledger.mspId());
        }
    }

    void stop(@Observes ShutdownEvent ignored) {
        unlisten.run();
        scheduler.shutdownNow();
    }

    /** Sends the FlexOrder of an order on one of this organisation's offers. */
    public void onEvent(LedgerEvent event) {
        if (!active
                || !"OrderCreated".equals(event.name())
                || !ledger.mspId().equals(event.payload().path("aggregatorMsp").asText())) {
            return;
        }
        Optional<Settings> current = settings.get();
        if (current.isEmpty()) {
            return;
        }
        Settings s = current.get();
        send(flexOrder(event.payload(), event.txId(), s.senderDomain(), s.participantDomain(), s.entityPrefix()), s);
    }

    /** What became of a MessageID: {@code sent}, {@code gave up: ...}, or absent while pending. */
    public Optional<String> outcome(UUID messageId) {
        return Optional.ofNullable(outcome.get(messageId));
    }

    /** The deterministic MessageID of the message about ledger record {@code recordId} of transaction {@code txId}. */
    public static UUID messageId(String type, String recordId, String txId) {
        return UUID.nameUUIDFromBytes((type + "|" + recordId + "|" + txId).getBytes(StandardCharsets.UTF_8));
    }

    /** The FlexOrder of an {@code OrderCreated} record. */
    public static FlexOrder flexOrder(
            JsonNode order, String txId, String senderDomain, String recipientDomain, String entityPrefix) {
        String id = order.path("id").asText();
        FlexOrder m = new FlexOrder();
        m.setVersion(PayloadMessage.VERSION)
                .setSenderDomain(senderDomain)
                .setRecipientDomain(recipientDomain)
                .setTimeStamp(OffsetDateTime.now(ZoneOffset.UTC).withNano(0))
                .setMessageId(messageId("FlexOrder", id, txId))
                .setConversationId(messageId("conversation", id, txId));
        m.setIspDuration(Duration.ofMinutes(15))
                .setTimeZone("Europe/London")
                .setPeriod(LocalDate.parse(order.path("day").asText()))
                .setCongestionPoint(
                        entityPrefix + ":" + order.path("congestionPointId").asText());
        String offerId = order.path("offerId").asText();
        if (offerId.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
            m.setFlexOfferMessageId(UUID.fromString(offerId));
        }
        m.setPrice(new BigDecimal(order.path("cost").asText("0")))
                .setCurrency("EUR")
                .setOrderReference(id)
                .setOptionReference(order.path("assetId").asText())
                .setActivationFactor(new BigDecimal(order.path("activation").asText("1")));
        for (Iterator<Map.Entry<String, JsonNode>> it = order.path("kwBySlot").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> slot = it.next();
            long watts =
                    new BigDecimal(slot.getValue().asText()).movePointRight(3).longValue();
            m.getIsps()
                    .add(new FlexOrderIsp()
                            .setStart(Integer.parseInt(slot.getKey()) + 1)
                            .setDuration(1)
                            .setPower(-watts));
        }
        return m;
    }

    /** Sends {@code message} to its recipient's registered endpoint, once per MessageID, with retries. */
    public void send(PayloadMessage message, Settings s) {
        if (!taken.add(message.getMessageId())) {
            return;
        }
        byte[] inner = UftpXml.standard().write(message);
        byte[] body = UftpXml.standard()
                .write(new SignedMessage(message.getSenderDomain(), UsefRole.AGR, Cs1.sign(inner, s.signingKey())));
        long started = System.nanoTime();
        scheduler.execute(() -> attempt(message, body, started, 0, s));
    }

    private void attempt(PayloadMessage message, byte[] body, long started, int attempt, Settings s) {
        String failure;
        try {
            Optional<JsonNode> recipient = ledger.participant(message.getRecipientDomain());
            if (recipient.isEmpty()) {
                failure = message.getRecipientDomain() + " is not registered";
            } else {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create(
                                        recipient.get().path("endpoint").asText()))
                                .timeout(Duration.ofSeconds(30))
                                .header("Content-Type", "text/xml")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() / 100 == 2) {
                    outcome.put(message.getMessageId(), "sent");
                    LOG.infof(
                            "UFTP outbox: %s %s sent to %s",
                            message.elementName(), message.getMessageId(), message.getRecipientDomain());
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
            outcome.put(message.getMessageId(), "gave up: " + failure);
            LOG.errorf(
                    "UFTP outbox: gave up %s %s after %d tries in %s: %s",
                    message.elementName(), message.getMessageId(), attempt + 1, elapsed, failure);
            return;
        }
        LOG.debugf(
                "UFTP outbox: %s %s failed (%s); again in %d ms",
                message.elementName(), message.getMessageId(), failure, delay);
        scheduler.schedule(() -> attempt(message, body, started, attempt + 1, s), delay, TimeUnit.MILLISECONDS);
    }
}
