package io.flexledger.marketplaceapi.uftp;

import com.fasterxml.jackson.databind.JsonNode;
import io.flexledger.domain.participants.Organisation;
import io.flexledger.marketplaceapi.ledger.LedgerEvent;
import io.flexledger.marketplaceapi.ledger.LedgerEvents;
import io.flexledger.uftp.Cs1;
import io.flexledger.uftp.FlexOrder;
import io.flexledger.uftp.FlexOrderIsp;
import io.flexledger.uftp.PayloadMessage;
import io.flexledger.uftp.UsefRole;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The organisation's UFTP outbox (decision 0019): when the ledger records an order on one of this
 * aggregator's offers ({@code OrderCreated}), its own UFTP participant is sent the FlexOrder, signed
 * with the edge's CS1 key ({@code flex.uftp.outbox.signing-key}) under the edge's domain, to the
 * endpoint the participant registered on the ledger.
 *
 * <p>The ledger is the outbox's checkpoint, so that any number of instances behind a load balancer,
 * and any restart, send each message at most once: the MessageID is a name-based UUID of the order
 * it announces; before sending, the outbox looks the MessageID up in the ledger's message log and
 * records the signed message there ({@code uftp:RecordMessage}: ID, sender, SHA-256 and signature);
 * the chaincode refuses a MessageID recorded before ({@code UFTP_MESSAGE_REPLAYED}), and only the
 * instance whose record committed posts it. At start-up and every {@code scan-every} the outbox reads
 * the orders of the recent days ({@code scan-days-back} days back to tomorrow) and sends those whose
 * message is not recorded, so an order committed while no instance ran is sent too. A failed post is
 * retried with exponential back-off (from {@code first-retry}, doubling up to {@code max-retry}) with
 * the same signed bytes, and given up after {@code give-up-after} (at least an hour, as UFTP asks).
 *
 * <p>This class follows the ledger (events and scans) and builds the FlexOrders; the other messages have
 * their own classes: {@link FlexOfferAnnouncements} (an aggregator's FlexOffers), {@link FlexSettlements}
 * (the DSO's),
 * {@link FlexOfferRevocations} (their withdrawal), {@link DsoDomains} (which DSO domain a FlexOffer goes
 * to), and {@link OutboxDeliveries} (at most once through the ledger's log, the durable pending store,
 * retries).
 */
@ApplicationScoped
public class UftpOutbox {
    private static final Logger LOG = Logger.getLogger(UftpOutbox.class);

    /**
     * The outbox's settings: the edge's own domain and CS1 key, and (an aggregator's) its own
     * participant's domain, to which FlexOrders go (null: none sent).
     */
    public record Settings(
            String senderDomain,
            PrivateKey signingKey,
            String participantDomain,
            String entityPrefix,
            Duration firstRetry,
            Duration maxRetry,
            Duration giveUpAfter) {}

    /** How the outbox finds orders it has not sent: how often it scans, and how many days back. */
    public record Scan(Duration every, int daysBack) {
        /** No periodic scan (tests call {@link #scan(LocalDate)}). */
        public static final Scan NONE = new Scan(Duration.ZERO, 1);
    }

    private static final ZoneId MARKET_ZONE = ZoneId.of("Europe/London");

    private final UftpLedger ledger;
    private final LedgerEvents events;
    private final Scan scan;
    private final java.util.function.Supplier<Optional<Settings>> settings;
    private final boolean active;
    private final OutboxDeliveries deliveries;
    private final DsoDomains dsos;
    private final FlexOfferAnnouncements announcements;
    private final FlexOfferRevocations revocations;
    private final FlexSettlements settlements;
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
            @ConfigProperty(name = "flex.uftp.outbox.dir") Optional<String> dir,
            @ConfigProperty(name = "flex.uftp.outbox.store-dir") Optional<String> storeDir,
            @ConfigProperty(name = "flex.uftp.outbox.scan-every", defaultValue = "5m") Duration scanEvery,
            @ConfigProperty(name = "flex.uftp.outbox.scan-days-back", defaultValue = "1") int scanDaysBack) {
        this(
                ledger,
                events,
                new Scan(scanEvery, scanDaysBack),
                storeDir.or(() -> dir)
                        .map(d -> new OutboxStore(java.nio.file.Path.of(d)))
                        .orElse(null),
                !enabled && dir.isPresent()
                        ? fromDirectory(
                                java.nio.file.Path.of(dir.get()), entityPrefix, firstRetry, maxRetry, giveUpAfter)
                        : fixed(
                                enabled
                                        ? Optional.of(new Settings(
                                                senderDomain.orElseThrow(() -> missing("sender-domain")),
                                                Cs1.parsePrivateKey(
                                                        signingKey.orElseThrow(() -> missing("signing-key"))),
                                                participantDomain.orElse(null),
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
                        Optional.ofNullable(p.getProperty("participant-domain"))
                                .map(String::strip)
                                .orElse(null),
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

    /** An outbox with the given settings (none: disabled), keeping what it delivers in memory only. */
    public UftpOutbox(UftpLedger ledger, LedgerEvents events, Optional<Settings> settings) {
        this(ledger, events, Scan.NONE, null, fixed(settings), settings.isPresent());
    }

    /**
     * An outbox with the given settings that keeps the messages it is delivering under {@code storeDir}
     * ({@code pending/}), so that a restarted one resumes them ({@link #resume()}).
     */
    public UftpOutbox(
            UftpLedger ledger, LedgerEvents events, Optional<Settings> settings, java.nio.file.Path storeDir) {
        this(ledger, events, Scan.NONE, new OutboxStore(storeDir), fixed(settings), settings.isPresent());
    }

    private UftpOutbox(
            UftpLedger ledger,
            LedgerEvents events,
            Scan scan,
            OutboxStore store,
            java.util.function.Supplier<Optional<Settings>> settings,
            boolean active) {
        this.ledger = ledger;
        this.events = events;
        this.scan = scan;
        this.settings = settings;
        this.active = active;
        this.deliveries = new OutboxDeliveries(ledger, store);
        this.dsos = new DsoDomains(ledger, deliveries);
        this.announcements = new FlexOfferAnnouncements(ledger, deliveries, dsos, settings);
        this.revocations = new FlexOfferRevocations(ledger, deliveries, settings);
        this.settlements = new FlexSettlements(ledger, deliveries, settings);
    }

    private static IllegalStateException missing(String name) {
        return new IllegalStateException("flex.uftp.outbox.enabled needs flex.uftp.outbox." + name);
    }

    /**
     * The edge's own UFTP identity (its domain and CS1 signing key) when this instance has one
     * configured; the edge signs its synchronous responses with it.
     */
    public Optional<Settings> settings() {
        return active ? settings.get() : Optional.empty();
    }

    void start(@Observes StartupEvent ignored) {
        if (active) {
            // Deliveries a previous run recorded on the ledger and had not finished, before anything new.
            deliveries.execute(this::resumeQuietly);
            unlisten = events.listen(this::onEvent);
            // At start-up, then periodically: orders committed while no instance listened.
            if (!scan.every().isZero()) {
                deliveries.every(scan.every(), this::scanQuietly);
            }
            LOG.infof("UFTP outbox of %s follows the ledger's orders and settlements", ledger.mspId());
        }
    }

    void stop(@Observes ShutdownEvent ignored) {
        unlisten.run();
        deliveries.stop();
    }

    /**
     * Sends the FlexOrder of an order on one of this organisation's offers ({@code OrderCreated}), or
     * the DSO's FlexSettlement of a settled order ({@code OrderSettled}).
     */
    public void onEvent(LedgerEvent event) {
        if (!active) {
            return;
        }
        if ("OrderCreated".equals(event.name())) {
            order(event.payload());
        } else if ("OfferCreated".equals(event.name())) {
            announcements.offer(event.payload());
        } else if ("OfferRevoked".equals(event.name())) {
            String owner = event.payload().path("aggregatorMsp").asText("");
            // Another aggregator's revocation is none of ours (ours is checked again on the ledger).
            if (owner.isEmpty() || owner.equals(ledger.mspId())) {
                String offerId = event.payload().path("offerId").asText("");
                // Off the relay's thread: deciding reads the ledger.
                deliveries.execute(() -> {
                    try {
                        revocations.revocation(offerId);
                    } catch (RuntimeException e) {
                        LOG.infof(
                                "UFTP outbox: the revocation of %s is looked at again at the next scan: %s",
                                offerId, e);
                    }
                });
            }
        } else if ("OrderSettled".equals(event.name())) {
            settlements.settlement(event.payload());
        }
    }

    /**
     * Sends the FlexOrder of every order of the recent days (from {@code daysBack} days before
     * {@code today} to the day after) that is on one of this organisation's offers, not cancelled, and
     * whose message the ledger does not hold yet, and the FlexOffer of every open offer of its own of
     * today and the {@value #OFFER_DAYS_AHEAD} days ahead (an aggregator), or the FlexSettlement of every
     * settlement (the DSO). Returns how many records it looked at.
     */
    public int scan(LocalDate today) {
        if (!active || settings.get().isEmpty()) {
            return 0;
        }
        boolean dso = Organisation.isDso(ledger.mspId());
        int seen = 0;
        for (LocalDate day = today.minusDays(scan.daysBack()); !day.isAfter(today.plusDays(1)); day = day.plusDays(1)) {
            for (JsonNode record : dso ? ledger.settlementsOf(day) : ledger.ordersOf(day)) {
                if (dso) {
                    settlements.settlement(record);
                } else {
                    order(record);
                }
                seen++;
            }
        }
        // Offers are orderable until their first slot: today's and those of the days ahead.
        for (int ahead = 0; !dso && ahead <= OFFER_DAYS_AHEAD; ahead++) {
            for (JsonNode record : ledger.offersOf(today.plusDays(ahead))) {
                if ("REVOKED".equals(record.path("state").asText())) {
                    revocations.revocation(record.path("id").asText(""));
                } else {
                    announcements.offer(record);
                }
                seen++;
            }
        }
        return seen;
    }

    /** How many days ahead the scan looks for offers to announce. */
    static final int OFFER_DAYS_AHEAD = 7;

    private void scanQuietly() {
        resumeQuietly();
        try {
            scan(LocalDate.now(MARKET_ZONE));
        } catch (RuntimeException e) {
            LOG.warnf("UFTP outbox: the scan of recent orders failed, again in %s: %s", scan.every(), e.toString());
        }
    }

    private void order(JsonNode order) {
        if (!ledger.mspId().equals(order.path("aggregatorMsp").asText())
                || "CANCELLED".equals(order.path("state").asText())) {
            return;
        }
        Optional<Settings> current = settings.get();
        if (current.isEmpty()) {
            return;
        }
        Settings s = current.get();
        if (s.participantDomain() == null) {
            return;
        }
        String id = order.path("id").asText();
        deliveries.send(
                messageId("FlexOrder", id),
                () -> flexOrder(order, s.senderDomain(), s.participantDomain(), s.entityPrefix()),
                UsefRole.AGR,
                s);
        revokeOtherOptions(order);
    }

    /**
     * UFTP orders one option of a FlexOffer: once one of a FlexOffer's several options is ordered, the
     * others still open are revoked ({@code revocations:RevokeOffer}, each on its own; one already
     * revoked or ordered is left as it is). The scan comes back to an order, so a revocation the ledger
     * did not take now is tried again.
     */
    private void revokeOtherOptions(JsonNode order) {
        Optional<UUID> flexOffer = flexOfferMessageId(order.path("offerId").asText());
        String offerId = order.path("offerId").asText();
        if (flexOffer.isEmpty() || offerId.equals(flexOffer.get().toString())) {
            return;
        }
        try {
            for (String sibling :
                    ledger.offerOptions(flexOffer.get().toString()).orElse(List.of())) {
                boolean open = !sibling.equals(offerId)
                        && ledger.offer(sibling)
                                .map(o -> "OFFERED".equals(o.path("state").asText()))
                                .orElse(false);
                if (open) {
                    ledger.revokeOffer(
                            sibling,
                            "option "
                                    + offerId.substring(
                                            flexOffer.get().toString().length() + 1) + " of FlexOffer "
                                    + flexOffer.get() + " is ordered (order "
                                    + order.path("id").asText() + ")");
                }
            }
        } catch (RuntimeException e) {
            LOG.infof("UFTP outbox: the other options of %s are not revoked yet: %s", offerId, e.toString());
        }
    }

    /** The FlexOffer MessageID an offer id names: the id itself, or an option's {@code <MessageID>.<ref>}. */
    static Optional<UUID> flexOfferMessageId(String offerId) {
        java.util.regex.Matcher m = OFFER_ID.matcher(offerId);
        return m.matches() ? Optional.of(UUID.fromString(m.group(1))) : Optional.empty();
    }

    private static final java.util.regex.Pattern OFFER_ID = java.util.regex.Pattern.compile(
            "([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(\\..+)?");

    /** The UFTP participant a settlement is sent to (see {@link FlexSettlements#recipientOf}). */
    Optional<String> recipientOf(JsonNode settlement) {
        return settlements.recipientOf(settlement);
    }

    /** What became of a MessageID: {@code sent}, {@code recorded before}, {@code gave up: ...}, or absent while pending. */
    public Optional<String> outcome(UUID messageId) {
        return deliveries.outcome(messageId);
    }

    /** The deterministic MessageID of the {@code type} message about ledger record {@code recordId}. */
    public static UUID messageId(String type, String recordId) {
        return UUID.nameUUIDFromBytes((type + "|" + recordId).getBytes(StandardCharsets.UTF_8));
    }

    /** The FlexOrder of an order record ({@code OrderCreated}, or as the ledger lists it). */
    public static FlexOrder flexOrder(
            JsonNode order, String senderDomain, String recipientDomain, String entityPrefix) {
        String id = order.path("id").asText();
        FlexOrder m = new FlexOrder();
        m.setVersion(PayloadMessage.VERSION)
                .setSenderDomain(senderDomain)
                .setRecipientDomain(recipientDomain)
                .setTimeStamp(OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS))
                .setMessageId(messageId("FlexOrder", id))
                .setConversationId(messageId("conversation", id));
        m.setIspDuration(Duration.ofMinutes(15))
                .setTimeZone("Europe/London")
                .setPeriod(LocalDate.parse(order.path("day").asText()))
                .setCongestionPoint(
                        entityPrefix + ":" + order.path("congestionPointId").asText());
        flexOfferMessageId(order.path("offerId").asText()).ifPresent(m::setFlexOfferMessageId);
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

    /**
     * Resumes the deliveries a previous run kept (see {@link OutboxDeliveries#resume}); returns how many
     * it resumed.
     */
    public int resume() {
        return active ? deliveries.resume(settings.get()) : 0;
    }

    private void resumeQuietly() {
        try {
            resume();
        } catch (RuntimeException e) {
            LOG.warnf("UFTP outbox: resuming kept messages failed: %s", e.toString());
        }
    }

    /** The DSO participant an offer goes to (see {@link DsoDomains#recipientOf}). */
    Optional<DsoDomains.DsoRecipient> dsoRecipientOf(JsonNode offer, UUID messageId) {
        return dsos.recipientOf(offer, messageId);
    }
}
