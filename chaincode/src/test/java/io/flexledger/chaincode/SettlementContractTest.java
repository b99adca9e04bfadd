package io.flexledger.chaincode;

import static io.flexledger.chaincode.MarketFixture.AGG1;
import static io.flexledger.chaincode.MarketFixture.AGG2;
import static io.flexledger.chaincode.MarketFixture.COMMUNITY;
import static io.flexledger.chaincode.MarketFixture.DSO;
import static io.flexledger.chaincode.OfferContractTest.assertCode;
import static io.flexledger.chaincode.SettlementScenario.LEAVES;
import static io.flexledger.chaincode.SettlementScenario.TREE;
import static io.flexledger.chaincode.SettlementScenario.leafOf;
import static io.flexledger.chaincode.SettlementScenario.orderedReadings;
import static io.flexledger.chaincode.SettlementScenario.presented;
import static io.flexledger.chaincode.SettlementScenario.settleJson;
import static io.flexledger.chaincode.SettlementScenario.sign;
import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.chaincode.support.Keys;
import io.flexledger.contract.ErrorCode;
import io.flexledger.domain.market.Baseline;
import io.flexledger.domain.metering.MerkleProof;
import io.flexledger.domain.metering.SignedReading;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SettlementContractTest {
    SettlementScenario s;

    @BeforeEach
    void scenario() {
        s = new SettlementScenario();
    }

    ChaincodeException refusedSettle(String msp, String json) {
        Map<String, String> before = s.ledger.snapshot();
        ChaincodeException e = s.ledger.refused(msp, () -> s.settlements.settleOrder(s.ledger.ctx, json));
        // A refused settlement changes nothing: no record, no private lines, the order still accepted.
        assertThat(s.ledger.snapshot()).isEqualTo(before);
        return e;
    }

    ChaincodeException refusedSettle(List<Map<String, Object>> readings) {
        return refusedSettle(DSO, settleJson("ord-1", readings));
    }

    /** The key-level policy on {@code key}: the MSP ids whose peers must all endorse. */
    static List<String> endorsers(FakeLedger ledger, String key) throws Exception {
        SignaturePolicyEnvelope policy = SignaturePolicyEnvelope.parseFrom(ledger.validationParameters.get(key));
        List<String> msps = new ArrayList<>();
        for (MSPPrincipal p : policy.getIdentitiesList()) {
            MSPRole role = MSPRole.parseFrom(p.getPrincipal());
            assertThat(role.getRole()).isEqualTo(MSPRole.MSPRoleType.PEER);
            msps.add(role.getMspIdentifier());
        }
        // All of them: n out of n.
        assertThat(policy.getRule().getNOutOf().getN()).isEqualTo(msps.size());
        assertThat(policy.getRule().getNOutOf().getRulesCount()).isEqualTo(msps.size());
        return msps;
    }

    String key(String type, String... attributes) {
        return s.ledger.stub.createCompositeKey(type, attributes).toString();
    }

    @Nested
    class SettleOrder {
        @Test
        void settlesOnProvenReadingsAgainstTheRevealedBaseline() {
            String json = s.settle(orderedReadings());
            // metered 0.5, 0.8, 1.2 against 1 kWh: delivered 0.5, 0.2, 0 of ordered 0.5, 0.5, 0.625
            assertThat(json)
                    .contains(
                            "\"id\":\"stl-ord-1\"",
                            "\"orderId\":\"ord-1\"",
                            "\"offerId\":\"o-1\"",
                            "\"aggregatorMsp\":\"Aggregator1MSP\"",
                            "\"dsoMsp\":\"DsoMSP\"",
                            "\"assetId\":\"home-1\"",
                            "\"day\":\"2026-11-27\"",
                            "\"creditedKwh\":\"0.700000\"",
                            "\"shortfallKwh\":\"0.925000\"",
                            // 0.7 x 0.21 = 0.147; 0.5 x 0.21 x 0.925 = 0.097125 -> 0.0971
                            "\"paymentEur\":\"0.1470\"",
                            "\"penaltyEur\":\"0.0971\"",
                            "\"netEur\":\"0.0499\"",
                            "\"anchorRootHex\":\"" + TREE.rootHex() + "\"",
                            "\"baselineHash\":\""
                                    + SettlementScenario.baseline().commitmentHash(MarketFixture.SALT) + "\"",
                            "\"state\":\"SETTLED\"",
                            "\"settledAt\":\"2026-11-28T09:00:00Z\"");
            String details = s.ledger.as(DSO, () -> s.settlements.readSettlementDetails(s.ledger.ctx, "stl-ord-1"));
            assertThat(json).contains("\"detailsHash\":\"" + Baseline.sha256Hex(details) + "\"");
            assertThat(details)
                    .contains(
                            "{\"baselineKwh\":\"1.000000\",\"creditedKwh\":\"0.200000\",\"deliveredKwh\":\"0.200000\","
                                    + "\"deviceId\":\"meter-1\",\"leafIndex\":3,\"meteredKwh\":\"0.800000\","
                                    + "\"orderedKwh\":\"0.500000\",\"sequence\":70,\"shortfallKwh\":\"0.300000\","
                                    + "\"slot\":69}",
                            "\"penaltyFactor\":\"0.5\"",
                            "\"activation\":\"1\"");
            // The metered values stay private.
            assertThat(json).doesNotContain("meteredKwh");
            assertThat(s.ledger.lastEvent().name()).isEqualTo("OrderSettled");
            assertThat(s.ledger.lastEvent().payload())
                    .doesNotContain("meteredKwh")
                    .contains("\"netEur\":\"0.0499\"");
            assertThat(s.ledger.get(Keys.ORDER, "ord-1"))
                    .contains("\"state\":\"SETTLED\"", "\"settlementId\":\"stl-ord-1\"");
            assertThat(s.ledger.as(AGG2, () -> s.settlements.readSettlement(s.ledger.ctx, "stl-ord-1")))
                    .isEqualTo(json);
        }

        @Test
        void theReadingsMayComeInAnyOrderAndSpelling() {
            List<Map<String, Object>> readings = new ArrayList<>(orderedReadings());
            readings.get(0).put("netKwh", "0.5"); // 0.500000 spelled short
            java.util.Collections.reverse(readings);
            assertThat(s.settle(readings)).contains("\"netEur\":\"0.0499\"");
        }

        @Test
        void onlyTheOrderingDsoSettles() {
            for (String msp : List.of(AGG1, AGG2, COMMUNITY)) {
                ChaincodeException e = refusedSettle(msp, settleJson("ord-1", orderedReadings()));
                assertCode(e, ErrorCode.SETTLEMENT_MSP_NOT_ALLOWED);
                assertThat(e.getMessage()).endsWith("(caller " + msp + ")");
            }
        }

        @Test
        void onlyAnAcceptedOrderOnce() {
            assertCode(refusedSettle(DSO, settleJson("ord-9", orderedReadings())), ErrorCode.ORDER_NOT_FOUND);
            s.settle(orderedReadings());
            ChaincodeException again = refusedSettle(orderedReadings());
            assertCode(again, ErrorCode.ORDER_NOT_SETTLEABLE);
            assertThat(again.getMessage()).isEqualTo("ORDER_NOT_SETTLEABLE: order ord-1 is SETTLED");
        }

        @Test
        void notACancelledOrder() {
            SettlementScenario fresh = new SettlementScenario();
            fresh.ledger.now = java.time.Instant.parse("2026-11-27T10:00:00Z");
            fresh.ledger.as(DSO, () -> fresh.m.orders.cancelOrder(fresh.ledger.ctx, "ord-1"));
            s = fresh;
            assertCode(refusedSettle(orderedReadings()), ErrorCode.ORDER_NOT_SETTLEABLE);
        }

        @Test
        void theBaselineMustBeRevealed() {
            s = new SettlementScenario(false, true);
            ChaincodeException e = refusedSettle(orderedReadings());
            assertCode(e, ErrorCode.BASELINE_NOT_REVEALED);
            assertThat(e.getMessage()).contains("home-1", "2026-11-27");
        }

        @Test
        void theRevealedValuesMustStillHashToTheCommitment() {
            // A peer whose private copy was altered (3 kW instead of 4 in slot 0) refuses to endorse.
            String key = key(Keys.BASELINE, "2026-11-27", "home-1");
            String altered = new String(
                            s.ledger.privateData.get("Aggregator1DsoCollection").get(key), StandardCharsets.UTF_8)
                    .replaceFirst("\"4.000\"", "\"3.000\"");
            s.ledger.privateData.get("Aggregator1DsoCollection").put(key, altered.getBytes(StandardCharsets.UTF_8));
            assertCode(refusedSettle(orderedReadings()), ErrorCode.BASELINE_HASH_MISMATCH);
        }

        @Test
        void theReadingsMustBeAnchored() {
            s = new SettlementScenario(true, false);
            ChaincodeException e = refusedSettle(orderedReadings());
            assertCode(e, ErrorCode.ANCHOR_NOT_FOUND);
            assertThat(e.getMessage())
                    .isEqualTo("ANCHOR_NOT_FOUND: no readings of Aggregator1MSP anchored for 2026-11-27");
        }

        @Test
        void everyOrderedSlotNeedsOneReading() {
            List<Map<String, Object>> two = orderedReadings().subList(0, 2);
            ChaincodeException missing = refusedSettle(two);
            assertCode(missing, ErrorCode.READING_SLOT_MISSING);
            assertThat(missing.getMessage())
                    .isEqualTo("READING_SLOT_MISSING: $.readings: no reading for ordered slot 70");

            List<Map<String, Object>> dup = new ArrayList<>(orderedReadings());
            dup.add(presented(leafOf("home-1", 68)));
            ChaincodeException duplicate = refusedSettle(dup);
            assertCode(duplicate, ErrorCode.READING_SLOT_DUPLICATE);
            assertThat(duplicate.getMessage()).startsWith("READING_SLOT_DUPLICATE: $.readings[3]: slot 68");
        }

        @Test
        void aReadingOfASlotTheOrderDoesNotCoverIsRefused() {
            List<Map<String, Object>> extra = new ArrayList<>(orderedReadings());
            extra.add(presented(leafOf("home-1", 71)));
            ChaincodeException e = refusedSettle(extra);
            assertCode(e, ErrorCode.READING_OUT_OF_ORDER_SLOT);
            assertThat(e.getMessage()).startsWith("READING_OUT_OF_ORDER_SLOT: $.readings[3]: slot 71 of 2026-11-27");
        }

        @Test
        void aReadingOfAnotherHomeIsRefused() {
            List<Map<String, Object>> readings = new ArrayList<>(orderedReadings());
            readings.set(0, presented(leafOf("home-3", 68)));
            ChaincodeException e = refusedSettle(readings);
            assertCode(e, ErrorCode.READING_ASSET_MISMATCH);
            assertThat(e.getMessage()).contains("$.readings[0].assetId");

            // home-3's meter signing a reading that claims to be home-1's
            SignedReading forged = sign("meter-3", "home-1", 68, "0.5");
            readings.set(0, presented(forged, TREE.proof(leafOf("home-1", 68))));
            ChaincodeException viaDevice = refusedSettle(readings);
            assertCode(viaDevice, ErrorCode.READING_ASSET_MISMATCH);
            assertThat(viaDevice.getMessage()).contains("device meter-3 is registered at home-3");
        }

        @Test
        void aReadingOfAnUnknownDeviceIsRefused() {
            List<Map<String, Object>> readings = new ArrayList<>(orderedReadings());
            readings.get(1).put("deviceId", "meter-9");
            ChaincodeException e = refusedSettle(readings);
            assertCode(e, ErrorCode.READING_DEVICE_UNKNOWN);
            assertThat(e.getMessage())
                    .isEqualTo("READING_DEVICE_UNKNOWN: $.readings[1].deviceId: device meter-9 is not registered");
        }

        @Test
        void onlyAMeterMeasuresDelivery() {
            List<Map<String, Object>> readings = new ArrayList<>(orderedReadings());
            readings.set(2, presented(sign("bat-1", "home-1", 70, "1.2"), TREE.proof(leafOf("home-1", 70))));
            ChaincodeException e = refusedSettle(readings);
            assertCode(e, ErrorCode.READING_NOT_A_METER);
            assertThat(e.getMessage()).contains("device bat-1 is a BATTERY, not a METER");
        }

        @Test
        void anAlteredReadingFailsItsSignature() {
            List<Map<String, Object>> readings = new ArrayList<>(orderedReadings());
            // Claiming 1 kWh less at slot 70 would turn a shortfall into delivery.
            readings.get(2).put("netKwh", "0.200000");
            ChaincodeException e = refusedSettle(readings);
            assertCode(e, ErrorCode.READING_BAD_SIGNATURE);
            assertThat(e.getMessage())
                    .isEqualTo("READING_BAD_SIGNATURE: $.readings[2].signature: does not verify with the registered key"
                            + " of meter-1");
        }

        @Test
        void aGenuinelySignedReadingThatWasNotAnchoredFailsItsProof() {
            // The meter's key signed another value for slot 70, but that reading is not in the anchored tree.
            SignedReading unanchored = sign("meter-1", "home-1", 70, "0.2");
            List<Map<String, Object>> readings = new ArrayList<>(orderedReadings());
            readings.set(2, presented(unanchored, TREE.proof(leafOf("home-1", 70))));
            ChaincodeException e = refusedSettle(readings);
            assertCode(e, ErrorCode.READING_PROOF_INVALID);
            assertThat(e.getMessage())
                    .startsWith("READING_PROOF_INVALID: $.readings[2].proof: does not lead to the anchored root");
        }

        @Test
        void aProofMustNameTheAnchorsLeafCountAndItsOwnLeaf() {
            int i = leafOf("home-1", 69);
            MerkleProof real = TREE.proof(i);
            List<Map<String, Object>> readings = new ArrayList<>(orderedReadings());
            // The proof of the neighbouring leaf does not prove this one.
            readings.set(1, presented(LEAVES.get(i), TREE.proof(i + 1)));
            assertCode(refusedSettle(readings), ErrorCode.READING_PROOF_INVALID);
            // A proof in a tree of another size is refused, even though the path could be replayed.
            readings.set(1, presented(LEAVES.get(i), new MerkleProof(i, 22, real.siblingsHex())));
            ChaincodeException e = refusedSettle(readings);
            assertCode(e, ErrorCode.READING_PROOF_INVALID);
            assertThat(e.getMessage()).contains("$.readings[1].proof.leafCount: is 22", "has 21 leaves");
        }

        @Test
        void malformedReadingsNameTheField() {
            List<Map<String, Object>> readings = new ArrayList<>(orderedReadings());
            readings.get(1).put("netKwh", "lots");
            ChaincodeException e = refusedSettle(readings);
            assertCode(e, ErrorCode.INVALID_FIELD);
            assertThat(e.getMessage()).startsWith("INVALID_FIELD: $.readings[1].netKwh:");
            readings = new ArrayList<>(orderedReadings());
            readings.get(0).put("slot", 96);
            assertThat(refusedSettle(readings).getMessage()).startsWith("INVALID_FIELD: $.readings[0].slot:");
            readings = new ArrayList<>(orderedReadings());
            readings.get(2).put("colour", "red");
            assertThat(refusedSettle(readings).getMessage())
                    .startsWith("INVALID_FIELD: $.readings[2].colour: is not a known field");
            assertCode(refusedSettle(DSO, "{\"orderId\":\"ord-1\",\"readings\":{}}"), ErrorCode.INVALID_FIELD);
            assertCode(refusedSettle(DSO, "{\"orderId\":\"ord-1\""), ErrorCode.MALFORMED_INPUT);
        }

        @Test
        void theOrderAndTheSettlementNeedBothPartiesToEndorseAnyChange() throws Exception {
            assertThat(endorsers(s.ledger, key(Keys.ORDER, "ord-1"))).containsExactly("Aggregator1MSP", "DsoMSP");
            s.settle(orderedReadings());
            assertThat(endorsers(s.ledger, key(Keys.SETTLEMENT, "stl-ord-1")))
                    .containsExactly("Aggregator1MSP", "DsoMSP");
        }
    }

    @Nested
    class ReadSettlementDetails {
        @Test
        void onlyTheDsoAndTheAggregatorReadTheLines() {
            s.settle(orderedReadings());
            assertThat(s.ledger.as(AGG1, () -> s.settlements.readSettlementDetails(s.ledger.ctx, "stl-ord-1")))
                    .contains("\"lines\":[");
            ChaincodeException e =
                    s.ledger.refused(AGG2, () -> s.settlements.readSettlementDetails(s.ledger.ctx, "stl-ord-1"));
            assertCode(e, ErrorCode.SETTLEMENT_MSP_NOT_ALLOWED);
            assertCode(
                    s.ledger.refused(DSO, () -> s.settlements.readSettlementDetails(s.ledger.ctx, "stl-ord-9")),
                    ErrorCode.SETTLEMENT_NOT_FOUND);
        }
    }

    @Nested
    class ReadSettlement {
        @Test
        void aMissingSettlementIsRefused() {
            assertCode(
                    s.ledger.refused(DSO, () -> s.settlements.readSettlement(s.ledger.ctx, "stl-ord-1")),
                    ErrorCode.SETTLEMENT_NOT_FOUND);
        }
    }

    @Nested
    class ListSettlements {
        @Test
        void listsTheDaysSettlements() {
            String json = s.settle(orderedReadings());
            assertThat(s.ledger.as(DSO, () -> s.settlements.listSettlements(s.ledger.ctx, "2026-11-27", 10, "")))
                    .isEqualTo("{\"bookmark\":\"\",\"records\":[" + json + "]}");
            assertThat(s.ledger.as(DSO, () -> s.settlements.listSettlements(s.ledger.ctx, "2026-11-28", 10, "")))
                    .isEqualTo("{\"bookmark\":\"\",\"records\":[]}");
        }
    }

    @Nested
    class Determinism {
        @Test
        void twoPeersSettlingTheSameReadingsWriteTheSameBytes() {
            SettlementScenario other = new SettlementScenario();
            s.settle(orderedReadings());
            other.settle(orderedReadings());
            assertThat(other.ledger.snapshot()).isEqualTo(s.ledger.snapshot());
        }
    }
}
