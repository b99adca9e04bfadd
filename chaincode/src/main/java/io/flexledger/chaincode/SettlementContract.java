package io.flexledger.chaincode;

import static io.flexledger.chaincode.failures.Failures.fail;

import io.flexledger.chaincode.codec.JsonInput;
import io.flexledger.chaincode.codec.MarketJson;
import io.flexledger.chaincode.codec.SettlementJson;
import io.flexledger.chaincode.codec.SettlementJson.PresentedReading;
import io.flexledger.chaincode.codec.SettlementJson.SettleRequest;
import io.flexledger.chaincode.failures.Failures;
import io.flexledger.chaincode.support.Caller;
import io.flexledger.chaincode.support.Keys;
import io.flexledger.chaincode.support.Ledger;
import io.flexledger.chaincode.support.PrivateCollections;
import io.flexledger.contract.ErrorCode;
import io.flexledger.contract.Settlements;
import io.flexledger.contract.codec.MarketRecords;
import io.flexledger.contract.codec.SettlementRecords;
import io.flexledger.domain.market.Baseline;
import io.flexledger.domain.market.BaselineCommitment;
import io.flexledger.domain.market.BaselineState;
import io.flexledger.domain.market.FlexOffer;
import io.flexledger.domain.market.FlexOrder;
import io.flexledger.domain.market.FlexOrderState;
import io.flexledger.domain.metering.ReadingAnchor;
import io.flexledger.domain.participants.Organisation;
import io.flexledger.domain.settlement.FlexSettlement;
import io.flexledger.domain.settlement.SettlementRule;
import io.flexledger.domain.validation.ValidationException;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/**
 * Settlement of orders against metered delivery. The DSO presents one signed meter reading per
 * ordered slot, each with its Merkle proof against the anchored root of the aggregator's portfolio;
 * the chaincode re-checks every reading, the revealed baseline and the order, computes the
 * settlement with the domain rule ({@link SettlementRule#DEFAULT}) and records it: the totals in
 * public, the per-slot lines in the collection the aggregator shares with the DSO. Settling rewrites
 * the order, whose key requires both the DSO's and the aggregator's peers to endorse.
 */
@Contract(
        name = Settlements.CONTRACT,
        info =
                @Info(
                        title = "FlexLedger settlements",
                        description = "Settlement of orders on metered delivery",
                        version = "1"))
public final class SettlementContract implements MarketContract {
    /** Settles an order: {@code {orderId, readings:[{…signed reading…, proof:{leafIndex, leafCount, siblings}}]}} (DSO only). */
    @Transaction(name = Settlements.Names.SETTLE_ORDER, intent = Transaction.TYPE.SUBMIT)
    public String settleOrder(Context ctx, String inputJson) {
        String caller = Caller.requireDso(ctx, ErrorCode.SETTLEMENT_MSP_NOT_ALLOWED, "settle orders");
        SettleRequest request =
                SettlementJson.settleRequest(JsonInput.parse(inputJson).onlyFields(SettlementJson.SETTLE_INPUT));
        Ledger ledger = new Ledger(ctx);
        String orderKey = ledger.key(Keys.ORDER, request.orderId());
        FlexOrder order = ledger.read(orderKey, MarketJson::storedOrder)
                .orElseThrow(
                        () -> fail(ErrorCode.ORDER_NOT_FOUND, "$.orderId: order %s does not exist", request.orderId()));
        // Only the ordering DSO settles its order.
        if (!order.dsoMsp().equals(caller)) {
            throw fail(ErrorCode.SETTLEMENT_MSP_NOT_ALLOWED, "order %s belongs to %s", order.id(), order.dsoMsp());
        }
        // Only a live order is settled: accepted (or activated), never cancelled or settled twice.
        if (!order.state().canBecome(FlexOrderState.SETTLED) && order.state() != FlexOrderState.ACCEPTED) {
            throw fail(ErrorCode.ORDER_NOT_SETTLEABLE, "order %s is %s", order.id(), order.state());
        }
        FlexOffer offer = OfferContract.requireOffer(ledger, order.offerId(), ErrorCode.OFFER_NOT_FOUND);
        String day = offer.period().day().toString();
        BaselineCommitment commitment = ledger.read(
                        ledger.key(Keys.BASELINE, day, offer.assetId()), MarketJson::storedCommitment)
                .orElseThrow(() ->
                        fail(ErrorCode.BASELINE_NOT_FOUND, "no baseline of %s committed for %s", offer.assetId(), day));
        Baseline baseline = revealedBaseline(ledger, commitment);
        ReadingAnchor anchor = AnchorContract.requireAnchor(ledger, day, offer.aggregatorMsp());
        List<PresentedReading> bySlot =
                ReadingChecks.check(ledger, ReadingChecks.Scope.ofOrder(offer), anchor, request.readings());

        FlexSettlement settlement;
        try {
            settlement = SettlementRule.DEFAULT.settle(
                    offer,
                    order,
                    baseline,
                    bySlot.stream().map(PresentedReading::reading).toList());
        } catch (ValidationException e) {
            // The checks above leave nothing for the rule to refuse; should it, the field is named.
            throw Failures.invalid(e.prefixed("$"));
        }
        String key = ledger.key(Keys.SETTLEMENT, settlement.id());
        String collection = PrivateCollections.forAggregator(offer.aggregatorMsp());
        String detailsJson = ledger.putPrivate(
                collection,
                key,
                SettlementJson.details(settlement, order.activation().toPlainString(), bySlot));
        Map<String, Object> record = SettlementRecords.settlement(
                settlement,
                anchor.rootHex(),
                commitment.hashHex(),
                Baseline.sha256Hex(detailsJson),
                ledger.now().toString(),
                ledger.txId());
        String json = ledger.put(key, record);
        // Later changes of the settlement (disputes) need both parties' peers.
        ledger.requireEndorsers(key, order.dsoMsp(), offer.aggregatorMsp());
        ledger.put(ledger.key(Keys.SETTLEMENT_BY_DAY, day, settlement.id()), Map.of("key", key));
        FlexOrder settled = order.state() == FlexOrderState.ACCEPTED
                // Settling an accepted order records that it was operated (activated) and settled.
                ? order.withState(FlexOrderState.ACTIVATED).withState(FlexOrderState.SETTLED)
                : order.withState(FlexOrderState.SETTLED);
        ledger.put(
                orderKey,
                MarketRecords.order(MarketRecords.storedOrder(settled, offer, ledger.now(), ledger.txId())
                        .settledBy(settlement.id())));
        ledger.emit("OrderSettled", record);
        return json;
    }

