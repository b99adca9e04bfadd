package io.flexledger.marketplaceapi.uftp;

import static io.flexledger.marketplaceapi.uftp.UftpOutbox.messageId;

import com.fasterxml.jackson.databind.JsonNode;
import io.flexledger.uftp.FlexOffer;
import io.flexledger.uftp.FlexOfferOption;
import io.flexledger.uftp.FlexOfferOptionIsp;
import io.flexledger.uftp.PayloadMessage;
import io.flexledger.uftp.UsefRole;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The aggregator outbox's FlexOffers (decision 0019): each open offer of its own, made through its REST
 * API or its own UFTP participant, announced to the DSO's UFTP domain ({@link DsoDomains}) while it is
 * orderable, the options of a FlexOffer of several together as one FlexOffer.
 */
final class FlexOfferAnnouncements {
    private final UftpLedger ledger;
    private final OutboxDeliveries deliveries;
    private final DsoDomains dsos;
    private final Supplier<Optional<UftpOutbox.Settings>> settings;

    FlexOfferAnnouncements(
            UftpLedger ledger,
            OutboxDeliveries deliveries,
            DsoDomains dsos,
            Supplier<Optional<UftpOutbox.Settings>> settings) {
        this.ledger = ledger;
        this.deliveries = deliveries;
        this.dsos = dsos;
        this.settings = settings;
    }

    /**
     * Announces one of this aggregator's open offers (made through its REST API or its own UFTP
     * participant) to the DSO's UFTP participant as a FlexOffer signed by the edge, while it is still
     * orderable (before its first slot); nothing while the DSO has no participant to send it to. An
     * option of a FlexOffer of several ({@code uftp:CreateOffers}) goes out with its sibling options as
     * ONE FlexOffer, MessageID name-based on the original FlexOffer's MessageID, one OfferOption per
     * option still open, so that the counterparty orders one of them by its OptionReference.
     */
    void offer(JsonNode offer) {
        if (!ledger.mspId().equals(offer.path("aggregatorMsp").asText())
                || !"OFFERED".equals(offer.path("state").asText())
                || !expiration(offer).isAfter(java.time.Instant.now())) {
            return;
        }
        Optional<UftpOutbox.Settings> current = settings.get();
        if (current.isEmpty()) {
            return;
        }
        UftpOutbox.Settings s = current.get();
        String id = offer.path("id").asText();
        Optional<String> group = groupOf(offer);
        if (group.isPresent()) {
            deliveries.send(
                    messageId("FlexOffer", group.get()),
                    () -> {
                        List<JsonNode> open = openOptions(group.get(), id);
                        if (open.isEmpty()) {
                            return null;
                        }
                        return dsos.recipientOf(open.get(0), messageId("FlexOffer", group.get()))
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
        deliveries.send(
                messageId("FlexOffer", id),
                () -> dsos.recipientOf(offer, messageId("FlexOffer", id))
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
    static Optional<String> groupOf(JsonNode offer) {
        if (offer.hasNonNull("flexOfferMessageId")) {
            return Optional.of(offer.path("flexOfferMessageId").asText());
        }
        String id = offer.path("id").asText();
        return UftpOutbox.flexOfferMessageId(id).map(UUID::toString).filter(g -> !g.equals(id));
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
            JsonNode offer,
            io.flexledger.contract.codec.UftpRecords.StoredMessage request,
            String senderDomain,
            String recipientDomain,
            String entityPrefix) {
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
            io.flexledger.contract.codec.UftpRecords.StoredMessage request,
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
                        request == null
                                        || request.conversationId() == null
                                        || request.conversationId().isEmpty()
                                ? messageId("conversation", key)
                                : UUID.fromString(request.conversationId()));
        m.setIspDuration(Duration.ofMinutes(15))
                .setTimeZone("Europe/London")
                .setPeriod(LocalDate.parse(first.path("day").asText()))
                .setCongestionPoint(
                        entityPrefix + ":" + first.path("congestionPointId").asText());
        java.time.Instant expires = offers.stream()
                .map(FlexOfferAnnouncements::expiration)
                .min(java.util.Comparator.naturalOrder())
                .orElseThrow();
        m.setExpirationDateTime(expires.atOffset(ZoneOffset.UTC)).setCurrency("EUR");
        if (request == null) {
            m.setUnsolicited(true);
        } else {
            m.setUnsolicited(false).setFlexRequestMessageId(UUID.fromString(request.messageId()));
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
}
