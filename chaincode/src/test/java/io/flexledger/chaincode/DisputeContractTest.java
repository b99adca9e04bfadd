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
import io.flexledger.contract.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The scenario's settlement stl-ord-1: 1.625 kWh ordered at 0.21 EUR/kWh, 0.7 kWh credited and
 * 0.925 kWh short, net 0.0499 EUR. The order can be worth between -0.1706 (nothing delivered, half
 * the price per kWh short) and 0.3412 EUR (all of it delivered).
 */
class DisputeContractTest {
    static final String EVIDENCE = "ab".repeat(32);
    /** The aggregator's claim: slot 70 was delivered in full (credited 1.325 kWh, 0.3 kWh short). */
    static final String CLAIM = "{\"creditedKwh\":\"1.325\",\"shortfallKwh\":\"0.3\",\"netEur\":\"0.2467\"}";

    SettlementScenario s;

    @BeforeEach
    void settled() {
        s = new SettlementScenario();
        s.settle(orderedReadings());
        s.ledger.now = Instant.parse("2026-11-29T10:00:00Z");
    }

    static String disputeJson(String id, String settlementId) {
        return disputeJson(id, settlementId, CLAIM);
    }

    static String disputeJson(String id, String settlementId, String claim) {
        return "{\"id\":\"" + id + "\",\"settlementId\":\"" + settlementId
                + "\",\"reason\":\"slot 70 was metered during a meter swap\",\"evidenceHash\":\"" + EVIDENCE
                + "\",\"claim\":" + claim + "}";
    }

