package io.flexledger.marketplaceapi.uftp;

import com.fasterxml.jackson.databind.JsonNode;
import io.flexledger.contract.Baselines;
import io.flexledger.contract.Disputes;
import io.flexledger.contract.Offers;
import io.flexledger.contract.Orders;
import io.flexledger.contract.Requests;
import io.flexledger.contract.Revocations;
import io.flexledger.contract.Tx;
import io.flexledger.contract.Uftp;
import io.flexledger.contract.codec.MarketRecords;
import io.flexledger.contract.codec.UftpRecords;
import io.flexledger.domain.market.Baseline;
import io.flexledger.domain.market.BaselineCommitment;
import io.flexledger.domain.market.BaselineState;
import io.flexledger.domain.market.FlexOfferState;
import io.flexledger.domain.market.FlexOrderState;
import io.flexledger.domain.market.FlexRequestState;
import io.flexledger.domain.market.PrognosisRule;
import io.flexledger.domain.settlement.Dispute;
import io.flexledger.domain.settlement.DisputeClaim;
import io.flexledger.domain.time.MarketPeriod;
import io.flexledger.domain.time.MarketRules;
import io.flexledger.domain.units.EurosPerKwh;
import io.flexledger.domain.units.Kilowatts;
import io.flexledger.domain.validation.ValidationException;
import io.flexledger.domain.validation.Violation;
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
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

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
 *
 * <p>Each call carries the domain value the transaction writes, built here from the message: a value the
 * ledger would refuse as input is Rejected with the chaincode's own {@code INVALID_FIELD} text (the field
 * checks of its reader first, then the domain's), so that the answer is the one the ledger would give.
 */
public final class UftpMapping {
    private static final Duration SLOT = Duration.ofMinutes(15);
    private static final BigDecimal QUARTER_HOUR = new BigDecimal("0.25");
    private static final Pattern ID = io.flexledger.domain.validation.Violations.ID;

    /** The most OfferOptions of one FlexOffer (the chaincode's limit). */
    public static final int MAX_OPTIONS = 16;

    private UftpMapping() {}

    /**
     * A transaction to submit with the message, and the value it writes; {@link #reference()} is the
     * record whose aggregator endorses it besides the DSO (an order's offer, a dispute's settlement; else
     * null).
     */
    public sealed interface LedgerCall {
        /** The transaction. */
        Tx transaction();

        /** The offer or settlement whose aggregator endorses besides the DSO, or null. */
        default String reference() {
            return null;
        }
    }

    /** {@code requests:CreateRequest}. */
    public record CreateRequest(io.flexledger.domain.market.FlexRequest request) implements LedgerCall {
        @Override
        public Tx transaction() {
            return Requests.CREATE_REQUEST;
        }
    }

    /** {@code offers:CreateOffer}: a FlexOffer of one option. */
    public record CreateOffer(io.flexledger.domain.market.FlexOffer offer) implements LedgerCall {
        @Override
        public Tx transaction() {
            return Offers.CREATE_OFFER;
        }
    }

    /** {@code uftp:CreateOffers}: a FlexOffer of several options. */
    public record CreateOffers(UftpRecords.OfferOptions options) implements LedgerCall {
        @Override
        public Tx transaction() {
            return Uftp.CREATE_OFFERS;
        }
    }

    /** {@code revocations:RevokeOffer}. */
    public record RevokeOffer(io.flexledger.domain.market.FlexOfferRevocation revocation) implements LedgerCall {
        @Override
        public Tx transaction() {
            return Revocations.REVOKE_OFFER;
        }
    }

    /** {@code uftp:RevokeOffers}: every option of a FlexOffer. */
    public record RevokeOffers(UftpRecords.OptionsRevocation revocation) implements LedgerCall {
        @Override
        public Tx transaction() {
            return Uftp.REVOKE_OFFERS;
        }
    }

    /** {@code orders:CreateOrder}. */
    public record CreateOrder(io.flexledger.domain.market.FlexOrder order) implements LedgerCall {
        @Override
        public Tx transaction() {
            return Orders.CREATE_ORDER;
        }

        @Override
        public String reference() {
            return order.offerId();
        }
    }

    /**
     * {@code disputes:OpenDispute} of settlement {@code settlementId}: the dispute but its claim, which
     * is the settlement's order delivered in full ({@link #withFullDeliveryClaim}).
     */
    public record OpenDispute(String id, String settlementId, String reason, String evidenceHash)
            implements LedgerCall {
        @Override
        public Tx transaction() {
            return Disputes.OPEN_DISPUTE;
        }

        @Override
        public String reference() {
            return settlementId;
        }

        /** The dispute {@code caller} opens with {@code claim}; refused as the ledger would refuse it. */
        public Dispute opened(String caller, DisputeClaim claim) throws Rejected {
            return new Fields().build(() -> Dispute.open(id, settlementId, caller, reason, evidenceHash, claim));
        }
    }

