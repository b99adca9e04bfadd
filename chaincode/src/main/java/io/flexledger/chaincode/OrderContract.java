package io.flexledger.chaincode;

import static io.flexledger.chaincode.failures.Failures.fail;

import io.flexledger.chaincode.codec.JsonInput;
import io.flexledger.chaincode.codec.MarketJson;
import io.flexledger.chaincode.support.Caller;
import io.flexledger.chaincode.support.Keys;
import io.flexledger.chaincode.support.Ledger;
import io.flexledger.contract.ErrorCode;
import io.flexledger.contract.Orders;
import io.flexledger.domain.market.FlexOffer;
import io.flexledger.domain.market.FlexOfferState;
import io.flexledger.domain.market.FlexOrder;
import io.flexledger.domain.market.FlexOrderState;
import io.flexledger.domain.validation.Violation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/**
 * The DSO's orders. An order buys a live offer at a fraction in {@code [minActivation, 1]}, and the
 * ledger refuses a double sale: each (day, asset, slot) is sold by at most one order or one community
 * trade (decision 0021), recorded under its own key so that two conflicting sales also conflict in
 * Fabric's read-write check.
 */
@Contract(
        name = Orders.CONTRACT,
        info = @Info(title = "FlexLedger orders", description = "The DSO's flexibility orders", version = "1"))
public final class OrderContract implements MarketContract {
    /** Orders an offer: {@code {id, offerId, activation}} (DSO only). */
    @Transaction(name = Orders.Names.CREATE_ORDER, intent = Transaction.TYPE.SUBMIT)
    public String createOrder(Context ctx, String orderJson) {
        String caller = Caller.requireDso(ctx, ErrorCode.ORDER_MSP_NOT_ALLOWED, "order flexibility");
        FlexOrder order = MarketJson.order(JsonInput.parse(orderJson).onlyFields(MarketJson.ORDER_INPUT), caller);
        Ledger ledger = new Ledger(ctx);
        String key = ledger.key(Keys.ORDER, order.id());
        // Order ids are unique.
        if (ledger.exists(key)) {
            throw fail(ErrorCode.ORDER_EXISTS, "order %s already exists", order.id());
        }
        FlexOffer offer = OfferContract.requireOffer(ledger, order.offerId(), ErrorCode.OFFER_NOT_FOUND);
        // Only a live offer is ordered: not ordered, revoked or expired.
        if (offer.state() != FlexOfferState.OFFERED) {
            throw fail(ErrorCode.ORDER_OFFER_NOT_LIVE, "$.offerId: offer %s is %s", offer.id(), offer.state());
        }
        Instant blockStart = offer.period().slot(offer.kwBySlot().firstKey()).start();
        // An offer expires when its block begins: flexibility cannot be bought for the past.
        if (!ledger.now().isBefore(blockStart)) {
            throw fail(
                    ErrorCode.ORDER_OFFER_NOT_LIVE,
                    "$.offerId: offer %s expired at %s; transaction time is %s",
                    offer.id(),
                    blockStart,
                    ledger.now());
        }
        // The activation is within the offer (at most 1 by construction, at least its minimum).
        List<Violation> misfit = order.checkAgainst(offer);
        if (!misfit.isEmpty()) {
            throw fail(
                    ErrorCode.ORDER_BELOW_MIN_ACTIVATION,
                    "$.%s: %s",
                    misfit.get(0).path(),
                    misfit.get(0).reason());
        }
        String day = offer.period().day().toString();
        List<String> locks = new ArrayList<>();
        for (Map.Entry<Integer, ?> slot : offer.kwBySlot().entrySet()) {
            String lock = ledger.key(Keys.ASSET_SLOT, day, offer.assetId(), Keys.slot(slot.getKey()));
            Optional<String> holder = ledger.get(lock);
            // No asset is sold twice in the same slot: to another order or in its community's market.
            if (holder.isPresent()) {
                throw fail(
                        ErrorCode.ORDER_DOUBLE_SALE,
                        "asset %s is already sold in slot %d of %s by %s",
                        offer.assetId(),
                        slot.getKey(),
                        day,
                        CommunityContract.holderName(holder.get()));
            }
            locks.add(lock);
        }
        // A FlexOffer's options exclude each other: once one is ordered, no other is, however it is ordered.
        Optional<String> optionLock = optionLock(ledger, offer.id());
        if (optionLock.isPresent()) {
            Optional<String> taken = ledger.get(optionLock.get());
            if (taken.isPresent()) {
                JsonInput holder = JsonInput.parse(taken.get());
                throw fail(
                        ErrorCode.ORDER_OPTION_TAKEN,
                        "$.offerId: offer %s is an option of a FlexOffer whose option %s is ordered by order %s",
                        offer.id(),
                        holder.string("offerId"),
                        holder.string("orderId"));
            }
        }
        Map<String, Object> record = MarketJson.order(order, offer, ledger.now(), ledger.txId());
        String json = ledger.put(key, record);
        // Every later change of the order (settlement) needs the DSO's and the aggregator's peers.
        ledger.requireEndorsers(key, caller, offer.aggregatorMsp());
        for (String lock : locks) {
            ledger.put(lock, Map.of("orderId", order.id(), "offerId", offer.id()));
        }
        ledger.put(
                ledger.key(Keys.OFFER, offer.id()),
                MarketJson.offer(offer.withState(FlexOfferState.ORDERED), ledger.now(), ledger.txId()));
        ledger.put(ledger.key(Keys.ORDER_BY_DAY, day, order.id()), Map.of("key", key));
        optionLock.ifPresent(lock -> ledger.put(lock, Map.of("orderId", order.id(), "offerId", offer.id())));
        ledger.emit("OrderCreated", record);
        return json;
    }

