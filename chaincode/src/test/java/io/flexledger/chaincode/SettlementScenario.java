package io.flexledger.chaincode;

import static io.flexledger.chaincode.MarketFixture.AGG1;
import static io.flexledger.chaincode.MarketFixture.AGG2;
import static io.flexledger.chaincode.MarketFixture.DSO;
import static io.flexledger.chaincode.MarketFixture.SALT;

import io.flexledger.contract.codec.CanonicalJson;
import io.flexledger.contract.codec.SettlementRecords;
import io.flexledger.domain.market.Baseline;
import io.flexledger.domain.metering.MerkleProof;
import io.flexledger.domain.metering.MerkleTree;
import io.flexledger.domain.metering.MeterReading;
import io.flexledger.domain.metering.SignedReading;
import io.flexledger.domain.time.MarketPeriod;
import io.flexledger.domain.units.KilowattHours;
import io.flexledger.domain.units.Kilowatts;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A settled-ready market day through the contracts themselves: Aggregator1's homes home-1, home-3
 * and home-4 with a P-256 meter each (plus a battery at home-1, and Aggregator2's meter-2 at
 * home-2); home-1's baseline (4 kW all day, 1 kWh per slot) committed and revealed; offer o-1
 * (home-1, 2, 2 and 2.5 kW in slots 68..70 at 0.21 EUR/kWh) ordered in full as ord-1; the readings
 * of slots 66..72 of the three homes signed by their meters, in a Merkle tree (21 leaves, so odd
 * nodes are promoted) whose root the DSO anchored. home-1 metered 0.5, 0.8 and 1.2 kWh in slots
 * 68..70.
 *
 * <p>Keys and signed readings are made once per run (ECDSA signatures are randomised), so that two
 * scenarios write identical bytes.
 */
final class SettlementScenario {
    static final LocalDate DAY = LocalDate.parse(MarketFixture.DAY);
    static final List<String> HOMES = List.of("home-1", "home-3", "home-4");
    static final Map<String, KeyPair> KEYS = new LinkedHashMap<>();
    /** All leaves of the anchor, ordered by (assetId, deviceId, slot). */
    static final List<SignedReading> LEAVES;

    static final MerkleTree TREE;

    static {
        for (String device : List.of("meter-1", "meter-2", "meter-3", "meter-4", "bat-1")) {
            KEYS.put(device, p256());
        }
        List<SignedReading> leaves = new ArrayList<>();
        for (String home : HOMES) {
            String meter = "meter-" + home.substring("home-".length());
            for (int slot = 66; slot <= 72; slot++) {
                leaves.add(sign(meter, home, slot, home1Metered(home, slot)));
            }
        }
        LEAVES = List.copyOf(leaves);
        TREE = MerkleTree.of(LEAVES.stream().map(SignedReading::leafHash).toList());
    }

    final MarketFixture m = new MarketFixture().seeded();
    final FakeLedger ledger = m.ledger;
    final AnchorContract anchors = new AnchorContract();
    final SettlementContract settlements = new SettlementContract();
    final DisputeContract disputes = new DisputeContract();
    private final boolean approveMeters;

    /** The full scenario: baseline revealed, readings anchored. */
    SettlementScenario() {
        this(true, true);
    }

    SettlementScenario(boolean reveal, boolean anchor) {
        this(reveal, anchor, true);
    }

    /** As the full scenario, with the meters approved by the DSO or left PROPOSED as their aggregators registered them. */
    SettlementScenario(boolean reveal, boolean anchor, boolean approveMeters) {
        this.approveMeters = approveMeters;
        m.asset(AGG1, "home-3", "TX1-F1");
        m.asset(AGG1, "home-4", "TX1-F1");
        device(AGG1, "meter-1", "home-1", "METER");
        device(AGG1, "meter-3", "home-3", "METER");
        device(AGG1, "meter-4", "home-4", "METER");
        device(AGG1, "bat-1", "home-1", "BATTERY");
        device(AGG2, "meter-2", "home-2", "METER");
        Baseline baseline = baseline();
        ledger.as(
                AGG1,
                () -> m.baselines.commitBaseline(
                        ledger.ctx,
                        "{\"assetId\":\"home-1\",\"day\":\"" + DAY + "\",\"hashHex\":\"" + baseline.commitmentHash(SALT)
                                + "\"}"));
        m.postOffer(AGG1, MarketFixture.offerJson("o-1"));
        m.order("ord-1", "o-1", "1");
        // The day is over: baselines are revealed and readings sealed.
        ledger.now = Instant.parse("2026-11-28T09:00:00Z");
        if (reveal) {
            ledger.transientData = Map.of("baseline", revealJson(baseline).getBytes(StandardCharsets.UTF_8));
            try {
                ledger.as(AGG1, () -> m.baselines.revealBaseline(ledger.ctx));
            } finally {
                ledger.transientData = Map.of();
            }
        }
        if (anchor) {
            ledger.as(
                    DSO, () -> anchors.anchorReadings(ledger.ctx, anchorJson(AGG1, TREE.rootHex(), TREE.leafCount())));
        }
    }

