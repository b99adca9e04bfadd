package io.flexledger.chaincode;

import static io.flexledger.chaincode.MarketFixture.AGG1;
import static io.flexledger.chaincode.MarketFixture.AGG2;
import static io.flexledger.chaincode.MarketFixture.COMMUNITY;
import static io.flexledger.chaincode.MarketFixture.DSO;
import static io.flexledger.chaincode.MarketFixture.offerJson;
import static io.flexledger.chaincode.MarketFixture.requestJson;
import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.chaincode.support.Keys;
import io.flexledger.contract.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OfferContractTest {
    MarketFixture m;

    @BeforeEach
    void seed() {
        m = new MarketFixture().seeded();
    }

    static void assertCode(ChaincodeException e, ErrorCode code) {
        assertThat(new String(e.getPayload(), StandardCharsets.UTF_8)).isEqualTo(code.name());
        assertThat(e.getMessage()).startsWith(code.name() + ": ");
    }

    ChaincodeException refusedOffer(String msp, String json) {
        Map<String, String> before = m.ledger.snapshot();
        int events = m.ledger.events.size();
        ChaincodeException e = m.ledger.refused(msp, () -> m.offers.createOffer(m.ledger.ctx, json));
        // A refused transaction changes nothing and emits nothing.
        assertThat(m.ledger.snapshot()).isEqualTo(before);
        assertThat(m.ledger.events).hasSize(events);
        return e;
    }

    @Nested
    class CreateOffer {
        @Test
        void storesTheOfferCanonicallyUnderItsCompositeKeyAndEmitsAnEvent() {
            String json = m.postOffer(AGG1, offerJson("o-1"));
            assertThat(json)
                    .isEqualTo("{\"aggregatorMsp\":\"Aggregator1MSP\",\"assetId\":\"home-1\","
                            + "\"congestionPointId\":\"TX1\",\"day\":\"2026-11-27\","
                            + "\"id\":\"o-1\",\"kwBySlot\":{\"68\":\"2.000\",\"69\":\"2.000\",\"70\":\"2.500\"},"
                            + "\"minActivation\":\"0.5\",\"price\":\"0.21000\",\"state\":\"OFFERED\","
                            + "\"txId\":\"" + m.ledger.lastEvent().txId()
                            + "\",\"updatedAt\":\"2026-11-26T12:00:00Z\"}");
            assertThat(m.ledger.get(Keys.OFFER, "o-1")).isEqualTo(json);
            assertThat(m.ledger.get(Keys.OFFER_BY_DAY, "2026-11-27", "o-1")).contains("o-1");
            assertThat(m.ledger.lastEvent().name()).isEqualTo("OfferCreated");
            assertThat(m.ledger.lastEvent().payload()).contains("\"event\":\"OfferCreated\"", "\"id\":\"o-1\"");
        }

        @Test
        void theCallersMspIsCheckedFirstEvenBeforeTheInputIsRead() {
            ChaincodeException e = refusedOffer(DSO, "not json at all");
            assertCode(e, ErrorCode.OFFER_MSP_NOT_ALLOWED);
            assertThat(e.getMessage())
                    .isEqualTo("OFFER_MSP_NOT_ALLOWED: only aggregator organisations may post offers (caller DsoMSP)");
            assertCode(refusedOffer(COMMUNITY, offerJson("o-1")), ErrorCode.OFFER_MSP_NOT_ALLOWED);
        }

        @Test
        void anAggregatorCannotPostInAnotherAggregatorsName() {
            String json = offerJson("o-1").replace("{\"id\"", "{\"aggregatorMsp\":\"Aggregator2MSP\",\"id\"");
            assertCode(refusedOffer(AGG1, json), ErrorCode.OFFER_AGGREGATOR_MISMATCH);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "[]", "{", "{\"id\":\"o-1\"} trailing", "{\"id\":\"o-1\",\"id\":\"o-2\"}", "42"})
        void malformedJsonIsRefusedWithItsCode(String json) {
            assertCode(refusedOffer(AGG1, json), ErrorCode.MALFORMED_INPUT);
        }

        @Test
        void aBadFieldIsNamedByItsJsonPath() {
            ChaincodeException e = refusedOffer(AGG1, offerJson("o-1", "home-1", "TX1", "{\"68\":-2}"));
            assertCode(e, ErrorCode.INVALID_FIELD);
            assertThat(e.getMessage()).startsWith("INVALID_FIELD: $.kwBySlot.68: must be >= 0");
            assertThat(refusedOffer(AGG1, offerJson("o-1").replace("\"price\":0.21", "\"price\":\"cheap\""))
                            .getMessage())
                    .startsWith("INVALID_FIELD: $.price: must be a plain decimal number");
            assertThat(refusedOffer(AGG1, offerJson("o-1").replace("\"minActivation\":0.5", "\"minActivation\":2"))
                            .getMessage())
                    .startsWith("INVALID_FIELD: $.minActivation: must be in [0, 1]");
            assertThat(refusedOffer(AGG1, offerJson("o-1", "home-1", "TX1", "{\"96\":1}"))
                            .getMessage())
                    .startsWith("INVALID_FIELD: $.kwBySlot.96: slot is outside 0..95");
            assertThat(refusedOffer(AGG1, offerJson("o-1").replace("\"id\"", "\"idd\""))
                            .getMessage())
                    .isEqualTo("INVALID_FIELD: $.idd: is not a known field (and 1 more: $.id: is required)");
        }

        @Test
        void unknownFieldsAndTooManyDecimalsAreRefused() {
            assertThat(refusedOffer(AGG1, offerJson("o-1").replace("{\"id\"", "{\"colour\":\"red\",\"id\""))
                            .getMessage())
                    .startsWith("INVALID_FIELD: $.colour: is not a known field");
            assertThat(refusedOffer(AGG1, offerJson("o-1", "home-1", "TX1", "{\"68\":2.0001}"))
                            .getMessage())
                    .startsWith("INVALID_FIELD: $.kwBySlot.68: has more than 3 decimals (kW)");
            assertThat(refusedOffer(AGG1, offerJson("o-1", "home-1", "TX1", "{\"68\":1e999999999}"))
                            .getMessage())
                    .startsWith("INVALID_FIELD: $.kwBySlot.68: must be below 1e15 in magnitude");
        }

        @Test
        void anOfferIdIsUsedOnce() {
            m.postOffer(AGG1, offerJson("o-1"));
            assertCode(refusedOffer(AGG1, offerJson("o-1")), ErrorCode.OFFER_EXISTS);
        }

        @Test
        void noOfferAfterGateClosureByTransactionTime() {
            m.ledger.now = Instant.parse("2026-11-26T23:00:00Z");
            ChaincodeException e = refusedOffer(AGG1, offerJson("o-1"));
            assertCode(e, ErrorCode.OFFER_GATE_CLOSED);
            assertThat(e.getMessage()).contains("2026-11-26T23:00:00Z");
            m.ledger.now = Instant.parse("2026-11-26T22:59:59Z");
            m.postOffer(AGG1, offerJson("o-1"));
        }

        @Test
        void theAssetMustBeRegisteredAndInTheCallersPortfolio() {
            assertCode(
                    refusedOffer(AGG1, offerJson("o-1", "home-99", "TX1", "{\"68\":1}")),
                    ErrorCode.OFFER_ASSET_NOT_REGISTERED);
            ChaincodeException e = refusedOffer(AGG1, offerJson("o-1", "home-2", "TX1", "{\"68\":1}"));
            assertCode(e, ErrorCode.OFFER_ASSET_NOT_OWNED);
            assertThat(e.getMessage()).contains("home-2 belongs to Aggregator2MSP");
            m.postOffer(AGG2, offerJson("o-2", "home-2", "TX1", "{\"68\":1}"));
        }

        @Test
        void theAssetMustBeConnectedAtOrBelowTheCongestionPoint() {
            m.postOffer(AGG1, offerJson("o-f1", "home-1", "TX1-F1", "{\"68\":1}"));
            m.postOffer(AGG1, offerJson("o-tx", "home-1", "TX1", "{\"68\":1}"));
            assertCode(
                    refusedOffer(AGG1, offerJson("o-f2", "home-1", "TX1-F2", "{\"68\":1}")),
                    ErrorCode.OFFER_CONGESTION_POINT_MISMATCH);
        }

        @Test
        void aSolicitedOfferFitsAnOpenRequest() {
            m.postRequest(requestJson("r-1", "TX1", "{\"68\":30,\"69\":30,\"70\":30}"));
            String solicited = offerJson("o-1").replace("{\"id\"", "{\"requestId\":\"r-1\",\"id\"");
            assertThat(m.postOffer(AGG1, solicited)).contains("\"requestId\":\"r-1\"");

            assertCode(
                    refusedOffer(AGG1, offerJson("o-2").replace("{\"id\"", "{\"requestId\":\"r-9\",\"id\"")),
                    ErrorCode.OFFER_REQUEST_NOT_FOUND);
            ChaincodeException outside = refusedOffer(
                    AGG1,
                    offerJson("o-3", "home-1", "TX1", "{\"67\":1,\"68\":1}")
                            .replace("{\"id\"", "{\"requestId\":\"r-1\",\"id\""));
            assertCode(outside, ErrorCode.OFFER_REQUEST_MISMATCH);
            assertThat(outside.getMessage()).contains("$.kwBySlot.67");
            assertCode(
                    refusedOffer(
                            AGG1,
                            offerJson("o-4", "home-1", "TX1-F1", "{\"68\":1}")
                                    .replace("{\"id\"", "{\"requestId\":\"r-1\",\"id\"")),
                    ErrorCode.OFFER_REQUEST_MISMATCH);

            m.ledger.as(DSO, () -> m.requests.cancelRequest(m.ledger.ctx, "r-1"));
            assertCode(
                    refusedOffer(AGG1, offerJson("o-5").replace("{\"id\"", "{\"requestId\":\"r-1\",\"id\"")),
                    ErrorCode.OFFER_REQUEST_NOT_OPEN);
        }
    }

    @Nested
    class ReadOffer {
        @Test
        void readsBackWhatWasStored() {
            String stored = m.postOffer(AGG1, offerJson("o-1"));
            assertThat(m.ledger.as(DSO, () -> m.offers.readOffer(m.ledger.ctx, "o-1")))
                    .isEqualTo(stored);
        }

        @Test
        void aMissingOfferIsRefusedWithItsCode() {
            ChaincodeException e = m.ledger.refused(COMMUNITY, () -> m.offers.readOffer(m.ledger.ctx, "o-404"));
            assertCode(e, ErrorCode.OFFER_NOT_FOUND);
        }
    }

    @Nested
    class ListOffersByDay {
        @Test
        void pagesThroughTheDaysOffersWithBookmarks() {
            for (int i = 1; i <= 5; i++) {
                m.postOffer(AGG1, offerJson("o-" + i, "home-1", "TX1", "{\"" + (60 + i) + "\":1}"));
            }
            m.postOffer(
                    AGG1, offerJson("o-other-day", "home-1", "TX1", "{\"1\":1}").replace("2026-11-27", "2026-11-28"));
            String first = m.ledger.as(COMMUNITY, () -> m.offers.listOffersByDay(m.ledger.ctx, "2026-11-27", 2, ""));
            assertThat(first).contains("\"id\":\"o-1\"", "\"id\":\"o-2\"").doesNotContain("\"id\":\"o-3\"");
            String bookmark = first.replaceAll(".*\"bookmark\":\"([^\"]*)\".*", "$1");
            assertThat(bookmark).isNotEmpty();
            String rest = m.ledger.as(
                    COMMUNITY,
                    () -> m.offers.listOffersByDay(
                            m.ledger.ctx, "2026-11-27", 10, bookmark.replace("\\u0000", "\u0000")));
            assertThat(rest)
                    .contains("\"id\":\"o-3\"", "\"id\":\"o-5\"")
                    .doesNotContain("o-1\"", "o-other-day")
                    .contains("\"bookmark\":\"\"");
        }

        @Test
        void pageSizesOutsideOneToAHundredAreRefused() {
            assertCode(
                    m.ledger.refused(COMMUNITY, () -> m.offers.listOffersByDay(m.ledger.ctx, "2026-11-27", 0, "")),
                    ErrorCode.PAGE_SIZE_INVALID);
            assertCode(
                    m.ledger.refused(COMMUNITY, () -> m.offers.listOffersByDay(m.ledger.ctx, "2026-11-27", 101, "")),
                    ErrorCode.PAGE_SIZE_INVALID);
            assertCode(
                    m.ledger.refused(COMMUNITY, () -> m.offers.listOffersByDay(m.ledger.ctx, "27/11/2026", 10, "")),
                    ErrorCode.INVALID_FIELD);
        }
    }

    @Nested
    class ListOffers {
        @Test
        void listsAllOffersInIdOrder() {
            m.postOffer(AGG1, offerJson("o-b", "home-1", "TX1", "{\"1\":1}"));
            m.postOffer(AGG2, offerJson("o-a", "home-2", "TX1", "{\"1\":1}"));
            String page = m.ledger.as(COMMUNITY, () -> m.offers.listOffers(m.ledger.ctx, 10, ""));
            assertThat(page.indexOf("\"id\":\"o-a\"")).isPositive().isLessThan(page.indexOf("\"id\":\"o-b\""));
        }
    }
}
