package io.flexledger.chaincode;

import static io.flexledger.chaincode.MarketFixture.AGG1;
import static io.flexledger.chaincode.MarketFixture.AGG2;
import static io.flexledger.chaincode.MarketFixture.COMMUNITY;
import static io.flexledger.chaincode.MarketFixture.DSO;
import static io.flexledger.chaincode.MarketFixture.offerJson;
import static io.flexledger.chaincode.OfferContractTest.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.chaincode.support.Keys;
import io.flexledger.contract.ErrorCode;
import java.time.Instant;
import java.util.Map;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OrderContractTest {
    MarketFixture m;

    @BeforeEach
    void seed() {
        m = new MarketFixture().seeded();
        m.postOffer(AGG1, offerJson("o-1")); // home-1, slots 68..70, min activation 0.5
    }

    ChaincodeException refusedOrder(String msp, String json) {
        Map<String, String> before = m.ledger.snapshot();
        ChaincodeException e = m.ledger.refused(msp, () -> m.orders.createOrder(m.ledger.ctx, json));
        // A refused order changes nothing: no order, no slot sold, the offer still live.
        assertThat(m.ledger.snapshot()).isEqualTo(before);
        return e;
    }

    static String orderJson(String id, String offerId, String activation) {
        return "{\"id\":\"" + id + "\",\"offerId\":\"" + offerId + "\",\"activation\":" + activation + "}";
    }

    @Nested
    class CreateOrder {
        @Test
        void buysTheOfferAtTheActivationAndSellsItsAssetSlots() {
            String json = m.order("ord-1", "o-1", "0.5");
            assertThat(json)
                    .contains("\"kwBySlot\":{\"68\":\"1.000\",\"69\":\"1.000\",\"70\":\"1.250\"}")
                    // 0.5 * (2 + 2 + 2.5) kW * 0.25 h = 0.8125 kWh at 0.21 EUR/kWh = 0.170625 -> 0.1706
                    .contains("\"cost\":\"0.1706\"")
                    .contains("\"state\":\"ACCEPTED\"", "\"assetId\":\"home-1\"");
            assertThat(m.ledger.get(Keys.OFFER, "o-1")).contains("\"state\":\"ORDERED\"");
            assertThat(m.ledger.get(Keys.ASSET_SLOT, "2026-11-27", "home-1", "069"))
                    .contains("ord-1");
            assertThat(m.ledger.get(Keys.ASSET_SLOT, "2026-11-27", "home-1", "071"))
                    .isNull();
            assertThat(m.ledger.lastEvent().name()).isEqualTo("OrderCreated");
        }

        @Test
        void onlyTheDsoOrders() {
            ChaincodeException e = refusedOrder(AGG1, orderJson("ord-1", "o-1", "1"));
            assertCode(e, ErrorCode.ORDER_MSP_NOT_ALLOWED);
            assertThat(e.getMessage()).endsWith("(caller Aggregator1MSP)");
            assertCode(refusedOrder(COMMUNITY, orderJson("ord-1", "o-1", "1")), ErrorCode.ORDER_MSP_NOT_ALLOWED);
        }

        @Test
        void neverMoreThanOfferedNorBelowTheMinimumActivation() {
            ChaincodeException above = refusedOrder(DSO, orderJson("ord-1", "o-1", "1.5"));
            assertCode(above, ErrorCode.INVALID_FIELD);
            assertThat(above.getMessage()).startsWith("INVALID_FIELD: $.activation: must be in (0, 1]");
            ChaincodeException below = refusedOrder(DSO, orderJson("ord-1", "o-1", "0.4"));
            assertCode(below, ErrorCode.ORDER_BELOW_MIN_ACTIVATION);
            assertThat(below.getMessage()).contains("$.activation");
            assertThat(m.order("ord-1", "o-1", "1")).contains("\"70\":\"2.500\"");
        }

        @Test
        void onlyALiveOffer() {
            assertCode(refusedOrder(DSO, orderJson("ord-1", "o-404", "1")), ErrorCode.OFFER_NOT_FOUND);
            m.order("ord-1", "o-1", "1");
            ChaincodeException again = refusedOrder(DSO, orderJson("ord-2", "o-1", "1"));
            assertCode(again, ErrorCode.ORDER_OFFER_NOT_LIVE);
            assertThat(again.getMessage()).contains("is ORDERED");

            m.postOffer(AGG1, offerJson("o-2", "home-1", "TX1", "{\"10\":1}"));
            m.ledger.as(
                    AGG1,
                    () -> m.revocations.revokeOffer(
                            m.ledger.ctx, "{\"offerId\":\"o-2\",\"reason\":\"EV left early\"}"));
            assertCode(refusedOrder(DSO, orderJson("ord-3", "o-2", "1")), ErrorCode.ORDER_OFFER_NOT_LIVE);
        }

        @Test
        void anOfferExpiresWhenItsBlockBegins() {
            // slot 68 of 2026-11-27 starts at 17:00 UTC
            m.ledger.now = Instant.parse("2026-11-27T17:00:00Z");
            ChaincodeException e = refusedOrder(DSO, orderJson("ord-1", "o-1", "1"));
            assertCode(e, ErrorCode.ORDER_OFFER_NOT_LIVE);
            assertThat(e.getMessage()).contains("expired at 2026-11-27T17:00:00Z");
            m.ledger.now = Instant.parse("2026-11-27T16:59:59Z");
            m.order("ord-1", "o-1", "1");
        }

        @Test
        void theLedgerRefusesADoubleSaleOfAnAssetInASlot() {
            // A second offer of the same home overlapping slot 70 (an alternative the aggregator also offered).
            m.postOffer(AGG1, offerJson("o-2", "home-1", "TX1-F1", "{\"70\":1,\"71\":1}"));
            m.order("ord-1", "o-1", "1");
            ChaincodeException e = refusedOrder(DSO, orderJson("ord-2", "o-2", "1"));
            assertCode(e, ErrorCode.ORDER_DOUBLE_SALE);
            assertThat(e.getMessage())
                    .isEqualTo(
                            "ORDER_DOUBLE_SALE: asset home-1 is already sold in slot 70 of 2026-11-27 by order ord-1");
            // Another asset in the same slot is no double sale.
            m.postOffer(AGG2, offerJson("o-3", "home-2", "TX1", "{\"70\":1}"));
            m.order("ord-3", "o-3", "1");
        }

        @Test
        void orderIdsAreUnique() {
            m.order("ord-1", "o-1", "1");
            m.postOffer(AGG2, offerJson("o-3", "home-2", "TX1", "{\"70\":1}"));
            assertCode(refusedOrder(DSO, orderJson("ord-1", "o-3", "1")), ErrorCode.ORDER_EXISTS);
        }

        @Test
        void malformedOrdersAreRefused() {
            assertCode(refusedOrder(DSO, "{\"id\":\"ord-1\""), ErrorCode.MALFORMED_INPUT);
            ChaincodeException e = refusedOrder(DSO, "{\"id\":\"ord 1\",\"offerId\":\"o-1\",\"activation\":true}");
            assertCode(e, ErrorCode.INVALID_FIELD);
            assertThat(e.getMessage()).startsWith("INVALID_FIELD: $.activation: must be a number");
        }
    }

    @Nested
    class CancelOrder {
        @Test
        void theDsoCancelsAnAcceptedOrderAndItsSlotsCanBeSoldAgain() {
            m.postOffer(AGG1, offerJson("o-2", "home-1", "TX1-F1", "{\"70\":1}"));
            m.order("ord-1", "o-1", "1");
            assertCode(refusedOrder(DSO, orderJson("ord-2", "o-2", "1")), ErrorCode.ORDER_DOUBLE_SALE);
            assertCode(
                    m.ledger.refused(AGG1, () -> m.orders.cancelOrder(m.ledger.ctx, "ord-1")),
                    ErrorCode.ORDER_MSP_NOT_ALLOWED);
            assertThat(m.ledger.as(DSO, () -> m.orders.cancelOrder(m.ledger.ctx, "ord-1")))
                    .contains("\"state\":\"CANCELLED\"");
            assertThat(m.ledger.lastEvent().name()).isEqualTo("OrderCancelled");
            assertThat(m.ledger.get(Keys.ASSET_SLOT, "2026-11-27", "home-1", "070"))
                    .isNull();
            m.order("ord-2", "o-2", "1");
            assertCode(
                    m.ledger.refused(DSO, () -> m.orders.cancelOrder(m.ledger.ctx, "ord-1")),
                    ErrorCode.ORDER_STATE_INVALID);
        }

        @Test
        void notOnceDeliveryHasBegun() {
            m.order("ord-1", "o-1", "1");
            m.ledger.now = Instant.parse("2026-11-27T17:05:00Z");
            assertCode(
                    m.ledger.refused(DSO, () -> m.orders.cancelOrder(m.ledger.ctx, "ord-1")),
                    ErrorCode.ORDER_STATE_INVALID);
            assertCode(
                    m.ledger.refused(DSO, () -> m.orders.cancelOrder(m.ledger.ctx, "ord-9")),
                    ErrorCode.ORDER_NOT_FOUND);
        }
    }

    @Nested
    class UnknownTransaction {
        @Test
        void anUnknownNameIsRefusedWithItsCode() {
            assertCode(
                    m.ledger.refused(DSO, () -> {
                        m.orders.unknownTransaction(m.ledger.ctx);
                        return null;
                    }),
                    ErrorCode.UNKNOWN_TRANSACTION);
        }
    }

    @Nested
    class ReadOrder {
        @Test
        void readsAnOrderAndRefusesAMissingOne() {
            String stored = m.order("ord-1", "o-1", "1");
            assertThat(m.ledger.as(AGG1, () -> m.orders.readOrder(m.ledger.ctx, "ord-1")))
                    .isEqualTo(stored);
            assertCode(
                    m.ledger.refused(AGG1, () -> m.orders.readOrder(m.ledger.ctx, "ord-9")), ErrorCode.ORDER_NOT_FOUND);
        }
    }

    @Nested
    class ListOrdersByDay {
        @Test
        void listsTheDaysOrders() {
            m.order("ord-1", "o-1", "1");
            String page = m.ledger.as(DSO, () -> m.orders.listOrdersByDay(m.ledger.ctx, "2026-11-27", 10, ""));
            assertThat(page).contains("\"id\":\"ord-1\"").contains("\"bookmark\":\"\"");
            assertThat(m.ledger.as(DSO, () -> m.orders.listOrdersByDay(m.ledger.ctx, "2026-11-28", 10, "")))
                    .isEqualTo("{\"bookmark\":\"\",\"records\":[]}");
        }
    }
}
