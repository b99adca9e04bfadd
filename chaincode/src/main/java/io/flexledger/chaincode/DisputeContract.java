package io.flexledger.chaincode;

import static io.flexledger.chaincode.failures.Failures.fail;

import io.flexledger.chaincode.codec.JsonInput;
import io.flexledger.chaincode.codec.SettlementJson;
import io.flexledger.chaincode.codec.SettlementJson.Resolution;
import io.flexledger.chaincode.support.Caller;
import io.flexledger.chaincode.support.Keys;
import io.flexledger.chaincode.support.Ledger;
import io.flexledger.contract.DisputeRules;
import io.flexledger.contract.Disputes;
import io.flexledger.contract.ErrorCode;
import io.flexledger.contract.codec.CanonicalJson;
import io.flexledger.contract.codec.SettlementRecords;
import io.flexledger.contract.codec.SettlementRecords.StoredDispute;
import io.flexledger.contract.codec.SettlementRecords.StoredSettlement;
import io.flexledger.domain.market.FlexOffer;
import io.flexledger.domain.market.FlexOrder;
import io.flexledger.domain.settlement.Dispute;
import io.flexledger.domain.settlement.DisputeClaim;
import io.flexledger.domain.settlement.DisputeOutcome;
import io.flexledger.domain.settlement.DisputeState;
import io.flexledger.domain.settlement.FlexSettlementState;
import io.flexledger.domain.settlement.SettlementRule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/**
 * Disputes of settlements. Either party of a settlement (the DSO or its aggregator) opens a dispute
 * with the hash of its off-ledger evidence and the corrected figures it claims (credited and
 * shortfall kWh, and the net that follows from them by the settlement rule), bounded by what the order
 * can ever be worth; the settlement becomes DISPUTED. The other party resolves it: UPHELD applies
 * exactly the opener's figures, REJECTED keeps the settlement; a resolution names no amount. The
 * settlement becomes RESOLVED. The dispute's key requires both parties' peers to endorse any change,
 * so neither can resolve it alone.
 */
@Contract(
        name = Disputes.CONTRACT,
        info = @Info(title = "FlexLedger disputes", description = "Disputes of settlements", version = "1"))
public final class DisputeContract implements MarketContract {
    /** The ledger's settlement rule: the one the claims are checked with, as SettleOrder settles. */
    private static final SettlementRule RULE = SettlementRule.DEFAULT;

    /**
     * Opens a dispute: {@code {id, settlementId, reason, evidenceHash, claim: {creditedKwh, shortfallKwh,
     * netEur}}} (the DSO or the settlement's aggregator).
     */
    @Transaction(name = Disputes.Names.OPEN_DISPUTE, intent = Transaction.TYPE.SUBMIT)
    public String openDispute(Context ctx, String inputJson) {
        String caller = requireParty(ctx, "open disputes");
        Dispute dispute =
                SettlementJson.dispute(JsonInput.parse(inputJson).onlyFields(SettlementJson.DISPUTE_INPUT), caller);
        Ledger ledger = new Ledger(ctx);
        StoredSettlement settlement = SettlementContract.requireSettlement(ledger, dispute.settlementId());
        refuse(DisputeRules.opener(caller, settlement.id(), settlement.dsoMsp(), settlement.aggregatorMsp()));
        String key = ledger.key(Keys.DISPUTE, dispute.id());
        // Dispute ids are unique.
        if (ledger.exists(key)) {
            throw fail(ErrorCode.DISPUTE_EXISTS, "dispute %s already exists", dispute.id());
        }
        // A settlement is disputed once, while it stands as settled.
        if (!settlement.state().canBecome(FlexSettlementState.DISPUTED)) {
            throw fail(
                    ErrorCode.SETTLEMENT_STATE_INVALID,
                    "settlement %s is %s%s",
                    settlement.id(),
                    settlement.state(),
                    settlement.disputeId() == null ? "" : " (dispute " + settlement.disputeId() + ")");
        }
        requireClaimFits(ledger, settlement, dispute.claim());
        String now = ledger.now().toString();
        Map<String, Object> record = SettlementRecords.dispute(
                dispute, settlement.dsoMsp(), settlement.aggregatorMsp(), now, null, null, ledger.txId());
        String json = ledger.put(key, record);
        // Resolving the dispute needs both parties' peers.
        ledger.requireEndorsers(key, settlement.dsoMsp(), settlement.aggregatorMsp());
        ledger.put(
                ledger.key(Keys.SETTLEMENT, settlement.id()),
                settlement.disputed(dispute.id(), now, ledger.txId()).toJson());
        ledger.emit("DisputeOpened", record);
        return json;
    }