    /**
     * Cancels an accepted order before its block begins (DSO only); its asset's slots become free to
     * sell again.
     */
    @Transaction(name = Orders.Names.CANCEL_ORDER, intent = Transaction.TYPE.SUBMIT)
    public String cancelOrder(Context ctx, String orderId) {
        String caller = Caller.requireDso(ctx, ErrorCode.ORDER_MSP_NOT_ALLOWED, "cancel orders");
        Ledger ledger = new Ledger(ctx);
        String key = ledger.key(Keys.ORDER, orderId);
        FlexOrder order = requireOrder(ledger, orderId);
        // Only the ordering DSO cancels its order.
        if (!order.dsoMsp().equals(caller)) {
            throw fail(ErrorCode.ORDER_MSP_NOT_ALLOWED, "order %s belongs to %s", orderId, order.dsoMsp());
        }
        // Only an accepted (not yet activated) order is cancelled.
        if (!order.state().canBecome(FlexOrderState.CANCELLED)) {
            throw fail(ErrorCode.ORDER_STATE_INVALID, "order %s is %s", orderId, order.state());
        }
        FlexOffer offer = OfferContract.requireOffer(ledger, order.offerId(), ErrorCode.OFFER_NOT_FOUND);
        Instant blockStart = offer.period().slot(offer.kwBySlot().firstKey()).start();
        // Delivery that has begun cannot be cancelled.
        if (!ledger.now().isBefore(blockStart)) {
            throw fail(ErrorCode.ORDER_STATE_INVALID, "order %s began at %s", orderId, blockStart);
        }
        String day = offer.period().day().toString();
        for (Integer slot : offer.kwBySlot().keySet()) {
            ledger.delete(ledger.key(Keys.ASSET_SLOT, day, offer.assetId(), Keys.slot(slot)));
        }
        // A cancelled option frees its FlexOffer's other options.
        optionLock(ledger, offer.id()).ifPresent(ledger::delete);
        Map<String, Object> record =
                MarketJson.order(order.withState(FlexOrderState.CANCELLED), offer, ledger.now(), ledger.txId());
        String json = ledger.put(key, record);
        ledger.emit("OrderCancelled", record);
        return json;
    }

    /** The key of the ordered option of the FlexOffer whose option the offer is, if it is one. */
    private static Optional<String> optionLock(Ledger ledger, String offerId) {
        return ledger.get(ledger.key(Keys.UFTP_OPTION_OF, offerId))
                .map(group -> ledger.key(
                        Keys.UFTP_OPTION_ORDER, JsonInput.parse(group).string("flexOfferMessageId")));
    }

    /** Reads an order. */
    @Transaction(name = Orders.Names.READ_ORDER, intent = Transaction.TYPE.EVALUATE)
    public String readOrder(Context ctx, String orderId) {
        Ledger ledger = new Ledger(ctx);
        return ledger.get(ledger.key(Keys.ORDER, orderId))
                .orElseThrow(() -> fail(ErrorCode.ORDER_NOT_FOUND, "order %s does not exist", orderId));
    }

    /** Lists the orders of a day, one page at a time. */
    @Transaction(name = Orders.Names.LIST_ORDERS_BY_DAY, intent = Transaction.TYPE.EVALUATE)
    public String listOrdersByDay(Context ctx, String day, int pageSize, String bookmark) {
        Ledger ledger = new Ledger(ctx);
        return ledger.page(
                Keys.ORDER_BY_DAY,
                List.of(BaselineContract.day(day)),
                pageSize,
                bookmark,
                index -> RegistryContract.resolve(ledger, index));
    }

    /** An order as stored, refused with {@link ErrorCode#ORDER_NOT_FOUND} if absent. */
    static FlexOrder requireOrder(Ledger ledger, String orderId) {
        return ledger.read(ledger.key(Keys.ORDER, orderId), MarketJson::storedOrder)
                .orElseThrow(() -> fail(ErrorCode.ORDER_NOT_FOUND, "order %s does not exist", orderId));
    }
}
