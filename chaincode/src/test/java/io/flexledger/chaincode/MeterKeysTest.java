package io.flexledger.chaincode;

import static io.flexledger.chaincode.MarketFixture.AGG1;
import static io.flexledger.chaincode.MarketFixture.AGG2;
import static io.flexledger.chaincode.MarketFixture.COMMUNITY;
import static io.flexledger.chaincode.MarketFixture.DSO;
import static io.flexledger.chaincode.OfferContractTest.assertCode;
import static io.flexledger.chaincode.SettlementScenario.orderedReadings;
import static io.flexledger.chaincode.SettlementScenario.presented;
import static io.flexledger.chaincode.SettlementScenario.settleJson;
import static io.flexledger.chaincode.TimeRulesTest.orgsOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.chaincode.TimeRulesTest.CompositeKeyText;
import io.flexledger.chaincode.support.Keys;
import io.flexledger.contract.ErrorCode;
import io.flexledger.domain.metering.MerkleTree;
import io.flexledger.domain.metering.MeterReading;
import io.flexledger.domain.metering.SignedReading;
import io.flexledger.domain.units.KilowattHours;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Meter keys belong to neither party alone: the home's aggregator (who is paid for what the meter
 * measures) registers a meter or proposes a new key, the DSO (who pays) approves it, one approved meter
 * per home, every key kept with its period. Each attack is refused and leaves the ledger as it was.
 */
class MeterKeysTest {
    static final KeyPair K1 = p256();
    static final KeyPair K2 = p256();
    static final KeyPair K3 = p256();

    MarketFixture m;

    @BeforeEach
    void seed() {
        m = new MarketFixture().seeded();
    }

    static KeyPair p256() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String base64(KeyPair k) {
        return Base64.getEncoder().encodeToString(k.getPublic().getEncoded());
    }

    static String deviceJson(String id, String asset, String kind, KeyPair key) {
        return "{\"id\":\"" + id + "\",\"assetId\":\"" + asset + "\",\"kind\":\"" + kind
                + "\",\"keyAlgorithm\":\"EC\",\"publicKeyBase64\":\"" + base64(key) + "\"}";
    }

    static String approval(String id, KeyPair checked) {
        return "{\"deviceId\":\"" + id + "\",\"publicKeyBase64\":\"" + base64(checked) + "\"}";
    }

    static String proposal(String id, KeyPair key) {
        return "{\"deviceId\":\"" + id + "\",\"keyAlgorithm\":\"EC\",\"publicKeyBase64\":\"" + base64(key) + "\"}";
    }

    String register(String msp, String id, String asset, String kind, KeyPair key) {
        return m.ledger.as(msp, () -> m.registry.registerDevice(m.ledger.ctx, deviceJson(id, asset, kind, key)));
    }

    String approve(String msp, String json) {
        return m.ledger.as(msp, () -> m.registry.approveMeter(m.ledger.ctx, json));
    }

    String propose(String msp, String json) {
        return m.ledger.as(msp, () -> m.registry.proposeMeterKey(m.ledger.ctx, json));
    }

    /** A refused transaction, checked to have changed nothing. */
    ChaincodeException refused(String msp, Supplier<String> tx) {
        Map<String, String> before = m.ledger.snapshot();
        ChaincodeException e = m.ledger.refused(msp, tx);
        assertThat(m.ledger.snapshot()).isEqualTo(before);
        return e;
    }

    String device(String id) {
        return m.ledger.get(Keys.DEVICE, id);
    }

    String deviceKey(String id) {
        return new CompositeKeyText(Keys.DEVICE, id).text();
    }

    String receipt(String collection, String id, int version) {
        byte[] v = m.ledger
                .privateData
                .getOrDefault(collection, new java.util.TreeMap<>())
                .get(new CompositeKeyText(Keys.COUNTERSIGNATURE, Keys.DEVICE, id, Keys.version(version)).text());
        return v == null ? null : new String(v, StandardCharsets.UTF_8);
    }