    /**
     * Resolves an open dispute: {@code {id, outcome: UPHELD|REJECTED, note?}}, by the party of the
     * settlement that did not open it. UPHELD applies the opener's claim, exactly; an amount in the
     * resolution is refused.
     */
    @Transaction(name = Disputes.Names.RESOLVE_DISPUTE, intent = Transaction.TYPE.SUBMIT)
    public String resolveDispute(Context ctx, String inputJson) {
        String caller = requireParty(ctx, "resolve disputes");
        JsonInput in = JsonInput.parse(inputJson);
        List<String> amounts = SettlementJson.resolutionAmounts(in);
        // Nobody sets an amount alone: the resolver accepts or rejects the figures the opener stated.
        if (!amounts.isEmpty()) {
            throw fail(
                    ErrorCode.DISPUTE_RESOLUTION_AMOUNT_NOT_ALLOWED,
                    "%s: %s",
                    amounts.stream().map(in::at).collect(Collectors.joining(", ")),
                    Dispute.RESOLUTION_NAMES_NO_AMOUNT);
        }
        Resolution resolution = SettlementJson.resolution(in.onlyFields(SettlementJson.RESOLUTION_INPUT));
        Ledger ledger = new Ledger(ctx);
        String key = ledger.key(Keys.DISPUTE, resolution.id());
        StoredDispute stored =
                ledger.read(key, SettlementJson::storedDispute).orElseThrow(() -> notFound(resolution.id()));
        Dispute open = stored.dispute();
        StoredSettlement settlement = SettlementContract.requireSettlement(ledger, open.settlementId());
        // The parties are the settlement's, as the ledger holds it now.
        refuse(DisputeRules.resolver(open, settlement.id(), settlement.dsoMsp(), settlement.aggregatorMsp(), caller));
        // A dispute is resolved once.
        if (open.state() != DisputeState.OPEN) {
            throw fail(ErrorCode.DISPUTE_NOT_OPEN, "dispute %s is %s (%s)", open.id(), open.state(), open.outcome());
        }
        // The settlement is held by this dispute.
        if (settlement.state() != FlexSettlementState.DISPUTED || !open.id().equals(settlement.disputeId())) {
            throw fail(
                    ErrorCode.SETTLEMENT_STATE_INVALID,
                    "settlement %s is %s (dispute %s), not DISPUTED by %s",
                    settlement.id(),
                    settlement.state(),
                    settlement.disputeId(),
                    open.id());
        }
        // Upholding applies the opener's figures; a dispute recorded without any can only be rejected.
        if (resolution.outcome() == DisputeOutcome.UPHELD && open.claim() == null) {
            throw fail(
                    ErrorCode.DISPUTE_CLAIM_INVALID,
                    "$.outcome: dispute %s states no corrected figures (it was opened before disputes carried"
                            + " them); it can only be REJECTED",
                    open.id());
        }
        Dispute resolved = SettlementJson.resolve(in, open, resolution);
        String now = ledger.now().toString();
        Map<String, Object> record = SettlementRecords.dispute(
                resolved, stored.dsoMsp(), stored.aggregatorMsp(), stored.openedAt(), caller, now, ledger.txId());
        String json = ledger.put(key, record);
        ledger.put(
                ledger.key(Keys.SETTLEMENT, settlement.id()),
                settlement.resolved(resolved, now, ledger.txId()).toJson());
        ledger.emit("DisputeResolved", record);
        return json;
    }

    /** Reads a dispute. */
    @Transaction(name = Disputes.Names.READ_DISPUTE, intent = Transaction.TYPE.EVALUATE)
    public String readDispute(Context ctx, String id) {
        Ledger ledger = new Ledger(ctx);
        return ledger.get(ledger.key(Keys.DISPUTE, id)).orElseThrow(() -> notFound(id));
    }

    /**
     * Every committed version of a dispute: {@code {"id", "history":[{"txId","timestamp","isDelete","value"}]}}
     * in the order the peer returns them.
     */
    @Transaction(name = Disputes.Names.DISPUTE_HISTORY, intent = Transaction.TYPE.EVALUATE)
    public String disputeHistory(Context ctx, String id) {
        Ledger ledger = new Ledger(ctx);
        List<Map<String, Object>> history = ledger.history(ledger.key(Keys.DISPUTE, id));
        if (history.isEmpty()) {
            throw notFound(id);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("history", history);
        return CanonicalJson.write(out);
    }

    /**
     * Refuses a claim that the order behind {@code settlement} could never be worth
     * ({@link ErrorCode#DISPUTE_CLAIM_OUT_OF_BOUNDS}) or whose figures do not follow from each other by
     * the settlement rule ({@link ErrorCode#DISPUTE_CLAIM_INVALID}). The bound comes from the order and
     * its offer on the ledger: the full ordered volume at the offer's price, and its full penalty.
     */
    private static void requireClaimFits(Ledger ledger, StoredSettlement settlement, DisputeClaim claim) {
        FlexOrder order = OrderContract.requireOrder(ledger, settlement.orderId());
        FlexOffer offer = OfferContract.requireOffer(ledger, order.offerId(), ErrorCode.OFFER_NOT_FOUND);
        refuse(DisputeRules.claim(RULE, offer, order, claim));
    }

    private static String requireParty(Context ctx, String action) {
        String msp = Caller.msp(ctx);
        refuse(DisputeRules.party(msp, action));
        return msp;
    }

    /** Throws the refusal a rule of {@link DisputeRules} answered, if any. */
    private static void refuse(Optional<DisputeRules.Refusal> refusal) {
        if (refusal.isPresent()) {
            throw fail(refusal.get().code(), "%s", refusal.get().message());
        }
    }

    private static RuntimeException notFound(String id) {
        return fail(ErrorCode.DISPUTE_NOT_FOUND, "dispute %s does not exist", id);
    }
}
