package io.flexledger.ui.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.client.CommunityJson;
import io.flexledger.client.DeviceJson;
import io.flexledger.client.RecordJson;
import io.flexledger.client.reading.DayReadings;
import io.flexledger.contract.codec.CommunityRecords.Day;
import io.flexledger.domain.metering.MerkleProof;
import io.flexledger.domain.metering.MerkleTree;
import io.flexledger.domain.metering.MeterReading;
import io.flexledger.domain.metering.SignedReading;
import io.flexledger.domain.participants.DeviceRegistration;
import io.flexledger.domain.time.MarketPeriod;
import io.flexledger.domain.units.KilowattHours;
import java.math.BigDecimal;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The member's statement on their page: the proof of each settled line (signature with the meter's keys
 * of the slot, Merkle path to the anchor root the statement names) and the statement computed again with
 * the settlement rule.
 */
class StatementViewTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate DAY = LocalDate.parse("2026-11-28");
    private static final String HOME = "h1";

    private static KeyPair keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static String key(KeyPair k) {
        return Base64.getEncoder().encodeToString(k.getPublic().getEncoded());
    }

    private static SignedReading signed(int slot, String kwh, KeyPair k) {
        return SignedReading.sign(
                new MeterReading("m1", HOME, DAY, slot, KilowattHours.of(kwh), 100 + slot), k.getPrivate());
    }

    /** The readings as a statement holds them, with their proofs in a tree of these leaves only. */
    private static ArrayNode presented(List<SignedReading> readings, MerkleTree tree) {
        ArrayNode out = JSON.createArrayNode();
        for (int i = 0; i < readings.size(); i++) {
            SignedReading s = readings.get(i);
            MerkleProof p = tree.proof(i);
            ObjectNode r = out.addObject();
            r.put("deviceId", s.reading().deviceId()).put("assetId", HOME).put("day", DAY.toString());
            r.put("slot", s.reading().slot()).put("netKwh", s.reading().netKwh().toString());
            r.put("sequence", s.reading().sequence()).put("signature", s.signatureBase64());
            ObjectNode proof = r.putObject("proof").put("leafIndex", i).put("leafCount", readings.size());
            p.siblingsHex().forEach(proof.putArray("siblings")::add);
        }
        return out;
    }

    private static MerkleTree tree(List<SignedReading> readings) {
        return MerkleTree.of(readings.stream().map(SignedReading::leafHash).toList());
    }

    /** The community day as the API answers it, decoded by api-client's strict reader. */
    private static Day dayRecord() {
        ObjectNode d = JSON.createObjectNode();
        d.put("community", "Aggregator1MSP").put("day", DAY.toString());
        d.put("gateClosure", "2026-11-27T12:00:00Z").put("pricing", "PAY_AS_CLEAR");
        ArrayNode in = d.putArray("importPrice");
        ArrayNode out = d.putArray("exportPrice");
        for (int i = 0; i < MarketPeriod.of(DAY).slotCount(); i++) {
            in.add("0.30");
            out.add("0.05");
        }
        return CommunityJson.day(d);
    }

    /** The ledger's statement of a sale of 2 kW (0.5 kWh) in slot 68 at 0.12 with 0.3 kWh exported. */
    private static ObjectNode statement(ArrayNode readings, String root) {
        ObjectNode s = JSON.createObjectNode();
        s.put("community", "Aggregator1MSP").put("day", DAY.toString()).put("homeId", HOME);
        s.put("member", "agg1-prosumer").put("recordedAt", "2026-11-29T06:00:00Z");
        s.putArray("lines")
                .addObject()
                .put("slot", 68)
                .put("boughtKwh", "0.000000")
                .put("soldKwh", "0.500000")
                .put("meteredKwh", "-0.300000")
                .put("deliveredKwh", "0.300000")
                .put("takenKwh", "0.000000")
                .put("shortfallKwh", "0.200000")
                .put("unusedKwh", "0.000000")
                .put("paidEur", "0.0600")
                .put("receivedEur", "0.0600");
        s.putObject("totals")
                .put("boughtKwh", "0.000000")
                .put("soldKwh", "0.500000")
                .put("deliveredKwh", "0.300000")
                .put("takenKwh", "0.000000")
                .put("shortfallKwh", "0.200000")
                .put("unusedKwh", "0.000000")
                .put("paidEur", "0.0600")
                .put("receivedEur", "0.0600")
                .put("netEur", "0.0000");
        s.set("readings", readings);
        s.put("anchorRoot", root).put("txId", "tx-1").put("clearingSha256", "ab".repeat(32));
        return s;
    }

    private static final List<StatementView.Trade> SALE =
            List.of(new StatementView.Trade("o1", 68, "SELL", new BigDecimal("2"), new BigDecimal("0.12")));

    private static ObjectNode device(KeyPair k) {
        return JSON.createObjectNode()
                .put("id", "m1")
                .put("assetId", HOME)
                .put("kind", "METER")
                .put("keyAlgorithm", "EC")
                .put("publicKeyBase64", key(k))
                .put("keyVersion", 1);
    }

    /** device-bridge's answer of the home's readings, decoded by api-client's strict reader. */
    private static DayReadings bridge(MerkleTree anchored, ArrayNode readings) {
        ObjectNode b = JSON.createObjectNode();
        b.put("day", DAY.toString()).put("assetId", HOME).put("aggregatorMsp", "Aggregator1MSP");
        b.putObject("anchor").put("rootHex", anchored.rootHex()).put("leafCount", anchored.leafCount());
        b.set("readings", readings);
        return RecordJson.readings(b);
    }

    private static DayReadings bridge(MerkleTree anchored) {
        return bridge(anchored, JSON.createArrayNode());
    }

    private static CommunityJson.Statement decoded(ObjectNode statement) {
        return CommunityJson.statement(statement);
    }

    private static Optional<DeviceRegistration> registered(ObjectNode device) {
        return Optional.of(DeviceJson.registration(device));
    }

    @Test
    void aSettledLineVerifiesAndTheRuleGivesTheLedgersStatement() throws Exception {
        KeyPair k = keys();
        List<SignedReading> readings = List.of(signed(68, "-0.3", k), signed(69, "0.1", k));
        MerkleTree tree = tree(readings);
        ArrayNode presented = presented(readings, tree);
        presented.remove(1);
        var st = StatementView.settled(
                "Aggregator1MSP",
                DAY,
                HOME,
                decoded(statement(presented, tree.rootHex())),
                SALE,
                dayRecord(),
                id -> registered(device(k)),
                bridge(tree));
        assertThat(st.settled()).isTrue();
        assertThat(st.totals().netEur()).isEqualTo("0.0000");
        assertThat(st.recomputedAgrees()).as(st.recomputed()).isTrue();
        assertThat(st.rootsAgree()).isTrue();
        assertThat(st.proofsVerified()).isEqualTo(1);
        assertThat(st.proofs().get(0).signature()).isEqualTo("verified with the meter's registered key version 1");
        assertThat(st.lines()).singleElement().satisfies(l -> {
            assertThat(l.slotLabel()).isEqualTo("68 (17:00)");
            assertThat(l.deliveredKwh()).isEqualTo("0.300000");
            assertThat(l.shortfallKwh()).isEqualTo("0.200000");
        });
    }

    @Test
    void anotherKeysSignatureAnotherRootOrAnAlteredTotalIsShownAsSuch() throws Exception {
        KeyPair k = keys();
        KeyPair other = keys();
        List<SignedReading> readings = List.of(signed(68, "-0.3", other));
        MerkleTree tree = tree(readings);
        ObjectNode s = statement(presented(readings, tree), "00".repeat(32));
        ((ObjectNode) s.path("totals")).put("netEur", "0.0100");
        var st = StatementView.settled(
                "Aggregator1MSP", DAY, HOME, decoded(s), SALE, dayRecord(), id -> registered(device(k)), bridge(tree));
        assertThat(st.proofs().get(0).signatureOk()).isFalse();
        assertThat(st.proofs().get(0).signature()).startsWith("fails");
        assertThat(st.proofs().get(0).pathOk()).isFalse();
        assertThat(st.rootsAgree()).isFalse();
        assertThat(st.recomputedAgrees()).isFalse();
        assertThat(st.recomputed()).contains("net EUR is 0.0100 on the ledger, 0.0000 by the rule");
        // Without the meter's record the signature is not checked, and says so.
        var unread = StatementView.settled(
                "Aggregator1MSP", DAY, HOME, decoded(s), SALE, dayRecord(), id -> Optional.empty(), null);
        assertThat(unread.proofs().get(0).signature()).startsWith("not checked");
        assertThat(unread.proofsVerified()).isZero();
        assertThat(unread.bridgeCheck()).startsWith("not read");
    }

    @Test
    void afterAKeyRotationASlotVerifiesOnlyWithTheKeyOfItsTime() throws Exception {
        KeyPair old = keys();
        KeyPair now = keys();
        // The new key was approved at 16:00 UTC, before slot 68 began: the slot is the new key's only.
        Instant rotated = Instant.parse("2026-11-28T16:00:00Z");
        ObjectNode d = device(now).put("keyVersion", 2).put("keyValidFrom", rotated.toString());
        d.putArray("previousKeys")
                .addObject()
                .put("keyVersion", 1)
                .put("keyAlgorithm", "EC")
                .put("publicKeyBase64", key(old))
                .put("validUntil", rotated.toString());
        assertThat(DeviceJson.registration(d).keys())
                .extracting(k -> k.version())
                .containsExactly(1, 2);
        List<SignedReading> readings = List.of(signed(68, "-0.3", old));
        MerkleTree tree = tree(readings);
        var st = StatementView.settled(
                "Aggregator1MSP",
                DAY,
                HOME,
                decoded(statement(presented(readings, tree), tree.rootHex())),
                SALE,
                dayRecord(),
                id -> registered(d),
                bridge(tree));
        assertThat(st.proofs().get(0).signature()).isEqualTo("fails: no key of the meter during the slot verifies it");
        List<SignedReading> renewed = new ArrayList<>(List.of(signed(68, "-0.3", now)));
        MerkleTree t2 = tree(renewed);
        var ok = StatementView.settled(
                "Aggregator1MSP",
                DAY,
                HOME,
                decoded(statement(presented(renewed, t2), t2.rootHex())),
                SALE,
                dayRecord(),
                id -> registered(d),
                bridge(t2));
        assertThat(ok.proofs().get(0).signature()).isEqualTo("verified with the meter's registered key version 2");
    }

    @Test
    void notSettledYetSaysSoAndGivesWhatTheReadingsWouldGive() throws Exception {
        KeyPair k = keys();
        MerkleTree t = tree(List.of(signed(68, "-0.5", k)));
        var bridge = bridge(t, presented(List.of(signed(68, "-0.5", k)), t));
        var st = StatementView.pending("Aggregator1MSP", DAY, HOME, SALE, dayRecord(), bridge);
        assertThat(st.settled()).isFalse();
        assertThat(st.note()).startsWith("Not settled yet").contains("provisional");
        assertThat(st.provisional()).isTrue();
        assertThat(st.lines())
                .singleElement()
                .satisfies(l -> assertThat(l.deliveredKwh()).isEqualTo("0.500000"));
        var none = StatementView.pending("Aggregator1MSP", DAY, HOME, SALE, dayRecord(), null);
        assertThat(none.note()).contains("could not be read here");
        assertThat(none.lines()).isEmpty();
    }
}