    /** {@code baselines:RecordPrognosis}: a D-Prognosis of several homes. */
    public record RecordPrognosis(UftpRecords.PrognosisOf prognosis) implements LedgerCall {
        @Override
        public Tx transaction() {
            return Baselines.RECORD_PROGNOSIS;
        }
    }

    /** {@code uftp:RecordMessage}: the message alone. */
    public record RecordMessage() implements LedgerCall {
        @Override
        public Tx transaction() {
            return Uftp.RECORD_MESSAGE;
        }
    }

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

    /** As {@link #map(PayloadMessage, UsefRole, String, String, String, Lookup)} on a ledger that holds nothing. */
    public static LedgerCall map(
            PayloadMessage message, UsefRole senderRole, String caller, String unservedPenalty, String xmlSha256)
            throws Rejected {
        return map(message, senderRole, caller, unservedPenalty, xmlSha256, Lookup.NONE);
    }

    /**
     * The ledger transaction that {@code message} means, submitted by organisation {@code caller} (the
     * DSO of a request or order, the aggregator of an offer or revocation); {@code xmlSha256} is the
     * signed XML's hash.
     */
    public static LedgerCall map(
            PayloadMessage message,
            UsefRole senderRole,
            String caller,
            String unservedPenalty,
            String xmlSha256,
            Lookup ledger)
            throws Rejected {
        if (message instanceof FlexRequest r) {
            requireRole(senderRole, UsefRole.DSO, r);
            return request(r, caller, unservedPenalty);
        }
        if (message instanceof FlexOffer o) {
            requireRole(senderRole, UsefRole.AGR, o);
            return offer(o, caller);
        }
        if (message instanceof FlexOfferRevocation r) {
            requireRole(senderRole, UsefRole.AGR, r);
            String offer = r.getFlexOfferMessageId().toString();
            String reason = "FlexOfferRevocation " + r.getMessageId();
            // A FlexOffer of several options is revoked whole: every option, in one transaction.
            if (ledger.offerOptions(offer).isPresent()) {
                return new RevokeOffers(new UftpRecords.OptionsRevocation(offer, reason));
            }
            return new RevokeOffer(new Fields()
                    .build(() -> new io.flexledger.domain.market.FlexOfferRevocation(offer, caller, reason)));
        }
        if (message instanceof FlexOrder o) {
            requireRole(senderRole, UsefRole.DSO, o);
            return order(o, caller, ledger);
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

        /**
         * What {@code baselines:CommitBaseline} writes for {@code assetId}, committed by {@code aggregatorMsp}
         * at {@code now}: the hash of the baseline and {@code salt}; refused as the ledger would refuse it.
         */
        public BaselineCommitment commitment(String assetId, String aggregatorMsp, String salt, Instant now)
                throws Rejected {
            String hash = baselineOf(assetId).commitmentHash(salt);
            return new Fields()
                    .build(() ->
                            new BaselineCommitment(assetId, aggregatorMsp, period, hash, now, BaselineState.COMMITTED));
        }

        /** {@code baselines:RevealBaseline}'s transient field: the baseline of {@code assetId} and its salt. */
        public MarketRecords.Reveal reveal(String assetId, String salt) {
            return new MarketRecords.Reveal(baselineOf(assetId), salt);
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
        Base n = base(p);
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
        return new Prognosis(n.congestionPointId(), period, values);
    }

    /**
     * {@code baselines:RecordPrognosis}: a D-Prognosis of a congestion point where the aggregator has
     * several homes, recorded with its message when it is the sum of their revealed baselines (the
     * chaincode checks that from the signed XML; {@link #inconsistency} says why not before submitting).
     */
    public static LedgerCall aggregate(Prognosis p) {
        return new RecordPrognosis(
                new UftpRecords.PrognosisOf(p.congestionPointId(), p.period().day()));
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
        return new RecordMessage();
    }

    private static void requireRole(UsefRole actual, UsefRole expected, PayloadMessage message) throws Rejected {
        // A DSO requests, orders and settles; an aggregator offers, revokes, forecasts and disputes.
        if (actual != expected) {
            throw new Rejected(
                    message.elementName() + " is sent by a " + expected + ", not by a " + actual + " participant");
        }
    }

    private static LedgerCall request(FlexRequest r, String caller, String unservedPenalty) throws Rejected {
        Base n = base(r);
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
        Fields in = new Fields();
        SortedMap<Integer, Kilowatts> kwBySlot = in.kwBySlot(kw);
        EurosPerKwh penalty =
                in.unit("unservedPenalty", in.decimal("unservedPenalty", unservedPenalty), EurosPerKwh::new);
        return new CreateRequest(in.build(() -> new io.flexledger.domain.market.FlexRequest(
                n.id(), caller, n.congestionPointId(), n.period(), kwBySlot, penalty, FlexRequestState.OPEN)));
    }

    private static LedgerCall offer(FlexOffer o, String caller) throws Rejected {
        List<FlexOfferOption> options = o.getOfferOptions();
        if (options.isEmpty()) {
            throw new Rejected("a FlexOffer carries at least one OfferOption");
        }
        if (options.size() == 1) {
            return new CreateOffer(option(o, options.get(0), o.getMessageId().toString(), caller));
        }
        // Several options: one ledger offer each, named after the MessageID and the option, all in one
        // transaction with the message, so that a FlexOffer is never half on the ledger.
        if (options.size() > MAX_OPTIONS) {
            throw new Rejected(
                    "a FlexOffer carries at most " + MAX_OPTIONS + " OfferOptions here, not " + options.size());
        }
        List<io.flexledger.domain.market.FlexOffer> offers = new ArrayList<>();
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
            offers.add(option(o, option, id, caller));
        }
        return new CreateOffers(new UftpRecords.OfferOptions(o.getMessageId().toString(), offers));
    }

    /** The ledger offer {@code id} of one OfferOption, posted by {@code caller}. */
    private static io.flexledger.domain.market.FlexOffer option(
            FlexOffer o, FlexOfferOption option, String id, String caller) throws Rejected {
        Base n = base(o);
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
        String request = o.getFlexRequestMessageId() != null && !Boolean.TRUE.equals(o.getUnsolicited())
                ? o.getFlexRequestMessageId().toString()
                : null;
        BigDecimal min = option.getMinActivationFactor() == null ? BigDecimal.ONE : option.getMinActivationFactor();
        Fields in = new Fields();
        SortedMap<Integer, Kilowatts> kwBySlot = in.kwBySlot(kw);
        EurosPerKwh price = in.unit(
                "price",
                in.decimal("price", option.getPrice().divide(kwh, 5, RoundingMode.HALF_EVEN)),
                EurosPerKwh::new);
        BigDecimal minActivation = in.decimal("minActivation", plain(min));
        return in.build(() -> new io.flexledger.domain.market.FlexOffer(
                id,
                caller,
                n.congestionPointId(),
                option.getOptionReference(),
                n.period(),
                request,
                kwBySlot,
                price,
                minActivation,
                FlexOfferState.OFFERED));
    }

    /**
     * A FlexOrder orders the option its OptionReference names: of a FlexOffer of several options the
     * ledger offer {@code <FlexOfferMessageID>.<OptionReference>}, none while another of its options is
     * ordered (UFTP orders one option of a FlexOffer); of a FlexOffer of one option the offer
     * FlexOfferMessageID, whose home the OptionReference names if given.
     */
    private static LedgerCall order(FlexOrder o, String caller, Lookup ledger) throws Rejected {
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
        BigDecimal factor = o.getActivationFactor() == null ? BigDecimal.ONE : o.getActivationFactor();
        String id = o.getMessageId().toString();
        String offer = offerId;
        Fields in = new Fields();
        BigDecimal activation = in.decimal("activation", plain(factor));
        return new CreateOrder(in.build(() ->
                new io.flexledger.domain.market.FlexOrder(id, caller, offer, activation, FlexOrderState.ACCEPTED)));
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
        String reason =
                line.getDisputeReason() == null || line.getDisputeReason().isBlank()
                        ? "disputed in FlexSettlementResponse " + s.getMessageId()
                        : line.getDisputeReason();
        return new OpenDispute("uftp-" + s.getMessageId(), "stl-" + line.getOrderReference(), reason, xmlSha256);
    }

    /**
     * A disputed line's claim: UFTP's FlexSettlementResponse carries no figures, so the aggregator that
     * disputes a line claims the order delivered in full: credited the ordered volume (the settlement's
     * credited plus shortfall), no shortfall, and the order's cost as the net. A claim the domain
     * refuses is its {@link ValidationException}.
     */
    public static DisputeClaim withFullDeliveryClaim(JsonNode settlement, JsonNode order) {
        try {
            BigDecimal ordered = new BigDecimal(settlement.path("creditedKwh").asText())
                    .add(new BigDecimal(settlement.path("shortfallKwh").asText()));
            return new DisputeClaim(
                    new io.flexledger.domain.units.KilowattHours(ordered),
                    new io.flexledger.domain.units.KilowattHours(BigDecimal.ZERO),
                    new io.flexledger.domain.units.Euros(
                            new BigDecimal(order.path("cost").asText())));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "cannot state the claim of settlement "
                            + settlement.path("id").asText() + ": " + e.getMessage(),
                    e);
        }
    }

