package io.flexledger.chaincode;

import static io.flexledger.chaincode.MarketFixture.AGG1;
import static io.flexledger.chaincode.MarketFixture.AGG2;
import static io.flexledger.chaincode.MarketFixture.DSO;
import static io.flexledger.chaincode.OfferContractTest.assertCode;
import static io.flexledger.chaincode.SettlementScenario.anchorJson;
import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.contract.ErrorCode;
import java.util.Map;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AnchorContractTest {
    static final String ROOT = "0f".repeat(32);
    MarketFixture m;
    AnchorContract anchors;

    @BeforeEach
    void seed() {
        m = new MarketFixture().seeded();
        anchors = new AnchorContract();
    }

    String anchor(String msp, String json) {
        return m.ledger.as(msp, () -> anchors.anchorReadings(m.ledger.ctx, json));
    }

    ChaincodeException refusedAnchor(String msp, String json) {
        Map<String, String> before = m.ledger.snapshot();
        ChaincodeException e = m.ledger.refused(msp, () -> anchors.anchorReadings(m.ledger.ctx, json));
        assertThat(m.ledger.snapshot()).isEqualTo(before);
        return e;
    }

    @Nested
    class AnchorReadings {
        @Test
        void theDsoAnchorsADaysPortfolioOnce() {
            String json = anchor(DSO, anchorJson(AGG1, ROOT, 21));
            assertThat(json)
                    .isEqualTo("{\"aggregatorMsp\":\"Aggregator1MSP\",\"anchoredAt\":\"2026-11-26T12:00:00Z\","
                            + "\"anchoredBy\":\"DsoMSP\",\"day\":\"2026-11-27\",\"leafCount\":21,\"rootHex\":\"" + ROOT
                            + "\",\"txId\":\"tx-6\"}");
            assertThat(m.ledger.lastEvent().name()).isEqualTo("ReadingsAnchored");
            ChaincodeException again = refusedAnchor(DSO, anchorJson(AGG1, "1e".repeat(32), 21));
            assertCode(again, ErrorCode.ANCHOR_EXISTS);
            assertThat(again.getMessage())
                    .isEqualTo("ANCHOR_EXISTS: the readings of Aggregator1MSP for 2026-11-27 are already anchored");
            // Another portfolio of the same day has an anchor of its own.
            anchor(DSO, anchorJson(AGG2, ROOT, 3));
        }

        @Test
        void onlyTheDso() {
            ChaincodeException e = refusedAnchor(AGG1, anchorJson(AGG1, ROOT, 21));
            assertCode(e, ErrorCode.ANCHOR_MSP_NOT_ALLOWED);
            assertThat(e.getMessage()).endsWith("(caller Aggregator1MSP)");
        }

        @Test
        void badAnchorsNameTheField() {
            assertThat(refusedAnchor(DSO, anchorJson(DSO, ROOT, 21)).getMessage())
                    .isEqualTo("INVALID_FIELD: $.aggregatorMsp: DsoMSP is not an aggregator organisation");
            assertThat(refusedAnchor(DSO, anchorJson(AGG1, "ABC", 21)).getMessage())
                    .startsWith("INVALID_FIELD: $.rootHex: must be 64 lower-case hex digits");
            assertThat(refusedAnchor(DSO, anchorJson(AGG1, ROOT, 0)).getMessage())
                    .startsWith("INVALID_FIELD: $.leafCount: must be at least 1");
            assertThat(refusedAnchor(DSO, "{\"day\":\"2026-11-27\"}").getMessage())
                    .startsWith("INVALID_FIELD: $.aggregatorMsp: is required");
        }
    }

    @Nested
    class ReadAnchor {
        @Test
        void readsAnAnchorAndRefusesAMissingOne() {
            String json = anchor(DSO, anchorJson(AGG1, ROOT, 21));
            assertThat(m.ledger.as(AGG2, () -> anchors.readAnchor(m.ledger.ctx, "2026-11-27", AGG1)))
                    .isEqualTo(json);
            assertCode(
                    m.ledger.refused(AGG1, () -> anchors.readAnchor(m.ledger.ctx, "2026-11-27", AGG2)),
                    ErrorCode.ANCHOR_NOT_FOUND);
            assertCode(
                    m.ledger.refused(AGG1, () -> anchors.readAnchor(m.ledger.ctx, "27/11/2026", AGG1)),
                    ErrorCode.INVALID_FIELD);
        }
    }

    @Nested
    class ListAnchors {
        @Test
        void listsTheDaysAnchorsOnePageAtATime() {
            anchor(DSO, anchorJson(AGG1, ROOT, 21));
            anchor(DSO, anchorJson(AGG2, ROOT, 3));
            String first = m.ledger.as(DSO, () -> anchors.listAnchors(m.ledger.ctx, "2026-11-27", 1, ""));
            assertThat(first)
                    .contains("\"aggregatorMsp\":\"Aggregator1MSP\"")
                    .doesNotContain("\"aggregatorMsp\":\"Aggregator2MSP\"");
            String bookmark =
                    io.flexledger.chaincode.codec.JsonInput.parse(first).string("bookmark");
            assertThat(bookmark).isNotEmpty();
            assertThat(m.ledger.as(DSO, () -> anchors.listAnchors(m.ledger.ctx, "2026-11-27", 1, bookmark)))
                    .contains("\"aggregatorMsp\":\"Aggregator2MSP\"");
            assertCode(
                    m.ledger.refused(DSO, () -> anchors.listAnchors(m.ledger.ctx, "2026-11-27", 0, "")),
                    ErrorCode.PAGE_SIZE_INVALID);
        }
    }
}
