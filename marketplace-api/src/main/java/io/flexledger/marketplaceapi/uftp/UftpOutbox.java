package io.flexledger.marketplaceapi.uftp;

import com.fasterxml.jackson.databind.JsonNode;
import io.flexledger.contract.ErrorCode;
import io.flexledger.domain.participants.Organisation;
import io.flexledger.marketplaceapi.ledger.ChaincodeRejection;
import io.flexledger.marketplaceapi.ledger.LedgerEvent;
import io.flexledger.marketplaceapi.ledger.LedgerEvents;
import io.flexledger.uftp.ContractSettlement;
import io.flexledger.uftp.ContractSettlementIsp;
import io.flexledger.uftp.ContractSettlementPeriod;
import io.flexledger.uftp.Cs1;
import io.flexledger.uftp.FlexOffer;
import io.flexledger.uftp.FlexOfferOption;
import io.flexledger.uftp.FlexOfferOptionIsp;
import io.flexledger.uftp.FlexOfferRevocation;
import io.flexledger.uftp.FlexOrder;
import io.flexledger.uftp.FlexOrderIsp;
import io.flexledger.uftp.FlexOrderSettlement;
import io.flexledger.uftp.FlexOrderSettlementIsp;
import io.flexledger.uftp.FlexSettlement;
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
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;
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
    private final OutboxStore store;
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
        this.store = store;
        this.settings = settings;
        this.active = active;
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
            scheduler.execute(this::resumeQuietly);
            unlisten = events.listen(this::onEvent);
            // At start-up, then periodically: orders committed while no instance listened.
            if (!scan.every().isZero()) {
                scheduler.scheduleWithFixedDelay(
                        this::scanQuietly, 0, scan.every().toMillis(), TimeUnit.MILLISECONDS);
            }
            LOG.infof("UFTP outbox of %s follows the ledger's orders and settlements", ledger.mspId());
        }
    }

    void stop(@Observes ShutdownEvent ignored) {
        unlisten.run();
        scheduler.shutdownNow();
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
            offer(event.payload());
        } else if ("OfferRevoked".equals(event.name())) {
            String owner = event.payload().path("aggregatorMsp").asText("");
            // Another aggregator's revocation is none of ours (ours is checked again on the ledger).
            if (owner.isEmpty() || owner.equals(ledger.mspId())) {
                String offerId = event.payload().path("offerId").asText("");
                // Off the relay's thread: deciding reads the ledger.
                scheduler.execute(() -> {
                    try {
                        revocation(offerId);
                    } catch (RuntimeException e) {
                        LOG.infof(
                                "UFTP outbox: the revocation of %s is looked at again at the next scan: %s",
                                offerId, e);
                    }
                });
            }
        } else if ("OrderSettled".equals(event.name())) {
            settlement(event.payload());
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
                    settlement(record);
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
                    revocation(record.path("id").asText(""));
                } else {
                    offer(record);
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
        send(
                messageId("FlexOrder", id),
                () -> flexOrder(order, s.senderDomain(), s.participantDomain(), s.entityPrefix()),
                UsefRole.AGR,
                s);
        revokeOtherOptions(order);
    }

    /**
     * Announces one of this aggregator's open offers (made through its REST API or its own UFTP
     * participant) to the DSO's UFTP participant as a FlexOffer signed by the edge, while it is still
     * orderable (before its first slot); nothing while the DSO has no participant to send it to. An
     * option of a FlexOffer of several ({@code uftp:CreateOffers}) goes out with its sibling options as
     * ONE FlexOffer, MessageID name-based on the original FlexOffer's MessageID, one OfferOption per
     * option still open, so that the counterparty orders one of them by its OptionReference.
     */
    private void offer(JsonNode offer) {
        if (!ledger.mspId().equals(offer.path("aggregatorMsp").asText())
                || !"OFFERED".equals(offer.path("state").asText())
                || !expiration(offer).isAfter(java.time.Instant.now())) {
            return;
        }
        Optional<Settings> current = settings.get();
        if (current.isEmpty()) {
            return;
        }
        Settings s = current.get();
        String id = offer.path("id").asText();
        Optional<String> group = groupOf(offer);
        if (group.isPresent()) {
            send(
                    messageId("FlexOffer", group.get()),
                    () -> {
                        List<JsonNode> open = openOptions(group.get(), id);
                        if (open.isEmpty()) {
                            return null;
                        }
                        return dsoRecipientOf(open.get(0), messageId("FlexOffer", group.get()))
                                .map(r -> flexOffer(
                                        open,
                                        group.get(),
                                        r.request().orElse(null),
                                        s.senderDomain(),
                                        r.domain(),
                                        s.entityPrefix()))
                                .orElse(null);
                    },
                    UsefRole.AGR,
                    s);
            return;
        }
        send(
                messageId("FlexOffer", id),
                () -> dsoRecipientOf(offer, messageId("FlexOffer", id))
                        .map(r -> flexOffer(
                                offer, r.request().orElse(null), s.senderDomain(), r.domain(), s.entityPrefix()))
                        .orElse(null),
                UsefRole.AGR,
                s);
    }

    /**
     * The original FlexOffer MessageID of an offer that is one option of a FlexOffer of several: the
     * event's {@code flexOfferMessageId} (the relay adds it to each option's {@code OfferCreated}), or,
     * for a record the scan found, the {@code <MessageID>} of an id {@code <MessageID>.<reference>}.
     */
    private static Optional<String> groupOf(JsonNode offer) {
        if (offer.hasNonNull("flexOfferMessageId")) {
            return Optional.of(offer.path("flexOfferMessageId").asText());
        }
        String id = offer.path("id").asText();
        return flexOfferMessageId(id).map(UUID::toString).filter(g -> !g.equals(id));
    }

    /**
     * The options of FlexOffer {@code group} that are open and orderable, in the order the FlexOffer gave
     * them; none if one is ordered already (the FlexOffer is then a commitment, told by a FlexOrder) or if
     * {@code offerId} is not one of them (an id that only looks like an option's).
     */
    private List<JsonNode> openOptions(String group, String offerId) {
        List<String> ids = ledger.offerOptions(group).orElse(List.of());
        if (!ids.contains(offerId)) {
            return List.of();
        }
        List<JsonNode> open = new java.util.ArrayList<>();
        for (String id : ids) {
            Optional<JsonNode> o = ledger.offer(id);
            String state = o.map(x -> x.path("state").asText()).orElse("");
            if ("ORDERED".equals(state)) {
                return List.of();
            }
            if ("OFFERED".equals(state)
                    && ledger.mspId().equals(o.get().path("aggregatorMsp").asText())
                    && expiration(o.get()).isAfter(java.time.Instant.now())) {
                open.add(o.get());
            }
        }
        return open;
    }

    /**
     * Tells the DSO participant that a FlexOffer this edge sent is withdrawn: when one of this
     * aggregator's offers is revoked on the ledger ({@code OfferRevoked}, or a revoked offer the scan
     * finds) and its FlexOffer went out from this edge (the message log holds it under the edge's
     * domain), a FlexOfferRevocation of that FlexOffer goes to the domain it went to, MessageID
     * name-based on the FlexOffer, once. A FlexOffer of several options is revoked only when none of
     * its options is open any more and none is ordered (the revocations that follow an order of one
     * option are not a withdrawal: the FlexOrder says what happened). The offer's owner is read from the
     * ledger, not from the event, so another aggregator's revocation is never announced as ours.
     */
    private void revocation(String offerId) {
        if (offerId.isEmpty()) {
            return;
        }
        Optional<Settings> current = settings.get();
        if (current.isEmpty()) {
            return;
        }
        Settings s = current.get();
        Optional<JsonNode> offer = ledger.offer(offerId);
        if (offer.isEmpty()
                || !ledger.mspId().equals(offer.get().path("aggregatorMsp").asText())
                || !"REVOKED".equals(offer.get().path("state").asText())) {
            return;
        }
        String key = groupOf(offer.get())
                .filter(g ->
                        ledger.offerOptions(g).map(l -> l.contains(offerId)).orElse(false))
                .orElse(offerId);
        if (!key.equals(offerId)) {
            for (String sibling : ledger.offerOptions(key).orElse(List.of())) {
                String state =
                        ledger.offer(sibling).map(x -> x.path("state").asText()).orElse("");
                if (!"REVOKED".equals(state)) {
                    return;
                }
            }
        }
        UUID flexOffer = messageId("FlexOffer", key);
        Optional<JsonNode> sent = ledger.message(s.senderDomain(), flexOffer.toString());
        if (sent.isEmpty()) {
            // Never announced over UFTP: nobody there to tell.
            return;
        }
        send(
                messageId("FlexOfferRevocation", key),
                () -> flexOfferRevocation(key, sent.get(), s.senderDomain()),
                UsefRole.AGR,
                s);
    }

    /**
     * The FlexOfferRevocation of the FlexOffer this edge sent for ledger offer (or FlexOffer of options)
     * {@code key}, to the domain the FlexOffer went to, in its conversation.
     */
    static FlexOfferRevocation flexOfferRevocation(String key, JsonNode sentFlexOffer, String senderDomain) {
        FlexOfferRevocation m = new FlexOfferRevocation();
        String conversation = sentFlexOffer.path("conversationId").asText("");
        m.setVersion(PayloadMessage.VERSION)
                .setSenderDomain(senderDomain)
                .setRecipientDomain(sentFlexOffer.path("recipientDomain").asText())
                .setTimeStamp(OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS))
                .setMessageId(messageId("FlexOfferRevocation", key))
                .setConversationId(
                        conversation.isEmpty() ? messageId("conversation", key) : UUID.fromString(conversation));
        m.setFlexOfferMessageId(messageId("FlexOffer", key));
        return m;
    }

    /** The DSO participant an offer goes to, and the UFTP FlexRequest it answers if it answers one. */
    record DsoRecipient(String domain, Optional<JsonNode> request) {}

    /**
     * The DSO's UFTP participant an offer is announced to, chosen the same way by every instance: (1) the
     * one whose FlexRequest it answers (the message log holds the request's MessageID under that domain);
     * else (2) the DSO's only DSO participant; else (3) of several, the one that sent the latest FlexRequest
     * (by the time the ledger recorded it, then by domain name) for the offer's congestion point; with
     * none such, nobody is guessed and the reason is logged once (looked at again at the next scan).
     */
    Optional<DsoRecipient> dsoRecipientOf(JsonNode offer, UUID messageId) {
        List<String> domains = ledger.participants().stream()
                .filter(p -> "DSO".equals(p.path("role").asText()))
                .map(p -> p.path("domain").asText())
                .sorted()
                .toList();
        String requestId = offer.path("requestId").asText("");
        if (!requestId.isEmpty()) {
            for (String domain : domains) {
                Optional<JsonNode> request = ledger.message(domain, requestId);
                if (request.isPresent()
                        && "FlexRequest"
                                .equals(request.get().path("messageType").asText())) {
                    return Optional.of(new DsoRecipient(domain, request));
                }
            }
        }
        if (domains.size() == 1) {
            return Optional.of(new DsoRecipient(domains.get(0), Optional.empty()));
        }
        String congestionPoint = offer.path("congestionPointId").asText();
        String best = null;
        String bestAt = "";
        for (String domain : domains) {
            for (JsonNode m : ledger.messagesOf(domain)) {
                String at = m.path("at").asText("");
                if (!"FlexRequest".equals(m.path("messageType").asText()) || at.compareTo(bestAt) <= 0) {
                    continue;
                }
                boolean here = ledger.request(m.path("messageId").asText())
                        .map(r -> congestionPoint.equals(
                                r.path("congestionPointId").asText()))
                        .orElse(false);
                if (here) {
                    best = domain;
                    bestAt = at;
                }
            }
        }
        if (best != null) {
            return Optional.of(new DsoRecipient(best, Optional.empty()));
        }
        if (!outcome.containsKey(messageId)) {
            LOG.infof(
                    "UFTP outbox: FlexOffer %s of offer %s is not sent: the DSO has %s UFTP domains %s and none sent a"
                            + " FlexRequest for congestion point %s (tried again at the next scan)",
                    messageId, offer.path("id").asText(), domains.size(), domains, congestionPoint);
        }
        return Optional.empty();
    }

    /** When an offer stops being orderable: the start of its first slot. */
    static java.time.Instant expiration(JsonNode offer) {
        int first = Integer.MAX_VALUE;
        for (Iterator<String> it = offer.path("kwBySlot").fieldNames(); it.hasNext(); ) {
            first = Math.min(first, Integer.parseInt(it.next()));
        }
        LocalDate day = LocalDate.parse(offer.path("day").asText());
        return io.flexledger.domain.time.MarketRules.DEFAULT
                .period(day)
                .start()
                .plus(Duration.ofMinutes(15L * (first == Integer.MAX_VALUE ? 0 : first)));
    }

    /**
     * The FlexOffer of a ledger offer, from {@code senderDomain} to the DSO participant
     * {@code recipientDomain}: MessageID name-based on the offer id, ConversationID the FlexRequest's
     * when it answers one (else name-based), FlexRequestMessageID the request's MessageID or
     * Unsolicited, expiring when its first slot starts; one OfferOption whose OptionReference is the
     * ledger offer id (so that a FlexOrder naming it orders that offer), its total Price the price per
     * kWh times its energy, and per slot an ISP with the reduction as a negative power in W.
     */
    public static FlexOffer flexOffer(
            JsonNode offer, JsonNode request, String senderDomain, String recipientDomain, String entityPrefix) {
        return flexOffer(
                List.of(offer), offer.path("id").asText(), request, senderDomain, recipientDomain, entityPrefix);
    }

    /**
     * The FlexOffer of one or several ledger offers announced together under {@code key} (a ledger offer
     * id, or the MessageID of a FlexOffer of several options): MessageID name-based on {@code key}, one
     * OfferOption per offer in the given order, OptionReference the ledger offer id, expiring when the
     * first slot of any of them starts.
     */
    public static FlexOffer flexOffer(
            List<JsonNode> offers,
            String key,
            JsonNode request,
            String senderDomain,
            String recipientDomain,
            String entityPrefix) {
        JsonNode first = offers.get(0);
        FlexOffer m = new FlexOffer();
        m.setVersion(PayloadMessage.VERSION)
                .setSenderDomain(senderDomain)
                .setRecipientDomain(recipientDomain)
                .setTimeStamp(OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS))
                .setMessageId(messageId("FlexOffer", key))
                .setConversationId(
                        request == null || !request.hasNonNull("conversationId")
                                ? messageId("conversation", key)
                                : UUID.fromString(request.path("conversationId").asText()));
        m.setIspDuration(Duration.ofMinutes(15))
                .setTimeZone("Europe/London")
                .setPeriod(LocalDate.parse(first.path("day").asText()))
                .setCongestionPoint(
                        entityPrefix + ":" + first.path("congestionPointId").asText());
        java.time.Instant expires = offers.stream()
                .map(UftpOutbox::expiration)
                .min(java.util.Comparator.naturalOrder())
                .orElseThrow();
        m.setExpirationDateTime(expires.atOffset(ZoneOffset.UTC)).setCurrency("EUR");
        if (request == null) {
            m.setUnsolicited(true);
        } else {
            m.setUnsolicited(false)
                    .setFlexRequestMessageId(
                            UUID.fromString(request.path("messageId").asText()));
        }
        for (JsonNode offer : offers) {
            m.getOfferOptions().add(option(offer));
        }
        return m;
    }

    /** The OfferOption of one ledger offer. */
    private static FlexOfferOption option(JsonNode offer) {
        BigDecimal kw = BigDecimal.ZERO;
        FlexOfferOption option =
                new FlexOfferOption().setOptionReference(offer.path("id").asText());
        for (Iterator<Map.Entry<String, JsonNode>> it = offer.path("kwBySlot").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> slot = it.next();
            BigDecimal slotKw = new BigDecimal(slot.getValue().asText());
            kw = kw.add(slotKw);
            option.getIsps()
                    .add(new FlexOfferOptionIsp()
                            .setStart(Integer.parseInt(slot.getKey()) + 1)
                            .setDuration(1)
                            .setPower(-slotKw.movePointRight(3).longValue()));
        }
        BigDecimal kwh = kw.multiply(new BigDecimal("0.25"));
        option.setPrice(new BigDecimal(offer.path("price").asText("0"))
                .multiply(kwh)
                .setScale(4, java.math.RoundingMode.HALF_EVEN));
        BigDecimal min = new BigDecimal(offer.path("minActivation").asText("1"))
                .setScale(2, java.math.RoundingMode.CEILING)
                .max(new BigDecimal("0.01"));
        option.setMinActivationFactor(min);
        return option;
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

    private void settlement(JsonNode settlement) {
        if (!ledger.mspId().equals(settlement.path("dsoMsp").asText())) {
            return;
        }
        Optional<Settings> current = settings.get();
        if (current.isEmpty()) {
            return;
        }
        Settings s = current.get();
        send(
                messageId("FlexSettlement", settlement.path("id").asText()),
                () -> recipientOf(settlement)
                        .map(recipient -> flexSettlement(
                                settlement,
                                ledger.order(settlement.path("orderId").asText()),
                                ledger.settlementDetails(settlement.path("id").asText()),
                                s.senderDomain(),
                                recipient,
                                s.entityPrefix()))
                        .orElse(null),
                UsefRole.DSO,
                s);
    }

    /**
     * The UFTP participant a settlement is sent to: of the settlement's aggregator's AGR participants,
     * the one whose message created the settled offer (the ledger's message log); else its only one.
     */
    Optional<String> recipientOf(JsonNode settlement) {
        String aggregator = settlement.path("aggregatorMsp").asText();
        java.util.List<String> domains = ledger.participants().stream()
                .filter(p -> aggregator.equals(p.path("msp").asText())
                        && "AGR".equals(p.path("role").asText()))
                .map(p -> p.path("domain").asText())
                .toList();
        String offerId = settlement.path("offerId").asText();
        for (String domain : domains) {
            if (ledger.message(domain, offerId).isPresent()) {
                return Optional.of(domain);
            }
        }
        return domains.size() == 1 ? Optional.of(domains.get(0)) : Optional.empty();
    }

    /** The power in W of an energy in kWh over one 15-minute slot. */
    private static long watts(JsonNode kwh) {
        return new BigDecimal(kwh.asText("0"))
                .multiply(BigDecimal.valueOf(4_000))
                .setScale(0, java.math.RoundingMode.HALF_EVEN)
                .longValueExact();
    }

    private static BigDecimal amount(JsonNode eur) {
        return new BigDecimal(eur.asText("0")).setScale(4, java.math.RoundingMode.HALF_EVEN);
    }

    /**
     * The FlexSettlement of one settled order: one FlexOrderSettlement with the public record's amounts
     * (payment as Price, penalty, net) and, per ordered slot, the settlement's lines as average powers
     * in W (baseline, ordered and delivered flexibility as negative powers like the FlexOrder's,
     * metered as the actual power, the shortfall as the deficiency). UFTP 3.1.0's schema requires a
     * ContractSettlement as well; the market has no bilateral contracts and reserves no power, so it is
     * the market's own ({@code flexledger-market}) with ReservedPower 0 and the ordered power.
     */
    public static FlexSettlement flexSettlement(
            JsonNode settlement,
            JsonNode order,
            JsonNode details,
            String senderDomain,
            String recipientDomain,
            String entityPrefix) {
        String orderId = settlement.path("orderId").asText();
        LocalDate day = LocalDate.parse(settlement.path("day").asText());
        FlexSettlement m = new FlexSettlement();
        m.setVersion(PayloadMessage.VERSION)
                .setSenderDomain(senderDomain)
                .setRecipientDomain(recipientDomain)
                .setTimeStamp(OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS))
                .setMessageId(messageId("FlexSettlement", settlement.path("id").asText()))
                .setConversationId(messageId("conversation", orderId));
        m.accept();
        m.setPeriodStart(day).setPeriodEnd(day).setCurrency("EUR");
        FlexOrderSettlement line = new FlexOrderSettlement()
                .setOrderReference(orderId)
                .setPeriod(day)
                .setCongestionPoint(
                        entityPrefix + ":" + order.path("congestionPointId").asText())
                .setPrice(amount(settlement.path("paymentEur")))
                .setPenalty(amount(settlement.path("penaltyEur")))
                .setNetSettlement(amount(settlement.path("netEur")));
        ContractSettlementPeriod period = new ContractSettlementPeriod().setPeriod(day);
        for (JsonNode l : details.path("lines")) {
            int start = l.path("slot").asInt() + 1;
            long ordered = -watts(l.path("orderedKwh"));
            line.getIsps()
                    .add(new FlexOrderSettlementIsp()
                            .setStart(start)
                            .setDuration(1)
                            .setBaselinePower(watts(l.path("baselineKwh")))
                            .setOrderedFlexPower(ordered)
                            .setActualPower(watts(l.path("meteredKwh")))
                            .setDeliveredFlexPower(-watts(l.path("deliveredKwh")))
                            .setPowerDeficiency(watts(l.path("shortfallKwh"))));
            period.getIsps()
                    .add(new ContractSettlementIsp()
                            .setStart(start)
                            .setDuration(1)
                            .setReservedPower(0L)
                            .setOrderedPower(ordered));
        }
        m.getFlexOrderSettlements().add(line);
        ContractSettlement contract = new ContractSettlement().setContractId(MARKET_CONTRACT);
        contract.getPeriods().add(period);
        m.getContractSettlements().add(contract);
        return m;
    }

    /** The ContractID of the market's own rules in a FlexSettlement's required ContractSettlement. */
    public static final String MARKET_CONTRACT = "flexledger-market";

    /** What became of a MessageID: {@code sent}, {@code recorded before}, {@code gave up: ...}, or absent while pending. */
    public Optional<String> outcome(UUID messageId) {
        return Optional.ofNullable(outcome.get(messageId));
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
     * Sends message {@code messageId} (built by {@code build} only if it is to be sent) to its
     * recipient's registered endpoint, at most once: not if this process took it already, not if the
     * ledger records it, and only after this instance's record of it committed; then with retries.
     */
    void send(UUID messageId, java.util.function.Supplier<? extends PayloadMessage> build, UsefRole role, Settings s) {
        if (!taken.add(messageId)) {
            return;
        }
        scheduler.execute(() -> claimAndDeliver(messageId, build, role, s));
    }

    private void claimAndDeliver(
            UUID messageId, java.util.function.Supplier<? extends PayloadMessage> build, UsefRole role, Settings s) {
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
                Optional<JsonNode> recorded = ledger.message(s.senderDomain(), messageId.toString());
                if (recorded.isEmpty()) {
                    throw e;
                }
                if (!sha256.equals(recorded.get().path("sha256").asText())) {
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
    public int resume() {
        if (store == null || !active) {
            return 0;
        }
        Optional<Settings> current = settings.get();
        if (current.isEmpty()) {
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
            Optional<JsonNode> recorded;
            try {
                recorded = ledger.message(p.senderDomain(), p.messageId().toString());
            } catch (RuntimeException e) {
                taken.remove(p.messageId());
                continue;
            }
            if (recorded.isEmpty()
                    || !p.sha256().equals(recorded.get().path("sha256").asText())) {
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

    private void resumeQuietly() {
        try {
            resume();
        } catch (RuntimeException e) {
            LOG.warnf("UFTP outbox: resuming kept messages failed: %s", e.toString());
        }
    }

    private void attempt(Delivery d, long started, int attempt, Settings s) {
        String failure;
        try {
            Optional<JsonNode> recipient = ledger.participant(d.recipientDomain());
            if (recipient.isEmpty()) {
                failure = d.recipientDomain() + " is not registered";
            } else {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create(
                                        recipient.get().path("endpoint").asText()))
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
