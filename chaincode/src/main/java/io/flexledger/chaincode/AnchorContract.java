package io.flexledger.chaincode;

import static io.flexledger.chaincode.failures.Failures.fail;

import io.flexledger.chaincode.codec.JsonInput;
import io.flexledger.chaincode.codec.SettlementJson;
import io.flexledger.chaincode.support.Caller;
import io.flexledger.chaincode.support.Keys;
import io.flexledger.chaincode.support.Ledger;
import io.flexledger.contract.Anchors;
import io.flexledger.contract.ErrorCode;
import io.flexledger.domain.metering.ReadingAnchor;
import io.flexledger.domain.participants.Organisation;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/**
 * Reading anchors: the Merkle root of all accepted meter readings of one aggregator's portfolio on
 * one market day, anchored once by the DSO. A settlement later proves each reading it uses against
 * this root, so readings stay off the ledger but cannot be changed after the anchor.
 */
@Contract(
        name = Anchors.CONTRACT,
        info =
                @Info(
                        title = "FlexLedger reading anchors",
                        description = "Merkle roots of metered readings",
                        version = "1"))
public final class AnchorContract implements MarketContract {
    /** Anchors a day's readings of one portfolio: {@code {day, aggregatorMsp, rootHex, leafCount}} (DSO only). */
    @Transaction(name = Anchors.Names.ANCHOR_READINGS, intent = Transaction.TYPE.SUBMIT)
    public String anchorReadings(Context ctx, String anchorJson) {
        String caller = Caller.requireDso(ctx, ErrorCode.ANCHOR_MSP_NOT_ALLOWED, "anchor readings");
        ReadingAnchor anchor =
                SettlementJson.anchor(JsonInput.parse(anchorJson).onlyFields(SettlementJson.ANCHOR_INPUT));
        // Readings are anchored per aggregator portfolio.
        if (!Organisation.isAggregator(anchor.aggregatorMsp())) {
            throw fail(
                    ErrorCode.INVALID_FIELD,
                    "$.aggregatorMsp: %s is not an aggregator organisation",
                    anchor.aggregatorMsp());
        }
        Ledger ledger = new Ledger(ctx);
        String key = ledger.key(Keys.ANCHOR, anchor.day().toString(), anchor.aggregatorMsp());
        // One anchor per (day, aggregator): an anchored set of readings is never replaced.
        if (ledger.exists(key)) {
            throw fail(
                    ErrorCode.ANCHOR_EXISTS,
                    "the readings of %s for %s are already anchored",
                    anchor.aggregatorMsp(),
                    anchor.day());
        }
        Map<String, Object> record =
                SettlementJson.anchor(anchor, caller, ledger.now().toString(), ledger.txId());
        String json = ledger.put(key, record);
        ledger.emit("ReadingsAnchored", record);
        return json;
    }

    /** Reads the anchor of one portfolio's readings of a day. */
    @Transaction(name = Anchors.Names.READ_ANCHOR, intent = Transaction.TYPE.EVALUATE)
    public String readAnchor(Context ctx, String day, String aggregatorMsp) {
        Ledger ledger = new Ledger(ctx);
        return ledger.get(ledger.key(Keys.ANCHOR, BaselineContract.day(day), aggregatorMsp))
                .orElseThrow(() -> notFound(day, aggregatorMsp));
    }

    /** Lists the anchors of a day, one page at a time. */
    @Transaction(name = Anchors.Names.LIST_ANCHORS, intent = Transaction.TYPE.EVALUATE)
    public String listAnchors(Context ctx, String day, int pageSize, String bookmark) {
        return new Ledger(ctx).page(Keys.ANCHOR, List.of(BaselineContract.day(day)), pageSize, bookmark, json -> json);
    }

    /** The anchor of (day, aggregator), refused with {@link ErrorCode#ANCHOR_NOT_FOUND} if absent. */
    static ReadingAnchor requireAnchor(Ledger ledger, String day, String aggregatorMsp) {
        return ledger.read(ledger.key(Keys.ANCHOR, day, aggregatorMsp), SettlementJson::anchor)
                .orElseThrow(() -> notFound(day, aggregatorMsp));
    }

    private static RuntimeException notFound(String day, String aggregatorMsp) {
        return fail(ErrorCode.ANCHOR_NOT_FOUND, "no readings of %s anchored for %s", aggregatorMsp, day);
    }
}