    @Nested
    class RegisterDevice {
        @Test
        void aMeterIsProposedAndEveryLaterChangeNeedsBothPeers() {
            String json = register(AGG1, "meter-1", "home-1", "METER", K1);
            assertThat(json)
                    .contains(
                            "\"state\":\"PROPOSED\"",
                            "\"aggregatorMsp\":\"Aggregator1MSP\"",
                            "\"registeredAt\":\"2026-11-26T12:00:00Z\"",
                            "\"publicKeyBase64\":\"" + base64(K1) + "\"")
                    .doesNotContain("keyVersion", "approvedBy");
            assertThat(orgsOf(m.ledger.validationParameters.get(deviceKey("meter-1"))))
                    .containsExactlyInAnyOrder(AGG1, DSO);
            assertThat(m.ledger.lastEvent().name()).isEqualTo("DeviceRegistered");
        }

        @Test
        void anotherKindOfDeviceIsActiveAtOnce() {
            assertThat(register(AGG1, "bat-1", "home-1", "BATTERY", K1)).contains("\"state\":\"ACTIVE\"");
        }

        @Test
        void aSecondMeterOfAHomeWithAnApprovedMeterIsRefused() {
            register(AGG1, "meter-1", "home-1", "METER", K1);
            approve(DSO, approval("meter-1", K1));
            ChaincodeException e = refused(
                    AGG1, () -> m.registry.registerDevice(m.ledger.ctx, deviceJson("meter-1b", "home-1", "METER", K2)));
            assertCode(e, ErrorCode.METER_ACTIVE_EXISTS);
            assertThat(e.getMessage()).contains("home home-1 has the approved meter meter-1");
            // Devices of other kinds are not revenue meters.
            register(AGG1, "ev-1", "home-1", "EV_CHARGER", K2);
        }
    }

    @Nested
    class ApproveMeter {
        @BeforeEach
        void proposed() {
            register(AGG1, "meter-1", "home-1", "METER", K1);
        }

        @Test
        void theDsoApprovesAProposedMeterAsKeyVersionOne() {
            m.ledger.now = Instant.parse("2026-11-26T13:00:00Z");
            String json = approve(DSO, approval("meter-1", K1));
            assertThat(json)
                    .contains(
                            "\"state\":\"ACTIVE\"",
                            "\"keyVersion\":1",
                            "\"approvedBy\":\"DsoMSP\"",
                            "\"approvedAt\":\"2026-11-26T13:00:00Z\"",
                            "\"registeredAt\":\"2026-11-26T12:00:00Z\"")
                    .doesNotContain("keyValidFrom", "previousKeys", "pendingKey");
            assertThat(m.ledger.lastEvent().name()).isEqualTo("MeterApproved");
            assertThat(m.ledger.get(Keys.METER_OF_ASSET, "home-1")).contains("meter-1");
            assertThat(orgsOf(m.ledger.validationParameters.get(deviceKey("meter-1"))))
                    .containsExactlyInAnyOrder(AGG1, DSO);
            assertThat(orgsOf(m.ledger.validationParameters.get(
                            new CompositeKeyText(Keys.METER_OF_ASSET, "home-1").text())))
                    .containsExactlyInAnyOrder(AGG1, DSO);
            // The DSO's peer countersigns the approved key in the collection it shares with the aggregator.
            assertThat(receipt("Aggregator1DsoCollection", "meter-1", 1))
                    .contains("\"record\":[\"device\",\"meter-1\",\"000001\"]", "\"sha256\":\"");
        }

        @Test
        void theAggregatorCannotApproveItsOwnMeterNorCanAThirdOrganisation() {
            for (String msp : List.of(AGG1, AGG2, COMMUNITY)) {
                ChaincodeException e =
                        refused(msp, () -> m.registry.approveMeter(m.ledger.ctx, approval("meter-1", K1)));
                assertCode(e, ErrorCode.METER_MSP_NOT_ALLOWED);
                assertThat(e.getMessage()).contains("only the DSO organisation may approve meters", msp);
            }
            assertThat(device("meter-1")).contains("\"state\":\"PROPOSED\"");
        }

        @Test
        void oneRevenueMeterPerHome() {
            // Two meters proposed for one home before either was approved: only the first approved counts.
            register(AGG1, "meter-1b", "home-1", "METER", K2);
            approve(DSO, approval("meter-1", K1));
            ChaincodeException e = refused(DSO, () -> m.registry.approveMeter(m.ledger.ctx, approval("meter-1b", K2)));
            assertCode(e, ErrorCode.METER_ACTIVE_EXISTS);
            assertThat(device("meter-1b")).contains("\"state\":\"PROPOSED\"");
        }

