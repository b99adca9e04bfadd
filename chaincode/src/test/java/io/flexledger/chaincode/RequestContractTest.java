package io.flexledger.chaincode;

import static io.flexledger.chaincode.MarketFixture.AGG1;
import static io.flexledger.chaincode.MarketFixture.DSO;
import static io.flexledger.chaincode.MarketFixture.requestJson;
import static io.flexledger.chaincode.OfferContractTest.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.chaincode.support.Keys;
import io.flexledger.contract.ErrorCode;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RequestContractTest {
    static final String R1 = requestJson("r-1", "TX1", "{\"70\":35}");
    MarketFixture m;

    @BeforeEach
    void seed() {
        m = new MarketFixture().seeded();
    }

    @Nested
    class CreateRequest {
        @Test
        void theDsoPostsARequest() {
            String json = m.postRequest(R1);
            assertThat(json)
                    .contains("\"kwBySlot\":{\"70\":\"35.000\"}", "\"state\":\"OPEN\"", "\"dsoMsp\":\"DsoMSP\"");
            assertThat(m.ledger.get(Keys.REQUEST_BY_DAY, "2026-11-27", "r-1")).isNotNull();
            assertThat(m.ledger.lastEvent().name()).isEqualTo("RequestCreated");
        }

        @Test
        void onlyTheDso() {
            assertCode(
                    m.ledger.refused(AGG1, () -> m.requests.createRequest(m.ledger.ctx, R1)),
                    ErrorCode.REQUEST_MSP_NOT_ALLOWED);
        }

        @Test
        void atARegisteredCongestionPointBeforeGateClosureOnce() {
            assertCode(
                    m.ledger.refused(
                            DSO,
                            () -> m.requests.createRequest(m.ledger.ctx, requestJson("r-2", "TX9", "{\"70\":35}"))),
                    ErrorCode.CONGESTION_POINT_NOT_FOUND);
            m.postRequest(R1);
            assertCode(
                    m.ledger.refused(DSO, () -> m.requests.createRequest(m.ledger.ctx, R1)), ErrorCode.REQUEST_EXISTS);
            m.ledger.now = Instant.parse("2026-11-27T00:00:00Z");
            assertCode(
                    m.ledger.refused(DSO, () -> m.requests.createRequest(m.ledger.ctx, R1.replace("r-1", "r-3"))),
                    ErrorCode.REQUEST_GATE_CLOSED);
        }

        @Test
        void badFieldsAreNamed() {
            assertThat(m.ledger
                            .refused(
                                    DSO,
                                    () -> m.requests.createRequest(
                                            m.ledger.ctx,
                                            R1.replace("\"unservedPenalty\":2", "\"unservedPenalty\":-2")))
                            .getMessage())
                    .startsWith("INVALID_FIELD: $.unservedPenalty: must be >= 0");
            assertThat(m.ledger
                            .refused(
                                    DSO,
                                    () -> m.requests.createRequest(
                                            m.ledger.ctx, R1.replace("2026-11-27", "2026-02-30")))
                            .getMessage())
                    .startsWith("INVALID_FIELD: $.day: must be a day");
            assertThat(m.ledger
                            .refused(
                                    DSO,
                                    () -> m.requests.createRequest(
                                            m.ledger.ctx, R1.replace("{\"70\":35}", "{\"070\":35}")))
                            .getMessage())
                    .startsWith("INVALID_FIELD: $.kwBySlot.070: key must be a slot number");
        }
    }

    @Nested
    class CloseRequest {
        @Test
        void theDsoClosesAnOpenRequestOnce() {
            m.postRequest(R1);
            assertCode(
                    m.ledger.refused(AGG1, () -> m.requests.closeRequest(m.ledger.ctx, "r-1")),
                    ErrorCode.REQUEST_MSP_NOT_ALLOWED);
            assertThat(m.ledger.as(DSO, () -> m.requests.closeRequest(m.ledger.ctx, "r-1")))
                    .contains("\"state\":\"CLOSED\"");
            assertThat(m.ledger.lastEvent().name()).isEqualTo("RequestClosed");
            assertCode(
                    m.ledger.refused(DSO, () -> m.requests.closeRequest(m.ledger.ctx, "r-1")),
                    ErrorCode.REQUEST_STATE_INVALID);
            assertCode(
                    m.ledger.refused(DSO, () -> m.requests.closeRequest(m.ledger.ctx, "r-9")),
                    ErrorCode.REQUEST_NOT_FOUND);
        }
    }

    @Nested
    class CancelRequest {
        @Test
        void aCancelledRequestCannotBeClosed() {
            m.postRequest(R1);
            assertThat(m.ledger.as(DSO, () -> m.requests.cancelRequest(m.ledger.ctx, "r-1")))
                    .contains("\"state\":\"CANCELLED\"");
            assertCode(
                    m.ledger.refused(DSO, () -> m.requests.closeRequest(m.ledger.ctx, "r-1")),
                    ErrorCode.REQUEST_STATE_INVALID);
        }
    }

    @Nested
    class ReadRequest {
        @Test
        void readsBack() {
            String stored = m.postRequest(R1);
            assertThat(m.ledger.as(AGG1, () -> m.requests.readRequest(m.ledger.ctx, "r-1")))
                    .isEqualTo(stored);
        }
    }

    @Nested
    class ListRequestsByDay {
        @Test
        void listsTheDay() {
            m.postRequest(R1);
            m.postRequest(requestJson("r-2", "TX1-F1", "{\"71\":5}"));
            String page = m.ledger.as(AGG1, () -> m.requests.listRequestsByDay(m.ledger.ctx, "2026-11-27", 1, ""));
            assertThat(page).contains("\"id\":\"r-1\"").doesNotContain("\"id\":\"r-2\"");
            assertThat(page).doesNotContain("\"bookmark\":\"\"");
        }
    }
}
