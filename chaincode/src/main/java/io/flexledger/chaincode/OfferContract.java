package io.flexledger.chaincode;

import static io.flexledger.chaincode.failures.Failures.fail;

import io.flexledger.chaincode.codec.JsonInput;
import io.flexledger.chaincode.codec.MarketJson;
import io.flexledger.chaincode.codec.RegistryJson;
import io.flexledger.chaincode.support.Caller;
import io.flexledger.chaincode.support.Keys;
import io.flexledger.chaincode.support.Ledger;
import io.flexledger.contract.ErrorCode;
import io.flexledger.contract.Offers;
import io.flexledger.domain.grid.CongestionPoint;
import io.flexledger.domain.market.FlexOffer;
import io.flexledger.domain.market.FlexRequest;
import io.flexledger.domain.market.FlexRequestState;
import io.flexledger.domain.participants.Asset;
import io.flexledger.domain.participants.Organisation;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Default;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/**
 * Aggregators' flex offers (the default contract). An offer is posted by an aggregator organisation,
 * for an asset of its own portfolio connected at or below the offer's congestion point, before the
 * day's gate closes; a solicited offer fits its open request. The DSO's peer endorses every offer
 * (countersignature in the aggregator's DSO collection) and every change of it (key-level policy).
 */
@Default
@Contract(
        name = Offers.CONTRACT,
        info = @Info(title = "FlexLedger offers", description = "Aggregators' flexibility offers", version = "1"))
public final class OfferContract implements MarketContract {
    /** Posts an offer (aggregators only). */
    @Transaction(name = Offers.Names.CREATE_OFFER, intent = Transaction.TYPE.SUBMIT)
    public String createOffer(Context ctx, String offerJson) {
        String caller = Caller.requireAggregator(ctx, ErrorCode.OFFER_MSP_NOT_ALLOWED, "post offers");
        FlexOffer offer = MarketJson.offer(JsonInput.parse(offerJson).onlyFields(MarketJson.OFFER_INPUT), caller);
        // An aggregator offers in its own name only.
        if (!offer.aggregatorMsp().equals(caller)) {
            throw fail(
                    ErrorCode.OFFER_AGGREGATOR_MISMATCH,
                    "$.aggregatorMsp: %s may not post offers for %s",
                    caller,
                    offer.aggregatorMsp());
        }
        Ledger ledger = new Ledger(ctx);
        String key = ledger.key(Keys.OFFER, offer.id());
        // Offer ids are unique.
        if (ledger.exists(key)) {
            throw fail(ErrorCode.OFFER_EXISTS, "offer %s already exists", offer.id());
        }
        // Offers for a day are posted before its gate closes (transaction time, the same on every peer).
        if (!offer.period().isOpenAt(ledger.now())) {
            throw fail(
                    ErrorCode.OFFER_GATE_CLOSED,
                    "gate closure for %s was at %s; transaction time is %s",
                    offer.period().day(),
                    offer.period().gateClosure(),
                    ledger.now());
        }
        Asset asset = ledger.read(ledger.key(Keys.ASSET, offer.assetId()), in -> RegistryJson.asset(in, null))
                .orElseThrow(() -> fail(
                        ErrorCode.OFFER_ASSET_NOT_REGISTERED,
                        "$.assetId: asset %s is not registered",
                        offer.assetId()));
        // An offer references an asset of the caller's own portfolio.
        if (!asset.aggregatorMsp().equals(caller)) {
            throw fail(
                    ErrorCode.OFFER_ASSET_NOT_OWNED,
                    "$.assetId: asset %s belongs to %s, not %s",
                    asset.id(),
                    asset.aggregatorMsp(),
                    caller);
        }
        requireConnectedAt(ledger, asset, offer.congestionPointId());
        if (offer.isSolicited()) {
            requireFits(ledger, offer);
        }
        Map<String, Object> record = MarketJson.offer(offer, ledger.now(), ledger.txId());
        String json = ledger.put(key, record);
        ledger.put(ledger.key(Keys.OFFER_BY_DAY, offer.period().day().toString(), offer.id()), Map.of("key", key));
        // The offer binds the aggregator and the DSO: every later change (order, revocation) needs both
        // peers, and the DSO's peer countersigns the offer itself, checking gate closure on its own clock.
        ledger.requireEndorsers(key, caller, Organisation.DSO_MSP);
        ledger.countersignByDso(caller, Keys.OFFER, List.of(offer.id()), json);
        ledger.emit("OfferCreated", record);
        return json;
    }