        @Test
        void onlyAMeterAwaitingApprovalIsApproved() {
            register(AGG1, "bat-1", "home-1", "BATTERY", K2);
            assertCode(
                    refused(DSO, () -> m.registry.approveMeter(m.ledger.ctx, approval("bat-1", K2))),
                    ErrorCode.METER_KIND_INVALID);
            assertCode(
                    refused(DSO, () -> m.registry.approveMeter(m.ledger.ctx, approval("meter-9", K2))),
                    ErrorCode.DEVICE_NOT_FOUND);
            approve(DSO, approval("meter-1", K1));
            ChaincodeException again =
                    refused(DSO, () -> m.registry.approveMeter(m.ledger.ctx, approval("meter-1", K1)));
            assertCode(again, ErrorCode.METER_STATE_INVALID);
            assertThat(again.getMessage()).contains("no new key of it awaits approval");
            assertThat(m.ledger
                            .refused(DSO, () -> m.registry.approveMeter(m.ledger.ctx, "{\"id\":\"meter-1\"}"))
                            .getMessage())
                    .isEqualTo("INVALID_FIELD: $.id: is not a known field (and 2 more: $.deviceId: is required;"
                            + " $.publicKeyBase64: is required)");
        }

        @Test
        void theDsoApprovesTheKeyItCheckedOrNothing() {
            ChaincodeException e = refused(DSO, () -> m.registry.approveMeter(m.ledger.ctx, approval("meter-1", K2)));
            assertCode(e, ErrorCode.METER_KEY_CONFLICT);
            assertThat(device("meter-1")).contains("\"state\":\"PROPOSED\"");
        }
    }

    @Nested
    class ProposeMeterKey {
        @BeforeEach
        void approved() {
            register(AGG1, "meter-1", "home-1", "METER", K1);
            approve(DSO, approval("meter-1", K1));
        }

        @Test
        void anAggregatorAloneOnlyProposesAKeyThatStaysPending() {
            m.ledger.now = Instant.parse("2026-11-26T14:00:00Z");
            String json = propose(AGG1, proposal("meter-1", K2));
            assertThat(json)
                    .contains(
                            "\"pendingKey\":{\"keyAlgorithm\":\"EC\",\"proposedAt\":\"2026-11-26T14:00:00Z\","
                                    + "\"publicKeyBase64\":\"" + base64(K2) + "\"}",
                            "\"keyVersion\":1")
                    // The current key is still the approved one.
                    .contains("\"publicKeyBase64\":\"" + base64(K1) + "\"");
            assertThat(m.ledger.lastEvent().name()).isEqualTo("MeterKeyProposed");
            assertThat(receipt("Aggregator1DsoCollection", "meter-1", 2)).isNull();
            // A second proposal replaces the first while neither is approved.
            assertThat(propose(AGG1, proposal("meter-1", K3)))
                    .contains(base64(K3))
                    .doesNotContain(base64(K2));
        }

        @Test
        void theDsoApprovesTheNewKeyAndTheOldOneIsKeptWithItsPeriod() {
            propose(AGG1, proposal("meter-1", K2));
            m.ledger.now = Instant.parse("2026-11-27T17:05:00Z");
            String json = approve(DSO, approval("meter-1", K2));
            assertThat(json)
                    .contains(
                            "\"keyVersion\":2",
                            "\"keyValidFrom\":\"2026-11-27T17:05:00Z\"",
                            "\"publicKeyBase64\":\"" + base64(K2) + "\"",
                            "\"previousKeys\":[{\"keyAlgorithm\":\"EC\",\"keyVersion\":1,\"publicKeyBase64\":\""
                                    + base64(K1) + "\",\"validUntil\":\"2026-11-27T17:05:00Z\"}]",
                            "\"approvedAt\":\"2026-11-27T17:05:00Z\"")
                    .doesNotContain("pendingKey");
            assertThat(receipt("Aggregator1DsoCollection", "meter-1", 2)).isNotNull();
            // Every version of the record is on the ledger: registered, approved, key proposed, key approved.
            String history = m.ledger.as(COMMUNITY, () -> m.registry.deviceHistory(m.ledger.ctx, "meter-1"));
            assertThat(history)
                    .containsSubsequence(
                            "\"state\":\"PROPOSED\"", "\"keyVersion\":1", "\"pendingKey\"", "\"keyVersion\":2");
            assertCode(
                    m.ledger.refused(COMMUNITY, () -> m.registry.deviceHistory(m.ledger.ctx, "meter-9")),
                    ErrorCode.DEVICE_NOT_FOUND);
            // A retired key does not come back.
            assertCode(
                    refused(AGG1, () -> m.registry.proposeMeterKey(m.ledger.ctx, proposal("meter-1", K1))),
                    ErrorCode.METER_KEY_INVALID);
        }