    /** Reads a settlement's public record. */
    @Transaction(name = Settlements.Names.READ_SETTLEMENT, intent = Transaction.TYPE.EVALUATE)
    public String readSettlement(Context ctx, String id) {
        Ledger ledger = new Ledger(ctx);
        return ledger.get(ledger.key(Keys.SETTLEMENT, id)).orElseThrow(() -> notFound(id));
    }

    /** Reads a settlement's per-slot lines: only the DSO and the settlement's aggregator. */
    @Transaction(name = Settlements.Names.READ_SETTLEMENT_DETAILS, intent = Transaction.TYPE.EVALUATE)
    public String readSettlementDetails(Context ctx, String id) {
        String caller = Caller.msp(ctx);
        Ledger ledger = new Ledger(ctx);
        String key = ledger.key(Keys.SETTLEMENT, id);
        SettlementRecords.StoredSettlement s =
                ledger.read(key, SettlementJson::storedSettlement).orElseThrow(() -> notFound(id));
        // Metered values per slot are for the home's aggregator and the DSO only.
        if (!caller.equals(s.aggregatorMsp()) && !Organisation.isDso(caller)) {
            throw fail(
                    ErrorCode.SETTLEMENT_MSP_NOT_ALLOWED,
                    "only %s and the DSO may read the details of %s (caller %s)",
                    s.aggregatorMsp(),
                    id,
                    caller);
        }
        return ledger.getPrivate(PrivateCollections.forAggregator(s.aggregatorMsp()), key)
                .orElseThrow(() -> fail(ErrorCode.SETTLEMENT_NOT_FOUND, "this peer holds no details of %s", id));
    }

    /** Lists the settlements of a day, one page at a time. */
    @Transaction(name = Settlements.Names.LIST_SETTLEMENTS, intent = Transaction.TYPE.EVALUATE)
    public String listSettlements(Context ctx, String day, int pageSize, String bookmark) {
        Ledger ledger = new Ledger(ctx);
        return ledger.page(
                Keys.SETTLEMENT_BY_DAY,
                List.of(BaselineContract.day(day)),
                pageSize,
                bookmark,
                index -> RegistryContract.resolve(ledger, index));
    }

    /** A settlement's stored public record, refused with {@link ErrorCode#SETTLEMENT_NOT_FOUND} if absent. */
    static SettlementRecords.StoredSettlement requireSettlement(Ledger ledger, String id) {
        return ledger.read(ledger.key(Keys.SETTLEMENT, id), SettlementJson::storedSettlement)
                .orElseThrow(() -> notFound(id));
    }

    private static RuntimeException notFound(String id) {
        return fail(ErrorCode.SETTLEMENT_NOT_FOUND, "settlement %s does not exist", id);
    }

    /** The revealed baseline values, checked against the public commitment. */
    private static Baseline revealedBaseline(Ledger ledger, BaselineCommitment c) {
        String day = c.period().day().toString();
        // Delivery is measured against a baseline that was committed before the day and revealed since.
        if (c.state() != BaselineState.REVEALED) {
            throw fail(ErrorCode.BASELINE_NOT_REVEALED, "the baseline of %s for %s is not revealed", c.assetId(), day);
        }
        String privateJson = ledger.getPrivate(
                        PrivateCollections.forAggregator(c.aggregatorMsp()),
                        ledger.key(Keys.BASELINE, day, c.assetId()))
                .orElseThrow(() -> fail(
                        ErrorCode.BASELINE_NOT_REVEALED,
                        "this peer holds no revealed values of the baseline of %s for %s",
                        c.assetId(),
                        day));
        MarketRecords.Reveal reveal = MarketJson.reveal(JsonInput.parse(privateJson));
        // The private values are exactly what was committed.
        if (!c.matches(reveal.baseline(), reveal.salt())) {
            throw fail(
                    ErrorCode.BASELINE_HASH_MISMATCH,
                    "the stored baseline values of %s for %s do not hash to the commitment %s",
                    c.assetId(),
                    day,
                    c.hashHex());
        }
        return reveal.baseline();
    }
}
