package io.flexledger.chaincode;

import static io.flexledger.chaincode.support.Failures.fail;

import io.flexledger.chaincode.codec.CanonicalJson;
import io.flexledger.chaincode.codec.JsonInput;
import io.flexledger.chaincode.codec.SettlementJson;
import io.flexledger.chaincode.codec.SettlementJson.Resolution;
import io.flexledger.chaincode.codec.SettlementJson.StoredDispute;
import io.flexledger.chaincode.codec.SettlementJson.StoredSettlement;
import io.flexledger.chaincode.support.Caller;
import io.flexledger.chaincode.support.Keys;
import io.flexledger.chaincode.support.Ledger;
import io.flexledger.domain.participants.Organisation;
import io.flexledger.domain.settlement.Dispute;
import io.flexledger.domain.settlement.DisputeState;
import io.flexledger.domain.settlement.FlexSettlementState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/**
 * Disputes of settlements. Either party of a settlement (the DSO or its aggregator) opens a dispute
 * with the hash of its off-ledger evidence; the settlement becomes DISPUTED. The other party resolves
 * it: UPHELD with the corrected net amount, or REJECTED; the settlement becomes RESOLVED. The dispute's
 * key requires both parties' peers to endorse any change, so neither can resolve it alone.
 */
@Contract(
        name = "disputes",
        info = @Info(title = "FlexLedger disputes", description = "Disputes of settlements", version = "1"))
public final class DisputeContract implements MarketContract {
    /** Opens a dispute: {@code {id, settlementId, reason, evidenceHash}} (the DSO or the settlement's aggregator). */
    @Transaction(name = "OpenDispute", intent = Transaction.TYPE.SUBMIT)
    public String openDispute(Context ctx, String inputJson) {
        String caller = requireParty(ctx, "open disputes");
        Dispute dispute =
                SettlementJson.dispute(JsonInput.parse(inputJson).onlyFields(SettlementJson.DISPUTE_INPUT), caller);
        Ledger ledger = new Ledger(ctx);
        StoredSettlement settlement = SettlementContract.requireSettlement(ledger, dispute.settlementId());
        // Only the two parties of the settlement dispute it.
        if (!caller.equals(settlement.dsoMsp()) && !caller.equals(settlement.aggregatorMsp())) {
            throw fail(
                    ErrorCode.DISPUTE_MSP_NOT_ALLOWED,
                    "settlement %s is between %s and %s (caller %s)",
                    settlement.id(),
                    settlement.dsoMsp(),
                    settlement.aggregatorMsp(),
                    caller);
        }
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
        String now = ledger.now().toString();
        Map<String, Object> record = SettlementJson.dispute(
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
     * Resolves an open dispute: {@code {id, outcome: UPHELD|REJECTED, note?, adjustedNetEur (UPHELD only)}},
     * by the party that did not open it.
     */
    @Transaction(name = "ResolveDispute", intent = Transaction.TYPE.SUBMIT)
    public String resolveDispute(Context ctx, String inputJson) {
        String caller = requireParty(ctx, "resolve disputes");
        JsonInput in = JsonInput.parse(inputJson).onlyFields(SettlementJson.RESOLUTION_INPUT);
        Resolution resolution = SettlementJson.resolution(in);
        Ledger ledger = new Ledger(ctx);
        String key = ledger.key(Keys.DISPUTE, resolution.id());
        StoredDispute stored =
                ledger.read(key, SettlementJson::storedDispute).orElseThrow(() -> notFound(resolution.id()));
        Dispute open = stored.dispute();
        String resolver = open.resolver(stored.dsoMsp(), stored.aggregatorMsp());
        // The party that did not open the dispute resolves it.
        if (!caller.equals(resolver)) {
            throw fail(
                    ErrorCode.DISPUTE_MSP_NOT_ALLOWED,
                    "dispute %s was opened by %s and is resolved by %s (caller %s)",
                    open.id(),
                    open.openedBy(),
                    resolver,
                    caller);
        }
        // A dispute is resolved once.
        if (open.state() != DisputeState.OPEN) {
            throw fail(ErrorCode.DISPUTE_NOT_OPEN, "dispute %s is %s (%s)", open.id(), open.state(), open.outcome());
        }
        Dispute resolved = SettlementJson.resolve(in, open, resolution);
        StoredSettlement settlement = SettlementContract.requireSettlement(ledger, open.settlementId());
        String now = ledger.now().toString();
        Map<String, Object> record = SettlementJson.dispute(
                resolved, stored.dsoMsp(), stored.aggregatorMsp(), stored.openedAt(), caller, now, ledger.txId());
        String json = ledger.put(key, record);
        ledger.put(
                ledger.key(Keys.SETTLEMENT, settlement.id()),
                settlement
                        .resolved(resolved.outcome(), resolved.adjustedNetEur(), now, ledger.txId())
                        .toJson());
        ledger.emit("DisputeResolved", record);
        return json;
    }

    /** Reads a dispute. */
    @Transaction(name = "ReadDispute", intent = Transaction.TYPE.EVALUATE)
    public String readDispute(Context ctx, String id) {
        Ledger ledger = new Ledger(ctx);
        return ledger.get(ledger.key(Keys.DISPUTE, id)).orElseThrow(() -> notFound(id));
    }

    /**
     * Every committed version of a dispute: {@code {"id", "history":[{"txId","timestamp","isDelete","value"}]}}
     * in the order the peer returns them.
     */
    @Transaction(name = "DisputeHistory", intent = Transaction.TYPE.EVALUATE)
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

    private static String requireParty(Context ctx, String action) {
        String msp = Caller.msp(ctx);
        // Only the DSO and aggregators are parties to settlements.
        if (!Organisation.isDso(msp) && !Organisation.isAggregator(msp)) {
            throw fail(
                    ErrorCode.DISPUTE_MSP_NOT_ALLOWED,
                    "only the DSO and aggregator organisations may %s (caller %s)",
                    action,
                    msp);
        }
        return msp;
    }

    private static RuntimeException notFound(String id) {
        return fail(ErrorCode.DISPUTE_NOT_FOUND, "dispute %s does not exist", id);
    }
}