        @Test
        void theDsoCannotProposeAKeyNorCanAnotherAggregatorOrTheCommunity() {
            assertCode(
                    refused(DSO, () -> m.registry.proposeMeterKey(m.ledger.ctx, proposal("meter-1", K2))),
                    ErrorCode.METER_MSP_NOT_ALLOWED);
            assertCode(
                    refused(COMMUNITY, () -> m.registry.proposeMeterKey(m.ledger.ctx, proposal("meter-1", K2))),
                    ErrorCode.METER_MSP_NOT_ALLOWED);
            ChaincodeException e =
                    refused(AGG2, () -> m.registry.proposeMeterKey(m.ledger.ctx, proposal("meter-1", K2)));
            assertCode(e, ErrorCode.ASSET_NOT_OWNED);
            assertThat(e.getMessage()).contains("meter meter-1 is at home-1, a home of Aggregator1MSP");
        }

        @Test
        void aProposedMeterKeepsItsRegisteredKeyAndTheCurrentKeyIsNoNewKey() {
            m.asset(AGG1, "home-3", "TX1-F1");
            register(AGG1, "meter-x", "home-3", "METER", K3);
            assertCode(
                    refused(AGG1, () -> m.registry.proposeMeterKey(m.ledger.ctx, proposal("meter-x", K2))),
                    ErrorCode.METER_STATE_INVALID);
            assertCode(
                    refused(AGG1, () -> m.registry.proposeMeterKey(m.ledger.ctx, proposal("meter-1", K1))),
                    ErrorCode.METER_KEY_INVALID);
            assertThat(m.ledger
                            .refused(
                                    AGG1,
                                    () -> m.registry.proposeMeterKey(
                                            m.ledger.ctx,
                                            "{\"deviceId\":\"meter-1\",\"keyAlgorithm\":\"EC\","
                                                    + "\"publicKeyBase64\":\"AAAA\"}"))
                            .getMessage())
                    .startsWith("INVALID_FIELD: $.publicKeyBase64: is not a valid EC public key");
            register(AGG1, "bat-1", "home-1", "BATTERY", K2);
            assertCode(
                    refused(AGG1, () -> m.registry.proposeMeterKey(m.ledger.ctx, proposal("bat-1", K3))),
                    ErrorCode.METER_KIND_INVALID);
        }
    }

    /** What settlement accepts: readings of approved meters, each verified with the key of its slot. */
    @Nested
    class Settlement {
        ChaincodeException refusedSettle(SettlementScenario s, List<Map<String, Object>> readings) {
            Map<String, String> before = s.ledger.snapshot();
            ChaincodeException e =
                    s.ledger.refused(DSO, () -> s.settlements.settleOrder(s.ledger.ctx, settleJson("ord-1", readings)));
            assertThat(s.ledger.snapshot()).isEqualTo(before);
            return e;
        }

        void rotate(SettlementScenario s, KeyPair next, Instant at) {
            Instant now = s.ledger.now;
            s.ledger.now = at;
            s.ledger.as(AGG1, () -> s.m.registry.proposeMeterKey(s.ledger.ctx, proposal("meter-1", next)));
            s.approve("meter-1", next);
            s.ledger.now = now;
        }

        SignedReading signed(KeyPair key, int slot, String kwh) {
            return SignedReading.sign(
                    new MeterReading(
                            "meter-1", "home-1", SettlementScenario.DAY, slot, KilowattHours.of(kwh), slot + 1),
                    key.getPrivate());
        }

