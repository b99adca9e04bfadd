package io.flexledger.chaincode;

import static io.flexledger.chaincode.MarketFixture.AGG1;
import static io.flexledger.chaincode.MarketFixture.AGG2;
import static io.flexledger.chaincode.MarketFixture.COMMUNITY;
import static io.flexledger.chaincode.MarketFixture.DSO;
import static io.flexledger.chaincode.OfferContractTest.assertCode;
import static io.flexledger.chaincode.SettlementContractTest.endorsers;
import static io.flexledger.chaincode.SettlementScenario.orderedReadings;
import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.chaincode.support.Keys;
import java.time.Instant;
import java.util.Map;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DisputeContractTest {
    static final String EVIDENCE = "ab".repeat(32);
    SettlementScenario s;

    @BeforeEach
    void settled() {
        s = new SettlementScenario();
        s.settle(orderedReadings());
        s.ledger.now = Instant.parse("2026-11-29T10:00:00Z");
    }

    static String disputeJson(String id, String settlementId) {
        return "{\"id\":\"" + id + "\",\"settlementId\":\"" + settlementId
                + "\",\"reason\":\"slot 70 was metered during a meter swap\",\"evidenceHash\":\"" + EVIDENCE + "\"}";
    }

    String open(String msp, String json) {
        return s.ledger.as(msp, () -> s.disputes.openDispute(s.ledger.ctx, json));
    }

    String resolve(String msp, String json) {
        return s.ledger.as(msp, () -> s.disputes.resolveDispute(s.ledger.ctx, json));
    }

    ChaincodeException refused(String msp, java.util.function.Supplier<String> tx) {
        Map<String, String> before = s.ledger.snapshot();
        ChaincodeException e = s.ledger.refused(msp, tx);
        assertThat(s.ledger.snapshot()).isEqualTo(before);
        return e;
    }

    ChaincodeException refusedOpen(String msp, String json) {
        return refused(msp, () -> s.disputes.openDispute(s.ledger.ctx, json));
    }

    ChaincodeException refusedResolve(String msp, String json) {
        return refused(msp, () -> s.disputes.resolveDispute(s.ledger.ctx, json));
    }

    String settlement() {
        return s.ledger.get(Keys.SETTLEMENT, "stl-ord-1");
    }

    @Nested
    class OpenDispute {
        @Test
        void theAggregatorDisputesItsSettlement() throws Exception {
            String json = open(AGG1, disputeJson("d-1", "stl-ord-1"));
            assertThat(json)
                    .isEqualTo("{\"aggregatorMsp\":\"Aggregator1MSP\",\"dsoMsp\":\"DsoMSP\",\"evidenceHash\":\""
                            + EVIDENCE + "\",\"id\":\"d-1\",\"openedAt\":\"2026-11-29T10:00:00Z\","
                            + "\"openedBy\":\"Aggregator1MSP\",\"reason\":\"slot 70 was metered during a meter swap\","
                            + "\"settlementId\":\"stl-ord-1\",\"state\":\"OPEN\",\"txId\":\""
                            + s.ledger.lastEvent().txId()
                            + "\"}");
            assertThat(settlement()).contains("\"state\":\"DISPUTED\"", "\"disputeId\":\"d-1\"");
            assertThat(s.ledger.lastEvent().name()).isEqualTo("DisputeOpened");
            assertThat(endorsers(
                            s.ledger,
                            s.ledger
                                    .stub
                                    .createCompositeKey(Keys.DISPUTE, "d-1")
                                    .toString()))
                    .containsExactly("Aggregator1MSP", "DsoMSP");
        }

        @Test
        void onlyTheSettlementsParties() {
            assertCode(refusedOpen(AGG2, disputeJson("d-1", "stl-ord-1")), ErrorCode.DISPUTE_MSP_NOT_ALLOWED);
            ChaincodeException community = refusedOpen(COMMUNITY, disputeJson("d-1", "stl-ord-1"));
            assertCode(community, ErrorCode.DISPUTE_MSP_NOT_ALLOWED);
            assertThat(community.getMessage()).endsWith("(caller CommunityMSP)");
        }

        @Test
        void onceAndOnAnExistingSettlement() {
            assertCode(refusedOpen(DSO, disputeJson("d-1", "stl-ord-9")), ErrorCode.SETTLEMENT_NOT_FOUND);
            open(DSO, disputeJson("d-1", "stl-ord-1"));
            assertCode(refusedOpen(AGG1, disputeJson("d-1", "stl-ord-1")), ErrorCode.DISPUTE_EXISTS);
            ChaincodeException second = refusedOpen(AGG1, disputeJson("d-2", "stl-ord-1"));
            assertCode(second, ErrorCode.SETTLEMENT_STATE_INVALID);
            assertThat(second.getMessage())
                    .isEqualTo("SETTLEMENT_STATE_INVALID: settlement stl-ord-1 is DISPUTED (dispute d-1)");
        }

        @Test
        void badDisputesNameTheField() {
            assertThat(refusedOpen(AGG1, disputeJson("d-1", "stl-ord-1").replace(EVIDENCE, "xyz"))
                            .getMessage())
                    .startsWith("INVALID_FIELD: $.evidenceHash: must be 64 lower-case hex digits");
            assertThat(refusedOpen(AGG1, disputeJson("d-1", "ord-1")).getMessage())
                    .startsWith("INVALID_FIELD: $.settlementId: must be stl-<orderId>");
        }
    }

    @Nested
    class ResolveDispute {
        @Test
        void theOtherPartyUpholdsItAndTheNetIsAdjusted() {
            open(AGG1, disputeJson("d-1", "stl-ord-1"));
            ChaincodeException self =
                    refusedResolve(AGG1, "{\"id\":\"d-1\",\"outcome\":\"UPHELD\",\"adjustedNetEur\":\"0.1\"}");
            assertCode(self, ErrorCode.DISPUTE_MSP_NOT_ALLOWED);
            assertThat(self.getMessage()).contains("is resolved by DsoMSP (caller Aggregator1MSP)");
            s.ledger.now = Instant.parse("2026-11-30T08:00:00Z");
            String json = resolve(
                    DSO,
                    "{\"id\":\"d-1\",\"outcome\":\"UPHELD\",\"note\":\"swap confirmed\",\"adjustedNetEur\":\"0.1\"}");
            assertThat(json)
                    .contains(
                            "\"state\":\"RESOLVED\"",
                            "\"outcome\":\"UPHELD\"",
                            "\"adjustedNetEur\":\"0.1000\"",
                            "\"resolvedBy\":\"DsoMSP\"",
                            "\"resolvedAt\":\"2026-11-30T08:00:00Z\"",
                            "\"openedAt\":\"2026-11-29T10:00:00Z\"");
            assertThat(settlement())
                    .contains(
                            "\"state\":\"RESOLVED\"",
                            "\"netEur\":\"0.1000\"",
                            "\"originalNetEur\":\"0.0499\"",
                            "\"disputeOutcome\":\"UPHELD\"");
            assertThat(s.ledger.lastEvent().name()).isEqualTo("DisputeResolved");
            ChaincodeException again = refusedResolve(DSO, "{\"id\":\"d-1\",\"outcome\":\"REJECTED\"}");
            assertCode(again, ErrorCode.DISPUTE_NOT_OPEN);
        }

        @Test
        void aRejectedDisputeLeavesTheNet() {
            open(DSO, disputeJson("d-1", "stl-ord-1"));
            assertCode(
                    refusedResolve(DSO, "{\"id\":\"d-1\",\"outcome\":\"REJECTED\"}"),
                    ErrorCode.DISPUTE_MSP_NOT_ALLOWED);
            assertCode(
                    refusedResolve(AGG2, "{\"id\":\"d-1\",\"outcome\":\"REJECTED\"}"),
                    ErrorCode.DISPUTE_MSP_NOT_ALLOWED);
            resolve(AGG1, "{\"id\":\"d-1\",\"outcome\":\"REJECTED\",\"note\":\"readings stand\"}");
            assertThat(settlement())
                    .contains("\"state\":\"RESOLVED\"", "\"netEur\":\"0.0499\"", "\"disputeOutcome\":\"REJECTED\"");
            assertThat(settlement()).doesNotContain("originalNetEur");
        }

        @Test
        void anUpheldDisputeNamesTheNewNetAndARejectedOneDoesNot() {
            open(AGG1, disputeJson("d-1", "stl-ord-1"));
            assertThat(refusedResolve(DSO, "{\"id\":\"d-1\",\"outcome\":\"UPHELD\"}")
                            .getMessage())
                    .isEqualTo("INVALID_FIELD: $.adjustedNetEur: is required");
            assertThat(refusedResolve(DSO, "{\"id\":\"d-1\",\"outcome\":\"REJECTED\",\"adjustedNetEur\":1}")
                            .getMessage())
                    .isEqualTo("INVALID_FIELD: $.adjustedNetEur: is only given when the dispute is UPHELD");
            assertThat(refusedResolve(DSO, "{\"id\":\"d-1\",\"outcome\":\"MAYBE\"}")
                            .getMessage())
                    .startsWith("INVALID_FIELD: $.outcome: must be one of [UPHELD, REJECTED]");
            assertCode(refusedResolve(DSO, "{\"id\":\"d-9\",\"outcome\":\"REJECTED\"}"), ErrorCode.DISPUTE_NOT_FOUND);
        }
    }

    @Nested
    class ReadDispute {
        @Test
        void readsADisputeAndRefusesAMissingOne() {
            String json = open(AGG1, disputeJson("d-1", "stl-ord-1"));
            assertThat(s.ledger.as(AGG2, () -> s.disputes.readDispute(s.ledger.ctx, "d-1")))
                    .isEqualTo(json);
            assertCode(
                    s.ledger.refused(DSO, () -> s.disputes.readDispute(s.ledger.ctx, "d-9")),
                    ErrorCode.DISPUTE_NOT_FOUND);
        }
    }

    @Nested
    class DisputeHistory {
        @Test
        void everyVersionWithItsTransactionAndTime() {
            String opened = open(AGG1, disputeJson("d-1", "stl-ord-1"));
            String openTx = s.ledger.lastEvent().txId();
            s.ledger.now = Instant.parse("2026-11-30T08:00:00Z");
            String resolved = resolve(DSO, "{\"id\":\"d-1\",\"outcome\":\"REJECTED\"}");
            String resolveTx = s.ledger.lastEvent().txId();
            assertThat(s.ledger.as(AGG2, () -> s.disputes.disputeHistory(s.ledger.ctx, "d-1")))
                    .isEqualTo("{\"history\":[{\"isDelete\":false,\"timestamp\":\"2026-11-29T10:00:00Z\",\"txId\":\""
                            + openTx + "\",\"value\":" + opened + "},{\"isDelete\":false,"
                            + "\"timestamp\":\"2026-11-30T08:00:00Z\",\"txId\":\"" + resolveTx + "\",\"value\":"
                            + resolved + "}],\"id\":\"d-1\"}");
            assertCode(
                    s.ledger.refused(DSO, () -> s.disputes.disputeHistory(s.ledger.ctx, "d-9")),
                    ErrorCode.DISPUTE_NOT_FOUND);
        }
    }
}
