package io.flexledger.marketplaceapi.uftp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.contract.Baselines;
import io.flexledger.contract.Disputes;
import io.flexledger.contract.Offers;
import io.flexledger.contract.Orders;
import io.flexledger.contract.Requests;
import io.flexledger.contract.Revocations;
import io.flexledger.contract.Tx;
import io.flexledger.contract.Uftp;
import io.flexledger.domain.market.Baseline;
import io.flexledger.domain.market.PrognosisRule;
import io.flexledger.domain.time.MarketPeriod;
import io.flexledger.domain.time.MarketRules;
import io.flexledger.domain.units.Kilowatts;
import io.flexledger.uftp.AcceptedDisputed;
import io.flexledger.uftp.AvailableRequested;
import io.flexledger.uftp.DPrognosis;
import io.flexledger.uftp.DPrognosisIsp;
import io.flexledger.uftp.FlexMessage;
import io.flexledger.uftp.FlexOffer;
import io.flexledger.uftp.FlexOfferOption;
import io.flexledger.uftp.FlexOfferOptionIsp;
import io.flexledger.uftp.FlexOfferRevocation;
import io.flexledger.uftp.FlexOrder;
import io.flexledger.uftp.FlexOrderSettlementStatus;
import io.flexledger.uftp.FlexRequest;
import io.flexledger.uftp.FlexRequestIsp;
import io.flexledger.uftp.FlexSettlement;
import io.flexledger.uftp.FlexSettlementResponse;
import io.flexledger.uftp.PayloadMessage;
import io.flexledger.uftp.UsefRole;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Maps an accepted inbound UFTP message onto the ledger transaction it means (decision 0019):
 *
 * <ul>
 *   <li>FlexRequest (DSO) → {@code requests:CreateRequest}, id = the MessageID, the Requested ISPs'
 *       reduction (-MaxPower when negative, else MinPower) in kW per slot;
 *   <li>FlexOffer (AGR) → one ledger offer per OfferOption, whose OptionReference names the home
 *       (asset) it offers, the option's total Price divided by its energy as the price per kWh,
 *       FlexRequestMessageID as the request it answers: with one option {@code offers:CreateOffer}, id =
 *       the MessageID; with several {@code uftp:CreateOffers}, ids {@code <MessageID>.<OptionReference>},
 *       all in one transaction;
 *   <li>FlexOfferRevocation (AGR) → {@code revocations:RevokeOffer} of the offer FlexOfferMessageID, or
 *       {@code uftp:RevokeOffers} of all its options;
 *   <li>FlexOrder (DSO) → {@code orders:CreateOrder}, id = the MessageID, of the offer (the option its
 *       OptionReference names) at its ActivationFactor;
 *   <li>FlexSettlementResponse (AGR) with one Disputed line → {@code disputes:OpenDispute} of the
 *       settlement {@code stl-<OrderReference>}, the signed XML's SHA-256 as the evidence, claiming the
 *       order delivered in full ({@link #withFullDeliveryClaim});
 *   <li>D-Prognosis (AGR) → the baseline of the aggregator's one home at the congestion point
 *       ({@link #prognosis}: {@code baselines:CommitBaseline} with the message, then {@code
 *       baselines:RevealBaseline}), every ISP of the day once, W as kW;
 *   <li>everything else (responses, FlexSettlement, a settlement response without a disputed line) →
 *       {@code uftp:RecordMessage}: on the ledger, without a business effect.
 * </ul>
 *
 * <p>The congestion point is the part of the EntityAddress after its first colon ({@code
 * ea1.2026-11.flexledger.local:TX1} → {@code TX1}); ISPs are 15 minutes, ISP n is slot n-1 of the day.
 */
public final class UftpMapping {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SLOT = Duration.ofMinutes(15);
    private static final BigDecimal QUARTER_HOUR = new BigDecimal("0.25");
    private static final Pattern ID = io.flexledger.domain.validation.Violations.ID;

    /** The most OfferOptions of one FlexOffer (the chaincode's limit). */
    public static final int MAX_OPTIONS = 16;

    private UftpMapping() {}

    /**
     * The transaction to submit, its one JSON argument (none for RecordMessage) and the record whose
     * aggregator endorses it besides the DSO (an order's offer, a dispute's settlement; else null).
     */
    public record LedgerCall(Tx transaction, String argument, String reference) {}

    /** A message that this edge cannot map: answered with Result=Rejected and this reason. */
    public static final class Rejected extends Exception {
        public Rejected(String reason) {
            super(reason);
        }
    }

    /** What the mapping reads of the ledger: a FlexOffer's options and an offer's record. */
    public interface Lookup {
        /** The ledger offer ids of FlexOffer {@code messageId}'s several options, if it had several. */
        Optional<List<String>> offerOptions(String messageId);

        /** The ledger's offer {@code offerId}, if it exists. */
        Optional<JsonNode> offer(String offerId);

        /** A ledger that holds nothing. */
        Lookup NONE = new Lookup() {
            @Override
            public Optional<List<String>> offerOptions(String messageId) {
                return Optional.empty();
            }

            @Override
            public Optional<JsonNode> offer(String offerId) {
                return Optional.empty();
            }
        };
    }

    /** The ledger offer id of OfferOption {@code optionReference} of a FlexOffer with several options. */
    public static String optionOfferId(UUID flexOfferMessageId, String optionReference) {
        return flexOfferMessageId + "." + optionReference;
    }

    /** As {@link #map(PayloadMessage, UsefRole, String, String, Lookup)} on a ledger that holds nothing. */
    public static LedgerCall map(PayloadMessage message, UsefRole senderRole, String unservedPenalty, String xmlSha256)
            throws Rejected {
        return map(message, senderRole, unservedPenalty, xmlSha256, Lookup.NONE);
    }

    /** The ledger transaction that {@code message} means; {@code xmlSha256} is the signed XML's hash. */
    public static LedgerCall map(
            PayloadMessage message, UsefRole senderRole, String unservedPenalty, String xmlSha256, Lookup ledger)
            throws Rejected {
        if (message instanceof FlexRequest r) {
            requireRole(senderRole, UsefRole.DSO, r);
            return request(r, unservedPenalty);
        }
        if (message instanceof FlexOffer o) {
            requireRole(senderRole, UsefRole.AGR, o);
            return offer(o);
        }
        if (message instanceof FlexOfferRevocation r) {
            requireRole(senderRole, UsefRole.AGR, r);
            String offer = r.getFlexOfferMessageId().toString();
            ObjectNode n = JSON.createObjectNode();
            // A FlexOffer of several options is revoked whole: every option, in one transaction.
            if (ledger.offerOptions(offer).isPresent()) {
                n.put("flexOfferMessageId", offer);
                n.put("reason", "FlexOfferRevocation " + r.getMessageId());
                return new LedgerCall(Uftp.REVOKE_OFFERS, n.toString(), null);
            }
            n.put("offerId", offer);
            n.put("reason", "FlexOfferRevocation " + r.getMessageId());
            return new LedgerCall(Revocations.REVOKE_OFFER, n.toString(), null);
        }
        if (message instanceof FlexOrder o) {
            requireRole(senderRole, UsefRole.DSO, o);
            return order(o, ledger);
        }
        if (message instanceof FlexSettlementResponse s) {
            requireRole(senderRole, UsefRole.AGR, s);
            return settlementResponse(s, xmlSha256);
        }
        if (message instanceof DPrognosis) {
            throw new IllegalArgumentException("a D-Prognosis maps with prognosis(...), onto a home's baseline");
        }
        if (message instanceof FlexSettlement) {
            requireRole(senderRole, UsefRole.DSO, message);
        }
        return record();
    }

    /**
     * A D-Prognosis read as a baseline: the congestion point it forecasts and one kW value per slot of
     * the day (UFTP's Power is positive for consumption, as a baseline's import).
     */
    public record Prognosis(String congestionPointId, MarketPeriod period, List<Kilowatts> kwBySlot) {
        /** The baseline of {@code assetId} that this prognosis commits. */
        public Baseline baselineOf(String assetId) {
            return new Baseline(assetId, period, kwBySlot);
        }

        /** {@code baselines:CommitBaseline}'s argument: {@code {assetId, day, hashHex}}. */
        public String commitment(String assetId, String salt) {
            ObjectNode n = JSON.createObjectNode();
            n.put("assetId", assetId);
            n.put("day", period.day().toString());
            n.put("hashHex", baselineOf(assetId).commitmentHash(salt));
            return n.toString();
        }

        /** {@code baselines:RevealBaseline}'s transient field: {@code {assetId, day, kwBySlot, salt}}. */
        public String reveal(String assetId, String salt) {
            ObjectNode n = JSON.createObjectNode();
            n.put("assetId", assetId);
            n.put("day", period.day().toString());
            var values = n.putArray("kwBySlot");
            kwBySlot.forEach(k -> values.add(k.value()));
            n.put("salt", salt);
            return n.toString();
        }
    }

    /**
     * A D-Prognosis (AGR) as the baseline it commits: ISP-Duration, TimeZone and CongestionPoint as for
     * every message, every ISP of the day exactly once (92, 96 or 100), and sent before the day's gate
     * closes at {@code now}; which home it is the baseline of is the ledger's to say (the aggregator's
     * one home at the congestion point, see {@link UftpResource}).
     */
    public static Prognosis prognosis(DPrognosis p, UsefRole senderRole, Instant now) throws Rejected {
        requireRole(senderRole, UsefRole.AGR, p);
        ObjectNode n = base(p);
        MarketPeriod period = MarketRules.DEFAULT.period(p.getPeriod());
        int isps = period.slotCount();
        TreeMap<Integer, BigDecimal> kw = new TreeMap<>();
        for (DPrognosisIsp isp : p.getIsps()) {
            if (isp.getPower() == null) {
                throw new Rejected("ISP " + isp.getStart() + " has no Power");
            }
            Integer start = isp.getStart();
            int last = (start == null ? 0 : start) + (isp.getDuration() == null ? 1 : isp.getDuration()) - 1;
            if (start != null && last > isps) {
                throw new Rejected("ISP " + last + " is not an ISP of " + period.day() + ", which has " + isps);
            }
            put(kw, start, isp.getDuration(), isp.getPower());
        }
        // A baseline gives every slot of the day, once.
        if (kw.size() != isps) {
            throw new Rejected("a D-Prognosis gives all " + isps + " ISPs of " + period.day() + ", not " + kw.size());
        }
        // Baselines are committed before the day's gate closes (the chaincode checks it again).
        if (!period.isOpenAt(now)) {
            throw new Rejected("gate closure for " + period.day() + " was at " + period.gateClosure()
                    + "; a D-Prognosis for it comes before");
        }
        List<Kilowatts> values = new ArrayList<>();
        for (Map.Entry<Integer, BigDecimal> e : kw.entrySet()) {
            try {
                values.add(new Kilowatts(e.getValue()));
            } catch (RuntimeException bad) {
                throw new Rejected("ISP " + (e.getKey() + 1) + ": " + bad.getMessage());
            }
        }
        return new Prognosis(n.path("congestionPointId").asText(), period, values);
    }

    /**
     * {@code baselines:RecordPrognosis}: a D-Prognosis of a congestion point where the aggregator has
     * several homes, recorded with its message when it is the sum of their revealed baselines (the
     * chaincode checks that from the signed XML; {@link #inconsistency} says why not before submitting).
     */
    public static LedgerCall aggregate(Prognosis p) {
        ObjectNode n = JSON.createObjectNode();
        n.put("congestionPointId", p.congestionPointId());
        n.put("day", p.period().day().toString());
        return new LedgerCall(Baselines.RECORD_PROGNOSIS, n.toString(), null);
    }

    /**
     * Why {@code p} is not the sum of the revealed baselines of the sender's homes at its congestion
     * point ({@code revealedByHome}: every such home, empty where none is revealed for the day): the
     * first home without one, or the first ISP whose Power (W) differs from the sum of the homes' kW
     * times 1000. Baselines have 3 decimals of kW and a Power is whole watts, so the comparison is exact:
     * no tolerance. Empty when they agree.
     */
    public static Optional<String> inconsistency(Prognosis p, Map<String, Optional<List<Kilowatts>>> revealedByHome) {
        if (revealedByHome.isEmpty()) {
            return Optional.of("the sender has no home at congestion point " + p.congestionPointId());
        }
        int slots = p.kwBySlot().size();
        for (Map.Entry<String, Optional<List<Kilowatts>>> home : revealedByHome.entrySet()) {
            if (home.getValue().isEmpty() || home.getValue().get().size() != slots) {
                return Optional.of("home " + home.getKey() + " at congestion point " + p.congestionPointId()
                        + " has no revealed baseline for " + p.period().day()
                        + ": a D-Prognosis of several homes is the sum of their revealed baselines"
                        + " (POST /api/baselines)");
            }
        }
        long[] stated = new long[slots];
        for (int slot = 0; slot < slots; slot++) {
            stated[slot] = PrognosisRule.watts(p.kwBySlot().get(slot));
        }
        return PrognosisRule.firstMismatch(
                        stated,
                        revealedByHome.values().stream().map(Optional::get).toList())
                .map(m -> "ISP " + (m.slot() + 1) + ": the D-Prognosis gives " + m.stated() + " W, the revealed"
                        + " baselines of " + revealedByHome.keySet() + " at congestion point " + p.congestionPointId()
                        + " sum to " + m.sum() + " W");
    }

    /** The message log's own transaction, for a message without a business effect. */
    public static LedgerCall record() {
        return new LedgerCall(Uftp.RECORD_MESSAGE, null, null);
    }

    private static void requireRole(UsefRole actual, UsefRole expected, PayloadMessage message) throws Rejected {
        // A DSO requests, orders and settles; an aggregator offers, revokes, forecasts and disputes.
        if (actual != expected) {
            throw new Rejected(
                    message.elementName() + " is sent by a " + expected + ", not by a " + actual + " participant");
        }
    }

    private static LedgerCall request(FlexRequest r, String unservedPenalty) throws Rejected {
        ObjectNode n = base(r);
        TreeMap<Integer, BigDecimal> kw = new TreeMap<>();
        for (FlexRequestIsp isp : r.getIsps()) {
            if (isp.getDisposition() != AvailableRequested.REQUESTED) {
                continue;
            }
            long watts = isp.getMaxPower() != null && isp.getMaxPower() < 0
                    ? -isp.getMaxPower()
                    : isp.getMinPower() == null ? 0 : Math.max(0, isp.getMinPower());
            put(kw, isp.getStart(), isp.getDuration(), watts);
        }
        if (kw.isEmpty()) {
            throw new Rejected("the FlexRequest requests no power in any ISP");
        }
        n.set("kwBySlot", kwNode(kw));
        n.put("unservedPenalty", unservedPenalty);
        return new LedgerCall(Requests.CREATE_REQUEST, n.toString(), null);
    }

    private static LedgerCall offer(FlexOffer o) throws Rejected {
        List<FlexOfferOption> options = o.getOfferOptions();
        if (options.isEmpty()) {
            throw new Rejected("a FlexOffer carries at least one OfferOption");
        }
        if (options.size() == 1) {
            ObjectNode n = option(o, options.get(0), o.getMessageId().toString());
            return new LedgerCall(Offers.CREATE_OFFER, n.toString(), null);
        }
        // Several options: one ledger offer each, named after the MessageID and the option, all in one
        // transaction with the message, so that a FlexOffer is never half on the ledger.
        if (options.size() > MAX_OPTIONS) {
            throw new Rejected(
                    "a FlexOffer carries at most " + MAX_OPTIONS + " OfferOptions here, not " + options.size());
        }
        ObjectNode n = JSON.createObjectNode();
        n.put("flexOfferMessageId", o.getMessageId().toString());
        var offers = n.putArray("offers");
        java.util.Set<String> references = new java.util.HashSet<>();
        for (FlexOfferOption option : options) {
            String reference = option.getOptionReference();
            String id = reference == null ? null : optionOfferId(o.getMessageId(), reference);
            if (id == null || !ID.matcher(id).matches()) {
                throw new Rejected("OptionReference " + reference + " must name the home offered (letters, digits,"
                        + " '.', '_', ':', '-', at most " + (64 - 37)
                        + " characters in a FlexOffer of several options)");
            }
            if (!references.add(reference)) {
                throw new Rejected("OptionReference " + reference + " appears twice in the FlexOffer");
            }
            offers.add(option(o, option, id).toString());
        }
        return new LedgerCall(Uftp.CREATE_OFFERS, n.toString(), null);
    }

    /** The ledger offer {@code id} of one OfferOption. */
    private static ObjectNode option(FlexOffer o, FlexOfferOption option, String id) throws Rejected {
        ObjectNode n = base(o);
        n.put("id", id);
        TreeMap<Integer, BigDecimal> kw = new TreeMap<>();
        for (FlexOfferOptionIsp isp : option.getIsps()) {
            put(kw, isp.getStart(), isp.getDuration(), Math.abs(isp.getPower()));
        }
        BigDecimal kwh =
                kw.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add).multiply(QUARTER_HOUR);
        if (kwh.signum() == 0) {
            throw new Rejected("the OfferOption offers no power");
        }
        if (o.getCurrency() != null && !"EUR".equals(o.getCurrency())) {
            throw new Rejected("prices are in EUR on this market, not " + o.getCurrency());
        }
        n.put("assetId", option.getOptionReference());
        n.set("kwBySlot", kwNode(kw));
        n.put("price", option.getPrice().divide(kwh, 5, RoundingMode.HALF_EVEN).toPlainString());
        BigDecimal min = option.getMinActivationFactor() == null ? BigDecimal.ONE : option.getMinActivationFactor();
        n.put("minActivation", min.stripTrailingZeros().toPlainString());
        if (o.getFlexRequestMessageId() != null && !Boolean.TRUE.equals(o.getUnsolicited())) {
            n.put("requestId", o.getFlexRequestMessageId().toString());
        }
        return n;
    }

    /**
     * A FlexOrder orders the option its OptionReference names: of a FlexOffer of several options the
     * ledger offer {@code <FlexOfferMessageID>.<OptionReference>}, none while another of its options is
     * ordered (UFTP orders one option of a FlexOffer); of a FlexOffer of one option the offer
     * FlexOfferMessageID, whose home the OptionReference names if given.
     */
    private static LedgerCall order(FlexOrder o, Lookup ledger) throws Rejected {
        if (o.getFlexOfferMessageId() == null) {
            throw new Rejected("an unsolicited FlexOrder (without FlexOfferMessageID) has no offer on the ledger");
        }
        String message = o.getFlexOfferMessageId().toString();
        String reference = o.getOptionReference();
        String offerId = message;
        Optional<List<String>> options = ledger.offerOptions(message);
        if (options.isPresent()) {
            if (reference == null) {
                throw new Rejected("FlexOffer " + message + " has several options: the FlexOrder names the one it"
                        + " orders in OptionReference");
            }
            offerId = optionOfferId(o.getFlexOfferMessageId(), reference);
            if (!options.get().contains(offerId)) {
                throw new Rejected("FlexOffer " + message + " has no option " + reference);
            }
            requireNoOtherOptionOrdered(message, options.get(), offerId, ledger);
        } else if (reference != null) {
            Optional<JsonNode> offer = ledger.offer(message);
            String group = reference.length() > 37 && reference.charAt(36) == '.' ? reference.substring(0, 36) : null;
            // A FlexOffer an aggregator's outbox announced names each option by its ledger offer id: one
            // offer's FlexOffer (MessageID of that offer), or one FlexOffer of several options (MessageID of
            // the original FlexOffer whose options they are).
            boolean announced =
                    message.equals(UftpOutbox.messageId("FlexOffer", reference).toString())
                            || group != null
                                    && message.equals(UftpOutbox.messageId("FlexOffer", group)
                                            .toString());
            if (offer.isEmpty() && announced && ledger.offer(reference).isPresent()) {
                offerId = reference;
                Optional<List<String>> siblings = group == null ? Optional.empty() : ledger.offerOptions(group);
                if (siblings.isPresent() && siblings.get().contains(reference)) {
                    requireNoOtherOptionOrdered(group, siblings.get(), offerId, ledger);
                }
            } else if (offer.isPresent()
                    && !reference.equals(offer.get().path("assetId").asText())) {
                throw new Rejected("FlexOffer " + message + " has no option " + reference);
            }
        }
        ObjectNode n = JSON.createObjectNode();
        n.put("id", o.getMessageId().toString());
        n.put("offerId", offerId);
        BigDecimal activation = o.getActivationFactor() == null ? BigDecimal.ONE : o.getActivationFactor();
        n.put("activation", activation.stripTrailingZeros().toPlainString());
        return new LedgerCall(Orders.CREATE_ORDER, n.toString(), offerId);
    }

    private static void requireNoOtherOptionOrdered(
            String flexOffer, List<String> options, String offerId, Lookup ledger) throws Rejected {
        for (String sibling : options) {
            boolean ordered = !sibling.equals(offerId)
                    && ledger.offer(sibling)
                            .map(x -> "ORDERED".equals(x.path("state").asText()))
                            .orElse(false);
            if (ordered) {
                throw new Rejected("option " + sibling.substring(flexOffer.length() + 1) + " of FlexOffer " + flexOffer
                        + " is ordered already: one option of a FlexOffer is ordered");
            }
        }
    }

    private static LedgerCall settlementResponse(FlexSettlementResponse s, String xmlSha256) throws Rejected {
        List<FlexOrderSettlementStatus> disputed = s.getFlexOrderSettlementStatuses().stream()
                .filter(x -> x.getDisposition() == AcceptedDisputed.DISPUTED)
                .toList();
        if (disputed.isEmpty()) {
            return record();
        }
        // One dispute per message, so that the message and the dispute are one transaction.
        if (disputed.size() > 1) {
            throw new Rejected("this edge takes one Disputed line per FlexSettlementResponse, not " + disputed.size());
        }
        FlexOrderSettlementStatus line = disputed.get(0);
        ObjectNode n = JSON.createObjectNode();
        String settlementId = "stl-" + line.getOrderReference();
        n.put("id", "uftp-" + s.getMessageId());
        n.put("settlementId", settlementId);
        n.put(
                "reason",
                line.getDisputeReason() == null || line.getDisputeReason().isBlank()
                        ? "disputed in FlexSettlementResponse " + s.getMessageId()
                        : line.getDisputeReason());
        n.put("evidenceHash", xmlSha256);
        return new LedgerCall(Disputes.OPEN_DISPUTE, n.toString(), settlementId);
    }

    /**
     * A disputed line's claim: UFTP's FlexSettlementResponse carries no figures, so the aggregator that
     * disputes a line claims the order delivered in full: credited the ordered volume (the settlement's
     * credited plus shortfall), no shortfall, and the order's cost as the net.
     */
    public static String withFullDeliveryClaim(String disputeJson, JsonNode settlement, JsonNode order) {
        try {
            ObjectNode n = (ObjectNode) JSON.readTree(disputeJson);
            BigDecimal ordered = new BigDecimal(settlement.path("creditedKwh").asText())
                    .add(new BigDecimal(settlement.path("shortfallKwh").asText()));
            ObjectNode claim = n.putObject("claim");
            claim.put("creditedKwh", ordered.toPlainString());
            claim.put("shortfallKwh", "0");
            claim.put("netEur", new BigDecimal(order.path("cost").asText()).toPlainString());
            return n.toString();
        } catch (java.io.IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot state the claim of " + disputeJson + ": " + e.getMessage(), e);
        }
    }

    private static ObjectNode base(FlexMessage m) throws Rejected {
        if (!SLOT.equals(m.getIspDuration())) {
            throw new Rejected("ISP-Duration must be PT15M on this market, not " + m.getIspDuration());
        }
        if (!"Europe/London".equals(m.getTimeZone())) {
            throw new Rejected("TimeZone must be Europe/London on this market, not " + m.getTimeZone());
        }
        String cp = m.getCongestionPoint();
        int colon = cp == null ? -1 : cp.indexOf(':');
        if (colon < 0 || !cp.startsWith("ea1.")) {
            throw new Rejected("CongestionPoint must be an ea1 address ending in :<congestion point id>, not " + cp);
        }
        ObjectNode n = JSON.createObjectNode();
        n.put("id", m.getMessageId().toString());
        n.put("congestionPointId", cp.substring(colon + 1));
        n.put("day", m.getPeriod().toString());
        return n;
    }

    private static void put(Map<Integer, BigDecimal> kw, Integer start, Integer duration, long watts) throws Rejected {
        if (start == null || start < 1) {
            throw new Rejected("ISP Start must be 1 or more, not " + start);
        }
        int d = duration == null ? 1 : duration;
        if (d < 1) {
            throw new Rejected("ISP Duration must be 1 or more, not " + d);
        }
        for (int i = 0; i < d; i++) {
            int slot = start - 1 + i;
            if (kw.containsKey(slot)) {
                throw new Rejected("ISP " + (slot + 1) + " appears twice");
            }
            kw.put(slot, BigDecimal.valueOf(watts).movePointLeft(3));
        }
    }

    private static ObjectNode kwNode(Map<Integer, BigDecimal> kw) {
        ObjectNode n = JSON.createObjectNode();
        kw.forEach((slot, v) -> {
            if (v.signum() > 0) {
                n.put(Integer.toString(slot), v.stripTrailingZeros().toPlainString());
            }
        });
        return n;
    }
}