        @Test
        void aReadingOfAMeterTheDsoHasNotApprovedIsRefused() {
            SettlementScenario s = new SettlementScenario(true, true, false);
            ChaincodeException e = refusedSettle(s, orderedReadings());
            assertCode(e, ErrorCode.READING_METER_NOT_APPROVED);
            assertThat(e.getMessage())
                    .isEqualTo("READING_METER_NOT_APPROVED: $.readings[0].deviceId: meter meter-1 is PROPOSED;"
                            + " the DSO has not approved it");
        }

        @Test
        void aMeterRecordMadeActiveWithoutTheDsosPeerIsRefused() {
            // Peers running altered chaincode write the record ACTIVE without ApproveMeter: no countersignature.
            SettlementScenario s = new SettlementScenario(true, true, false);
            String key =
                    s.ledger.stub.createCompositeKey(Keys.DEVICE, "meter-1").toString();
            String forged = new String(s.ledger.state.get(key), StandardCharsets.UTF_8)
                    .replace("\"state\":\"PROPOSED\"", "\"state\":\"ACTIVE\",\"keyVersion\":1");
            s.ledger.state.put(key, forged.getBytes(StandardCharsets.UTF_8));
            ChaincodeException e = refusedSettle(s, orderedReadings());
            assertCode(e, ErrorCode.READING_METER_NOT_APPROVED);
            assertThat(e.getMessage()).contains("key version 1 of meter meter-1 bears no approval of the DSO's peer");
        }

        @Test
        void aKeyTheAggregatorProposedAloneSignsNothingThatCounts() {
            SettlementScenario s = new SettlementScenario();
            s.ledger.as(AGG1, () -> s.m.registry.proposeMeterKey(s.ledger.ctx, proposal("meter-1", K2)));
            // The aggregator's own key signs a better delivery for slot 70 (and the proof of the genuine leaf).
            List<Map<String, Object>> readings = new ArrayList<>(orderedReadings());
            readings.set(
                    2,
                    presented(
                            signed(K2, 70, "0.2"),
                            SettlementScenario.TREE.proof(SettlementScenario.leafOf("home-1", 70))));
            ChaincodeException e = refusedSettle(s, readings);
            assertCode(e, ErrorCode.READING_BAD_SIGNATURE);
            // The meter's approved key still settles.
            assertThat(s.settle(orderedReadings())).contains("\"state\":\"SETTLED\"");
        }

        @Test
        void readingsSignedBeforeARotationStillVerifyWithTheRetiredKey() {
            SettlementScenario s = new SettlementScenario();
            rotate(s, K2, Instant.parse("2026-11-28T08:00:00Z"));
            assertThat(s.settle(orderedReadings())).contains("\"netEur\":\"0.0499\"");
        }

        @Test
        void aRetiredKeyDoesNotSignTheSlotsAfterTheRotation() {
            SettlementScenario s = new SettlementScenario();
            // 2026-11-27 is GMT: slot 68 is 17:00-17:15, so slot 69 starts after the rotation.
            rotate(s, K2, Instant.parse("2026-11-27T17:05:00Z"));
            ChaincodeException e = refusedSettle(s, orderedReadings());
            assertCode(e, ErrorCode.READING_BAD_SIGNATURE);
            assertThat(e.getMessage()).startsWith("READING_BAD_SIGNATURE: $.readings[1].signature");
        }

        @Test
        void theNewKeySignsTheSlotsFromItsApprovalOn() {
            SettlementScenario s = new SettlementScenario(true, false);
            rotate(s, K2, Instant.parse("2026-11-27T17:05:00Z"));
            // Slot 68 straddles the rotation: the old key signed it; 69 and 70 the new key.
            List<SignedReading> leaves = List.of(
                    signed(SettlementScenario.KEYS.get("meter-1"), 68, "0.5"),
                    signed(K2, 69, "0.8"),
                    signed(K2, 70, "1.2"));
            MerkleTree tree =
                    MerkleTree.of(leaves.stream().map(SignedReading::leafHash).toList());
            s.ledger.as(
                    DSO,
                    () -> s.anchors.anchorReadings(
                            s.ledger.ctx, SettlementScenario.anchorJson(AGG1, tree.rootHex(), tree.leafCount())));
            List<Map<String, Object>> readings = new ArrayList<>();
            for (int i = 0; i < leaves.size(); i++) {
                readings.add(presented(leaves.get(i), tree.proof(i)));
            }
            String json = s.settle(readings);
            assertThat(json).contains("\"netEur\":\"0.0499\"");
        }
    }
}
