package io.flexledger.marketplaceapi.ledger;

import io.flexledger.contract.codec.MarketRecords.StoredOffer;
import io.flexledger.contract.codec.MarketRecords.StoredOrder;
import io.flexledger.contract.codec.MarketRecords.StoredRequest;
import io.flexledger.contract.codec.MarketRecords.StoredRevocation;
import io.flexledger.domain.market.FlexOffer;
import io.flexledger.domain.market.FlexOfferRevocation;
import io.flexledger.domain.market.FlexOrder;
import io.flexledger.domain.market.FlexRequest;

/**
 * The port in front of the ledger for the market's order book: one method per transaction of the
 * offers, revocations, requests and orders contracts that the API calls (see {@link LedgerPort} for
 * what records, refusals and idempotency keys look like). Writes take the domain values the caller
 * validated; the transaction's input is the ledger contract's codec's ({@code MarketRecords.offerInput}
 * and its siblings), which the chaincode reads and checks again. Reads answer the stored records decoded
 * by that codec, every field the record's JSON holds, so that {@code MarketRecords} writes the same JSON
 * back; a record the codec refuses is a {@link LedgerUnavailableException}.
 *
 * <p>{@code api.GatewayLedger} implements it over the Fabric Gateway; the tests have an in-memory one.
 */
public interface Ledger extends LedgerPort {
    /** {@code offers:CreateOffer}: posts an offer of this instance's aggregator organisation. */
    LedgerReceipt createOffer(String idempotencyKey, FlexOffer offer);

    /** {@code offers:ReadOffer}: one offer. */
    StoredOffer readOffer(String offerId);

    /** {@code offers:ListOffersByDay}: a page of a day's offers. */
    Page<StoredOffer> listOffersByDay(String day, String pageSize, String bookmark);

    /** {@code revocations:RevokeOffer}: revokes a live offer of this instance's organisation. */
    LedgerReceipt revokeOffer(String idempotencyKey, FlexOfferRevocation revocation);

    /** {@code revocations:ReadRevocation}: the revocation of an offer. */
    StoredRevocation readRevocation(String offerId);

    /** {@code requests:CreateRequest}: posts a DSO's flexibility request. */
    LedgerReceipt createRequest(String idempotencyKey, FlexRequest request);

    /** {@code requests:ReadRequest}: one request. */
    StoredRequest readRequest(String requestId);

    /** {@code requests:ListRequestsByDay}: a page of a day's requests. */
    Page<StoredRequest> listRequestsByDay(String day, String pageSize, String bookmark);

    /** {@code requests:CloseRequest}: the DSO closes its open request (at gate closure, once cleared). */
    LedgerReceipt closeRequest(String requestId);

    /** {@code orders:CreateOrder}: orders the offer {@code order} names. */
    LedgerReceipt createOrder(String idempotencyKey, FlexOrder order);

    /**
     * {@code orders:CreateOrder} of the DSO's gate-closure clearing: {@code order} of an offer of {@code
     * aggregatorMsp} as the order book read names it, endorsed by the DSO and that aggregator. No
     * idempotency key: placing the same order again is refused with {@code ORDER_EXISTS}.
     */
    LedgerReceipt placeClearedOrder(String aggregatorMsp, FlexOrder order);

    /** {@code orders:CancelOrder}: cancels an accepted order. */
    LedgerReceipt cancelOrder(String idempotencyKey, String orderId);

    /** {@code orders:ReadOrder}: one order, with what it buys and, once settled, its settlement. */
    StoredOrder readOrder(String orderId);

    /** {@code orders:ListOrdersByDay}: a page of a day's orders. */
    Page<StoredOrder> listOrdersByDay(String day, String pageSize, String bookmark);
}