    static String claim(String credited, String shortfall, String net) {
        return "{\"creditedKwh\":\"" + credited + "\",\"shortfallKwh\":\"" + shortfall + "\",\"netEur\":\"" + net
                + "\"}";
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

    /** Rewrites the stored dispute {@code id} as {@code edit} makes it (a record an older chaincode wrote). */
    void rewriteDispute(String id, java.util.function.UnaryOperator<String> edit) {
        String key = s.ledger.stub.createCompositeKey(Keys.DISPUTE, id).toString();
        String json = new String(s.ledger.state.get(key), StandardCharsets.UTF_8);
        s.ledger.state.put(key, edit.apply(json).getBytes(StandardCharsets.UTF_8));
    }

    @Nested
    class OpenDispute {
        @Test
        void theAggregatorDisputesItsSettlementWithTheFiguresItClaims() throws Exception {
            String json = open(AGG1, disputeJson("d-1", "stl-ord-1"));
            assertThat(json)
                    .isEqualTo("{\"aggregatorMsp\":\"Aggregator1MSP\",\"claim\":{\"creditedKwh\":\"1.325000\","
                            + "\"netEur\":\"0.2467\",\"shortfallKwh\":\"0.300000\"},\"dsoMsp\":\"DsoMSP\","
                            + "\"evidenceHash\":\"" + EVIDENCE
                            + "\",\"id\":\"d-1\",\"openedAt\":\"2026-11-29T10:00:00Z\","
                            + "\"openedBy\":\"Aggregator1MSP\",\"reason\":\"slot 70 was metered during a meter swap\","
                            + "\"settlementId\":\"stl-ord-1\",\"state\":\"OPEN\",\"txId\":\""
                            + s.ledger.lastEvent().txId()
                            + "\"}");
            assertThat(settlement())
                    .contains("\"state\":\"DISPUTED\"", "\"disputeId\":\"d-1\"", "\"netEur\":\"0.0499\"");
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
        void aThirdOrganisationCannotOpenOne() {
            assertCode(refusedOpen(AGG2, disputeJson("d-1", "stl-ord-1")), ErrorCode.DISPUTE_MSP_NOT_ALLOWED);
            ChaincodeException community = refusedOpen(COMMUNITY, disputeJson("d-1", "stl-ord-1"));
            assertCode(community, ErrorCode.DISPUTE_MSP_NOT_ALLOWED);
            assertThat(community.getMessage()).endsWith("(caller CommunityMSP)");
        }

        @Test
        void onceAndOnAnExistingSettlement() {
            assertCode(refusedOpen(DSO, disputeJson("d-1", "stl-ord-9")), ErrorCode.SETTLEMENT_NOT_FOUND);
            open(DSO, disputeJson("d-1", "stl-ord-1", claim("0.5", "1.125", "-0.0131")));
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
            assertThat(refusedOpen(AGG1, disputeJson("d-1", "stl-ord-1").replace(",\"claim\":" + CLAIM, ""))
                            .getMessage())
                    .isEqualTo("INVALID_FIELD: $.claim: is required");
            assertThat(refusedOpen(
                                    AGG1,
                                    disputeJson("d-1", "stl-ord-1", "{\"creditedKwh\":\"-1\",\"netEur\":1,\"x\":1}"))
                            .getMessage())
                    .startsWith("INVALID_FIELD: $.claim.x: is not a known field")
                    .contains("$.claim.shortfallKwh: is required");
            assertThat(refusedOpen(AGG1, disputeJson("d-1", "stl-ord-1", claim("-0.1", "1.725", "-0.2022")))
                            .getMessage())
                    .isEqualTo("INVALID_FIELD: $.claim.creditedKwh: must be >= 0");
        }

        /** The refusal of {@code msp}'s dispute of stl-ord-1 claiming {@code claim}: its code, then its message. */
        String refusedClaim(String msp, String claim, ErrorCode code) {
            ChaincodeException e = refusedOpen(msp, disputeJson("d-1", "stl-ord-1", claim));
            assertCode(e, code);
            return e.getMessage();
        }

        /** The attack: a net far beyond anything the order could pay. */
        @Test
        void aNetAboveWhatTheOrderCanBeWorthIsRefused() {
            assertThat(refusedClaim(AGG1, claim("1.325", "0.3", "1000000"), ErrorCode.DISPUTE_CLAIM_OUT_OF_BOUNDS))
                    .isEqualTo("DISPUTE_CLAIM_OUT_OF_BOUNDS: $.claim.netEur: 1000000.0000 is outside [-0.1706, 0.3412],"
                            + " what the order can be worth (1.625000 kWh ordered at 0.21000 EUR/kWh, penalty factor"
                            + " 0.5) (order ord-1)");
            // One cent above all of it delivered, one cent below none of it.
            refusedClaim(AGG1, claim("1.625", "0", "0.3413"), ErrorCode.DISPUTE_CLAIM_OUT_OF_BOUNDS);
            refusedClaim(DSO, claim("0", "1.625", "-0.1707"), ErrorCode.DISPUTE_CLAIM_OUT_OF_BOUNDS);
            // More energy than was ordered.
            assertThat(refusedClaim(AGG1, claim("1.7", "0", "0.3412"), ErrorCode.DISPUTE_CLAIM_OUT_OF_BOUNDS))
                    .isEqualTo("DISPUTE_CLAIM_OUT_OF_BOUNDS: $.claim.creditedKwh: 1.700000 is above the 1.625000 kWh"
                            + " ordered (order ord-1)");
            // Both ends are what the order can be worth.
            open(AGG1, disputeJson("d-1", "stl-ord-1", claim("1.625", "0", "0.3412")));
        }

        @Test
        void theNetFollowsFromTheClaimedEnergyByTheRule() {
            assertThat(refusedClaim(AGG1, claim("1.325", "0.3", "0.3"), ErrorCode.DISPUTE_CLAIM_INVALID))
                    .isEqualTo("DISPUTE_CLAIM_INVALID: $.claim.netEur: must be 0.2467, the rule's payment 0.2782"
                            + " minus penalty 0.0315 for the claimed kWh at 0.21000 EUR/kWh (order ord-1)");
            assertThat(refusedClaim(AGG1, claim("1.325", "0", "0.2782"), ErrorCode.DISPUTE_CLAIM_INVALID))
                    .startsWith("DISPUTE_CLAIM_INVALID: $.claim.shortfallKwh: must be the 1.625000 kWh ordered minus"
                            + " creditedKwh, 0.300000");
        }
    }

    @Nested
    class ResolveDispute {
        /** The attack this replaces: the resolver names its own net. */
        @Test
        void theResolverCannotSetAnAmount() {
            open(DSO, disputeJson("d-1", "stl-ord-1", claim("0.5", "1.125", "-0.0131")));
            ChaincodeException own =
                    refusedResolve(AGG1, "{\"id\":\"d-1\",\"outcome\":\"UPHELD\",\"adjustedNetEur\":\"1000000\"}");
            assertCode(own, ErrorCode.DISPUTE_RESOLUTION_AMOUNT_NOT_ALLOWED);
            assertThat(own.getMessage())
                    .isEqualTo("DISPUTE_RESOLUTION_AMOUNT_NOT_ALLOWED: $.adjustedNetEur: a resolution names no amount;"
                            + " UPHELD applies the figures the dispute's opener stated, REJECTED keeps the settlement");
            // Nor a claim of its own, nor any of its figures, whatever the outcome.
            assertCode(
                    refusedResolve(AGG1, "{\"id\":\"d-1\",\"outcome\":\"UPHELD\",\"claim\":" + CLAIM + "}"),
                    ErrorCode.DISPUTE_RESOLUTION_AMOUNT_NOT_ALLOWED);
            assertThat(refusedResolve(
                                    AGG1,
                                    "{\"id\":\"d-1\",\"outcome\":\"REJECTED\",\"netEur\":\"0.3\",\"creditedKwh\":1}")
                            .getMessage())
                    .startsWith("DISPUTE_RESOLUTION_AMOUNT_NOT_ALLOWED: $.creditedKwh, $.netEur: ");
            assertThat(settlement()).contains("\"state\":\"DISPUTED\"", "\"netEur\":\"0.0499\"");
        }

        @Test
        void upheldAppliesExactlyTheOpenersFigures() {
            open(AGG1, disputeJson("d-1", "stl-ord-1"));
            ChaincodeException self = refusedResolve(AGG1, "{\"id\":\"d-1\",\"outcome\":\"UPHELD\"}");
            assertCode(self, ErrorCode.DISPUTE_MSP_NOT_ALLOWED);
            assertThat(self.getMessage()).contains("is resolved by DsoMSP (caller Aggregator1MSP)");
            s.ledger.now = Instant.parse("2026-11-30T08:00:00Z");
            String json = resolve(DSO, "{\"id\":\"d-1\",\"outcome\":\"UPHELD\",\"note\":\"swap confirmed\"}");
            assertThat(json)
                    .contains(
                            "\"state\":\"RESOLVED\"",
                            "\"outcome\":\"UPHELD\"",
                            "\"claim\":{\"creditedKwh\":\"1.325000\",\"netEur\":\"0.2467\",\"shortfallKwh\":\"0.300000\"}",
                            "\"resolvedBy\":\"DsoMSP\"",
                            "\"resolvedAt\":\"2026-11-30T08:00:00Z\"",
                            "\"openedAt\":\"2026-11-29T10:00:00Z\"")
                    .doesNotContain("adjustedNetEur");
            assertThat(settlement())
                    .contains(
                            "\"state\":\"RESOLVED\"",
                            "\"netEur\":\"0.2467\"",
                            "\"originalNetEur\":\"0.0499\"",
                            "\"disputeOutcome\":\"UPHELD\"",
                            // The settled terms stay: they are anchored and re-derived from the readings.
                            "\"creditedKwh\":\"0.700000\"",
                            "\"paymentEur\":\"0.1470\"");
            assertThat(s.ledger.lastEvent().name()).isEqualTo("DisputeResolved");
        }

        @Test
        void aDisputeIsResolvedOnce() {
            open(AGG1, disputeJson("d-1", "stl-ord-1"));
            resolve(DSO, "{\"id\":\"d-1\",\"outcome\":\"UPHELD\"}");
            assertCode(refusedResolve(DSO, "{\"id\":\"d-1\",\"outcome\":\"REJECTED\"}"), ErrorCode.DISPUTE_NOT_OPEN);
            assertCode(refusedResolve(DSO, "{\"id\":\"d-1\",\"outcome\":\"UPHELD\"}"), ErrorCode.DISPUTE_NOT_OPEN);
            // The opener cannot resolve it either, then or now.
            assertCode(
                    refusedResolve(AGG1, "{\"id\":\"d-1\",\"outcome\":\"REJECTED\"}"),
                    ErrorCode.DISPUTE_MSP_NOT_ALLOWED);
            assertThat(settlement()).contains("\"netEur\":\"0.2467\"");
        }

        @Test
        void aThirdOrganisationCannotResolveOne() {
            open(DSO, disputeJson("d-1", "stl-ord-1", claim("0.5", "1.125", "-0.0131")));
            for (String third : new String[] {AGG2, COMMUNITY}) {
                for (String outcome : new String[] {"UPHELD", "REJECTED"}) {
                    ChaincodeException e = refusedResolve(third, "{\"id\":\"d-1\",\"outcome\":\"" + outcome + "\"}");
                    assertCode(e, ErrorCode.DISPUTE_MSP_NOT_ALLOWED);
                }
            }
            assertCode(
                    refusedResolve(DSO, "{\"id\":\"d-1\",\"outcome\":\"REJECTED\"}"),
                    ErrorCode.DISPUTE_MSP_NOT_ALLOWED);
        }

        @Test
        void aRejectedDisputeLeavesTheNet() {
            open(DSO, disputeJson("d-1", "stl-ord-1", claim("0.5", "1.125", "-0.0131")));
            resolve(AGG1, "{\"id\":\"d-1\",\"outcome\":\"REJECTED\",\"note\":\"readings stand\"}");
            assertThat(settlement())
                    .contains("\"state\":\"RESOLVED\"", "\"netEur\":\"0.0499\"", "\"disputeOutcome\":\"REJECTED\"");
            assertThat(settlement()).doesNotContain("originalNetEur");
        }

        @Test
        void badResolutionsNameTheField() {
            open(AGG1, disputeJson("d-1", "stl-ord-1"));
            assertThat(refusedResolve(DSO, "{\"id\":\"d-1\",\"outcome\":\"MAYBE\"}")
                            .getMessage())
                    .startsWith("INVALID_FIELD: $.outcome: must be one of [UPHELD, REJECTED]");
            assertThat(refusedResolve(DSO, "{\"id\":\"d-1\",\"outcome\":\"UPHELD\",\"amount\":1}")
                            .getMessage())
                    .startsWith("INVALID_FIELD: $.amount: is not a known field");
            assertCode(refusedResolve(DSO, "{\"id\":\"d-9\",\"outcome\":\"REJECTED\"}"), ErrorCode.DISPUTE_NOT_FOUND);
        }

        /** A dispute an older chaincode recorded without figures decodes; it can be rejected, not upheld. */
        @Test
        void aDisputeWithoutFiguresCanOnlyBeRejected() {
            open(AGG1, disputeJson("d-1", "stl-ord-1"));
            rewriteDispute("d-1", json -> json.replaceAll("\"claim\":\\{[^}]*\\},", ""));
            assertThat(s.disputes.readDispute(s.ledger.ctx, "d-1")).doesNotContain("claim");
            ChaincodeException upheld = refusedResolve(DSO, "{\"id\":\"d-1\",\"outcome\":\"UPHELD\"}");
            assertCode(upheld, ErrorCode.DISPUTE_CLAIM_INVALID);
            assertThat(upheld.getMessage()).contains("it can only be REJECTED");
            resolve(DSO, "{\"id\":\"d-1\",\"outcome\":\"REJECTED\"}");
            assertThat(settlement()).contains("\"state\":\"RESOLVED\"", "\"netEur\":\"0.0499\"");
        }

        /** A dispute an older chaincode resolved with the resolver's own net still decodes: it is resolved. */
        @Test
        void aDisputeResolvedTheOldWayStaysResolved() {
            open(AGG1, disputeJson("d-1", "stl-ord-1"));
            rewriteDispute(
                    "d-1",
                    json -> json.replaceAll("\"claim\":\\{[^}]*\\},", "")
                            .replace(
                                    "\"state\":\"OPEN\"",
                                    "\"adjustedNetEur\":\"1000000.0000\",\"outcome\":\"UPHELD\","
                                            + "\"resolvedBy\":\"DsoMSP\",\"state\":\"RESOLVED\""));
            assertCode(refusedResolve(DSO, "{\"id\":\"d-1\",\"outcome\":\"REJECTED\"}"), ErrorCode.DISPUTE_NOT_OPEN);
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

    /** The exact text of a resolved dispute (ledger-contract's {@code DisputeRecordsTest} reads it). */
    @Nested
    class StoredText {
        @Test
        void aResolvedDisputeIsWrittenWithItsResolverTimeAndNote() {
            open(AGG1, disputeJson("d-1", "stl-ord-1"));
            s.ledger.now = Instant.parse("2026-11-30T08:00:00Z");
            String resolved = resolve(DSO, "{\"id\":\"d-1\",\"outcome\":\"UPHELD\",\"note\":\"meter swap confirmed\"}");
            assertThat(resolved)
                    .isEqualTo("{\"aggregatorMsp\":\"Aggregator1MSP\",\"claim\":{\"creditedKwh\":\"1.325000\","
                            + "\"netEur\":\"0.2467\",\"shortfallKwh\":\"0.300000\"},\"dsoMsp\":\"DsoMSP\","
                            + "\"evidenceHash\":\"" + EVIDENCE + "\",\"id\":\"d-1\",\"note\":\"meter swap confirmed\","
                            + "\"openedAt\":\"2026-11-29T10:00:00Z\",\"openedBy\":\"Aggregator1MSP\","
                            + "\"outcome\":\"UPHELD\",\"reason\":\"slot 70 was metered during a meter swap\","
                            + "\"resolvedAt\":\"2026-11-30T08:00:00Z\",\"resolvedBy\":\"DsoMSP\","
                            + "\"settlementId\":\"stl-ord-1\",\"state\":\"RESOLVED\",\"txId\":\""
                            + s.ledger.lastEvent().txId() + "\"}");
        }
    }

    @Nested
    class DisputeHistory {
        @Test
        void everyVersionWithItsTransactionAndTime() {
            String opened = open(AGG1, disputeJson("d-1", "stl-ord-1"));
            String openTx = s.ledger.lastEvent().txId();
            s.ledger.now = Instant.parse("2026-11-30T08:00:00Z");
            String resolved = resolve(DSO, "{\"id\":\"d-1\",\"outcome\":\"UPHELD\"}");
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
