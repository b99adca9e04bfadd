package io.flexledger.marketplaceapi.ledger;

/**
 * The port in front of the ledger for the market's order book: one method per transaction of the
 * offers, revocations, requests and orders contracts that the API calls (see {@link LedgerPort} for
 * what records, refusals and idempotency keys look like).
 *
 * <p>{@code api.GatewayLedger} implements it over the Fabric Gateway; the tests have an in-memory one.
 */
public interface Ledger extends LedgerPort {
    /** {@code offers:CreateOffer}: posts an offer of this instance's aggregator organisation. */
    LedgerReceipt createOffer(String idempotencyKey, String offerJson);

    /** {@code offers:ReadOffer}: one offer. */
    byte[] readOffer(String offerId);

    /** {@code offers:ListOffersByDay}: a page of a day's offers ({@code {records, bookmark}}). */
    byte[] listOffersByDay(String day, String pageSize, String bookmark);

    /** {@code revocations:RevokeOffer}: revokes a live offer of this instance's organisation. */
    LedgerReceipt revokeOffer(String idempotencyKey, String revocationJson);

    /** {@code revocations:ReadRevocation}: the revocation of an offer. */
    byte[] readRevocation(String offerId);

    /** {@code requests:CreateRequest}: posts a DSO's flexibility request. */
    LedgerReceipt createRequest(String idempotencyKey, String requestJson);

    /** {@code requests:ReadRequest}: one request. */
    byte[] readRequest(String requestId);

    /** {@code requests:ListRequestsByDay}: a page of a day's requests. */
    byte[] listRequestsByDay(String day, String pageSize, String bookmark);

    /** {@code requests:CloseRequest}: the DSO closes its open request (at gate closure, once cleared). */
    LedgerReceipt closeRequest(String requestId);

    /** {@code orders:CreateOrder}: orders offer {@code offerId} ({@code orderJson} names it too). */
    LedgerReceipt createOrder(String idempotencyKey, String offerId, String orderJson);

    /**
     * {@code orders:CreateOrder} of the DSO's gate-closure clearing: the order {@code orderJson} of an
     * offer of {@code aggregatorMsp} as the order book read names it, endorsed by the DSO and that
     * aggregator. No idempotency key: placing the same order again is refused with {@code ORDER_EXISTS}.
     */
    LedgerReceipt placeClearedOrder(String aggregatorMsp, String orderJson);

    /** {@code orders:CancelOrder}: cancels an accepted order. */
    LedgerReceipt cancelOrder(String idempotencyKey, String orderId);

    /** {@code orders:ReadOrder}: one order. */
    byte[] readOrder(String orderId);

    /** {@code orders:ListOrdersByDay}: a page of a day's orders. */
    byte[] listOrdersByDay(String day, String pageSize, String bookmark);
}