    /** The parts of every message the ledger's records share: its id, congestion point and day. */
    private record Base(String id, String congestionPointId, MarketPeriod period) {}

    private static Base base(FlexMessage m) throws Rejected {
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
        return new Base(
                m.getMessageId().toString(), cp.substring(colon + 1), MarketRules.DEFAULT.period(m.getPeriod()));
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

    /** A factor as the edge states it: its shortest plain text ({@code 0.50} is {@code 0.5}). */
    private static BigDecimal plain(BigDecimal factor) {
        return new BigDecimal(factor.stripTrailingZeros().toPlainString());
    }

    /** The chaincode's refusal of an input it cannot take: {@code INVALID_FIELD: <first>[ (and n more: …)]}. */
    static String invalid(ValidationException e) {
        List<Violation> rest = e.violations().subList(1, e.violations().size());
        return "INVALID_FIELD: " + e.first().path() + ": " + e.first().reason()
                + (rest.isEmpty()
                        ? ""
                        : " (and " + rest.size() + " more: "
                                + rest.stream().map(Violation::toString).collect(Collectors.joining("; ")) + ")");
    }

    /**
     * The checks the chaincode's reader makes of the fields the edge writes, in its order (a decimal
     * below 1e15 in magnitude with at most 12 decimals, a slot key of at most five digits, a unit's
     * scale), then the domain's: what fails is Rejected with the chaincode's text ({@link #invalid}).
     */
    static final class Fields {
        private static final BigDecimal LIMIT = new BigDecimal("1e15");
        private final List<Violation> problems = new ArrayList<>();

        /**
         * {@code d} as the decimal field {@code name}, or null (a problem) where the reader refuses it: the
         * edge wrote decimals as their plain text, which the reader parses and bounds.
         */
        BigDecimal decimal(String name, BigDecimal d) {
            return decimal(name, d.toPlainString());
        }

        /** The decimal text {@code text} as the field {@code name}, or null (a problem). */
        BigDecimal decimal(String name, String text) {
            return parsed("$." + name, text);
        }

        private BigDecimal parsed(String at, String text) {
            BigDecimal d;
            try {
                d = io.flexledger.domain.units.Decimals.parse(text);
            } catch (ValidationException e) {
                problems.add(new Violation(at, e.first().reason()));
                return null;
            }
            if (d.abs().compareTo(LIMIT) >= 0) {
                problems.add(new Violation(at, "must be below 1e15 in magnitude"));
                return null;
            }
            if (d.stripTrailingZeros().scale() > 12) {
                problems.add(new Violation(at, "has more than 12 decimals"));
                return null;
            }
            return d;
        }

        /** A unit of the decimal field {@code name} (null stays null), or null (a problem). */
        <U> U unit(String name, BigDecimal d, Function<BigDecimal, U> unit) {
            if (d == null) {
                return null;
            }
            try {
                return unit.apply(d);
            } catch (ValidationException e) {
                e.prefixed("$." + name).violations().forEach(problems::add);
                return null;
            }
        }

        /** kW per slot as the reader takes {@code {"<slot>": "<kW>"}}: the slots above 0 kW, in order. */
        SortedMap<Integer, Kilowatts> kwBySlot(Map<Integer, BigDecimal> kw) {
            TreeMap<Integer, Kilowatts> out = new TreeMap<>();
            kw.forEach((slot, v) -> {
                if (v.signum() <= 0) {
                    return;
                }
                String at = "$.kwBySlot." + slot;
                if (slot < 0 || slot > 99_999) {
                    problems.add(new Violation(at, "key must be a slot number"));
                    return;
                }
                BigDecimal d = parsed(at, v.stripTrailingZeros().toPlainString());
                if (d != null) {
                    out.put(slot, new Kilowatts(d));
                }
            });
            return out;
        }

        /** The value {@code constructor} builds when no field failed; else, or when the domain refuses it, Rejected. */
        <T> T build(Supplier<T> constructor) throws Rejected {
            if (!problems.isEmpty()) {
                throw new Rejected(invalid(new ValidationException(problems)));
            }
            try {
                return constructor.get();
            } catch (ValidationException e) {
                throw new Rejected(invalid(e.prefixed("$")));
            }
        }
    }
}