    static Baseline baseline() {
        return new Baseline("home-1", MarketPeriod.of(DAY), Collections.nCopies(96, Kilowatts.of("4")));
    }

    static String revealJson(Baseline b) {
        return "{\"assetId\":\"home-1\",\"day\":\"" + DAY + "\",\"salt\":\"" + SALT + "\",\"kwBySlot\":["
                + b.kwBySlot().stream().map(Kilowatts::toString).collect(Collectors.joining(",")) + "]}";
    }

    static String anchorJson(String aggregator, String root, int leafCount) {
        return "{\"day\":\"" + DAY + "\",\"aggregatorMsp\":\"" + aggregator + "\",\"rootHex\":\"" + root
                + "\",\"leafCount\":" + leafCount + "}";
    }

    /** Registers a device by its home's aggregator; a meter is then approved by the DSO (unless told otherwise). */
    void device(String aggregator, String id, String asset, String kind) {
        String key = Base64.getEncoder().encodeToString(KEYS.get(id).getPublic().getEncoded());
        ledger.as(
                aggregator,
                () -> m.registry.registerDevice(
                        ledger.ctx,
                        "{\"id\":\"" + id + "\",\"assetId\":\"" + asset + "\",\"kind\":\"" + kind
                                + "\",\"keyAlgorithm\":\"EC\",\"publicKeyBase64\":\"" + key + "\"}"));
        if (kind.equals("METER") && approveMeters) {
            approve(id);
        }
    }

    /** The DSO approves meter {@code id} with the key it was registered with. */
    String approve(String id) {
        return approve(id, KEYS.get(id));
    }

    /** The DSO approves meter {@code id} or its pending key, having checked that it is {@code key}. */
    String approve(String id, KeyPair key) {
        String json = "{\"deviceId\":\"" + id + "\",\"publicKeyBase64\":\""
                + Base64.getEncoder().encodeToString(key.getPublic().getEncoded()) + "\"}";
        return ledger.as(DSO, () -> m.registry.approveMeter(ledger.ctx, json));
    }

    /** home-1 metered 0.5, 0.8, 1.2 kWh in slots 68..70; every other reading is 0.3 kWh. */
    private static String home1Metered(String home, int slot) {
        if (!home.equals("home-1")) {
            return "0.3";
        }
        return switch (slot) {
            case 68 -> "0.5";
            case 69 -> "0.8";
            case 70 -> "1.2";
            default -> "0.3";
        };
    }

    static SignedReading sign(String device, String home, int slot, String kwh) {
        MeterReading r = new MeterReading(device, home, DAY, slot, KilowattHours.of(kwh), slot + 1);
        return SignedReading.sign(r, KEYS.get(device).getPrivate());
    }

    /** The index of home-1's leaf for {@code slot}. */
    static int leafOf(String home, int slot) {
        for (int i = 0; i < LEAVES.size(); i++) {
            MeterReading r = LEAVES.get(i).reading();
            if (r.assetId().equals(home) && r.slot() == slot) {
                return i;
            }
        }
        throw new IllegalArgumentException(home + " slot " + slot);
    }

    /** A presented reading as a JSON map (so a test can alter one field): leaf {@code index} with its proof. */
    static Map<String, Object> presented(int index) {
        return presented(LEAVES.get(index), TREE.proof(index));
    }

    static Map<String, Object> presented(SignedReading s, MerkleProof p) {
        return SettlementRecords.proven(s, p);
    }

    /** home-1's readings of the ordered slots 68, 69, 70. */
    static List<Map<String, Object>> orderedReadings() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int slot = 68; slot <= 70; slot++) {
            out.add(presented(leafOf("home-1", slot)));
        }
        return out;
    }

    static String settleJson(String orderId, List<Map<String, Object>> readings) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("orderId", orderId);
        m.put("readings", readings);
        return CanonicalJson.write(m);
    }

    String settle(List<Map<String, Object>> readings) {
        return ledger.as(DSO, () -> settlements.settleOrder(ledger.ctx, settleJson("ord-1", readings)));
    }

    private static KeyPair p256() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