    /** Reads an offer. */
    @Transaction(name = Offers.Names.READ_OFFER, intent = Transaction.TYPE.EVALUATE)
    public String readOffer(Context ctx, String offerId) {
        Ledger ledger = new Ledger(ctx);
        return ledger.get(ledger.key(Keys.OFFER, offerId))
                .orElseThrow(() -> fail(ErrorCode.OFFER_NOT_FOUND, "offer %s does not exist", offerId));
    }

    /** Lists all offers in id order, one page at a time. */
    @Transaction(name = Offers.Names.LIST_OFFERS, intent = Transaction.TYPE.EVALUATE)
    public String listOffers(Context ctx, int pageSize, String bookmark) {
        return new Ledger(ctx).page(Keys.OFFER, List.of(), pageSize, bookmark, json -> json);
    }

    /** Lists the offers of a day, one page at a time. */
    @Transaction(name = Offers.Names.LIST_OFFERS_BY_DAY, intent = Transaction.TYPE.EVALUATE)
    public String listOffersByDay(Context ctx, String day, int pageSize, String bookmark) {
        Ledger ledger = new Ledger(ctx);
        return ledger.page(
                Keys.OFFER_BY_DAY,
                List.of(BaselineContract.day(day)),
                pageSize,
                bookmark,
                index -> RegistryContract.resolve(ledger, index));
    }

    /** The stored offer, refused with {@code notFound} if absent. */
    static FlexOffer requireOffer(Ledger ledger, String offerId, ErrorCode notFound) {
        return ledger.read(ledger.key(Keys.OFFER, offerId), MarketJson::storedOffer)
                .orElseThrow(() -> fail(notFound, "$.offerId: offer %s does not exist", offerId));
    }

    private static void requireConnectedAt(Ledger ledger, Asset asset, String congestionPointId) {
        // The asset relieves the offer's congestion point: it is connected there or on a feeder below it.
        if (asset.congestionPointId().equals(congestionPointId)) {
            return;
        }
        CongestionPoint home = ledger.read(
                        ledger.key(Keys.CONGESTION_POINT, asset.congestionPointId()), RegistryJson::congestionPoint)
                .orElseThrow(() -> fail(
                        ErrorCode.CONGESTION_POINT_NOT_FOUND,
                        "congestion point %s is not registered",
                        asset.congestionPointId()));
        if (!congestionPointId.equals(home.parentId())) {
            throw fail(
                    ErrorCode.OFFER_CONGESTION_POINT_MISMATCH,
                    "$.congestionPointId: asset %s is connected at %s, which is not at or below %s",
                    asset.id(),
                    asset.congestionPointId(),
                    congestionPointId);
        }
    }

    private static void requireFits(Ledger ledger, FlexOffer offer) {
        FlexRequest request = ledger.read(ledger.key(Keys.REQUEST, offer.requestId()), MarketJson::storedRequest)
                .orElseThrow(() -> fail(
                        ErrorCode.OFFER_REQUEST_NOT_FOUND,
                        "$.requestId: request %s does not exist",
                        offer.requestId()));
        // A solicited offer answers an open request.
        if (request.state() != FlexRequestState.OPEN) {
            throw fail(
                    ErrorCode.OFFER_REQUEST_NOT_OPEN, "$.requestId: request %s is %s", request.id(), request.state());
        }
        // ... for the same day and congestion point ...
        if (!request.period().equals(offer.period())
                || !request.congestionPointId().equals(offer.congestionPointId())) {
            throw fail(
                    ErrorCode.OFFER_REQUEST_MISMATCH,
                    "$.requestId: request %s is for %s at %s, the offer for %s at %s",
                    request.id(),
                    request.period().day(),
                    request.congestionPointId(),
                    offer.period().day(),
                    offer.congestionPointId());
        }
        // ... and only in slots the request asks for.
        for (Integer slot : offer.kwBySlot().keySet()) {
            if (!request.kwBySlot().containsKey(slot)) {
                throw fail(
                        ErrorCode.OFFER_REQUEST_MISMATCH,
                        "$.kwBySlot.%d: request %s does not ask for slot %d",
                        slot,
                        request.id(),
                        slot);
            }
        }
    }
}
