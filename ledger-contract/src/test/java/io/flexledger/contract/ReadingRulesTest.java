package io.flexledger.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.flexledger.contract.codec.RegistryRecords.StoredDevice;
import io.flexledger.domain.metering.MerkleProof;
import io.flexledger.domain.metering.MerkleTree;
import io.flexledger.domain.metering.MeterReading;
import io.flexledger.domain.metering.ReadingAnchor;
import io.flexledger.domain.metering.SignedReading;
import io.flexledger.domain.participants.Device;
import io.flexledger.domain.participants.DeviceKind;
import io.flexledger.domain.units.KilowattHours;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The readings a settler presents, and each way it could try to settle on readings that prove nothing. */
class ReadingRulesTest {
    static final LocalDate DAY = LocalDate.of(2030, 6, 1);
    static final ReadingRules.Scope SCOPE =
            new ReadingRules.Scope("home-1", DAY, Set.of(68, 69), "ordered", "the order covers", "the order's home");
    static final Instant AT = Instant.parse("2030-05-01T00:00:00Z");

    static KeyPair meterKey;
    static KeyPair otherKey;
    static Map<String, StoredDevice> devices = new HashMap<>();

    record Presented(SignedReading signed, MerkleProof proof, String path) implements ReadingRules.Presented {}

    static final class Refused extends RuntimeException {
        final ErrorCode code;

        Refused(ErrorCode code, String message) {
            super(message);
            this.code = code;
        }
    }

    @BeforeAll
    static void meters() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        meterKey = g.generateKeyPair();
        otherKey = g.generateKeyPair();
        devices.put("m-1", approved(new Device("m-1", "home-1", DeviceKind.METER, "EC", encoded(meterKey))));
        devices.put("m-away", approved(new Device("m-away", "home-2", DeviceKind.METER, "EC", encoded(meterKey))));
        devices.put(
                "m-new",
                StoredDevice.registered(
                        new Device("m-new", "home-1", DeviceKind.METER, "EC", encoded(meterKey)),
                        "Aggregator1MSP",
                        AT));
        devices.put(
                "battery",
                StoredDevice.registered(
                        new Device("battery", "home-1", DeviceKind.BATTERY, "EC", encoded(meterKey)),
                        "Aggregator1MSP",
                        AT));
    }

    static StoredDevice approved(Device d) {
        return StoredDevice.registered(d, "Aggregator1MSP", AT).approved("DsoMSP", AT);
    }

    static String encoded(KeyPair k) {
        return Base64.getEncoder().encodeToString(k.getPublic().getEncoded());
    }

    static SignedReading reading(String device, String home, int slot, KeyPair key) {
        return SignedReading.sign(
                new MeterReading(device, home, DAY, slot, KilowattHours.of("0.5"), 100 + slot), key.getPrivate());
    }

    /** The readings anchored in one tree, each presented with its proof. */
    static List<Presented> presented(SignedReading... signed) {
        MerkleTree tree = MerkleTree.of(
                List.of(signed).stream().map(SignedReading::leafHash).toList());
        List<Presented> out = new ArrayList<>();
        for (int i = 0; i < signed.length; i++) {
            out.add(new Presented(signed[i], tree.proof(i), "$.readings[" + i + "]"));
        }
        return out;
    }

    static ReadingAnchor anchorOf(List<Presented> p) {
        MerkleTree tree =
                MerkleTree.of(p.stream().map(r -> r.signed().leafHash()).toList());
        return new ReadingAnchor(DAY, "Aggregator1MSP", tree.rootHex(), p.size());
    }

    static List<Presented> check(List<Presented> p, ReadingAnchor anchor) {
        return ReadingRules.check(
                SCOPE, anchor, p, id -> Optional.ofNullable(devices.get(id)), (m, k, at) -> {}, Refused::new);
    }

    static Refused refused(List<Presented> p, ReadingAnchor anchor) {
        return catchThrowableOfType(Refused.class, () -> check(p, anchor));
    }

    @Test
    void oneSignedAnchoredReadingPerOrderedSlotIsTakenInSlotOrder() {
        List<Presented> p = presented(reading("m-1", "home-1", 69, meterKey), reading("m-1", "home-1", 68, meterKey));
        assertThat(check(p, anchorOf(p))).extracting(r -> r.reading().slot()).containsExactly(68, 69);
    }

    @Test
    void theSettlerCannotPickTheMoreFavourableOfTwoReadingsOfASlot() {
        List<Presented> p = presented(
                reading("m-1", "home-1", 68, meterKey),
                reading("m-1", "home-1", 69, meterKey),
                reading("m-1", "home-1", 69, meterKey));
        Refused r = refused(p, anchorOf(p));
        assertThat(r.code).isEqualTo(ErrorCode.READING_SLOT_DUPLICATE);
        assertThat(r.getMessage()).isEqualTo("$.readings[2]: slot 69 has a reading already");
    }

    @Test
    void aSlotLeftOutOrOneNotOrderedIsRefused() {
        List<Presented> one = presented(reading("m-1", "home-1", 68, meterKey));
        assertThat(refused(one, anchorOf(one)).code).isEqualTo(ErrorCode.READING_SLOT_MISSING);
        List<Presented> extra = presented(reading("m-1", "home-1", 70, meterKey));
        Refused r = refused(extra, anchorOf(extra));
        assertThat(r.code).isEqualTo(ErrorCode.READING_OUT_OF_ORDER_SLOT);
        assertThat(r.getMessage())
                .isEqualTo("$.readings[0]: slot 70 of 2030-06-01 is not ordered (the order covers slots [68, 69] of"
                        + " 2030-06-01)");
    }

    @Test
    void anotherHomesReadingOrMeterDoesNotSettleThisHome() {
        List<Presented> p = presented(reading("m-1", "home-2", 68, meterKey), reading("m-1", "home-1", 69, meterKey));
        assertThat(refused(p, anchorOf(p)).code).isEqualTo(ErrorCode.READING_ASSET_MISMATCH);
        // A meter of home-2 whose reading claims home-1.
        List<Presented> away =
                presented(reading("m-away", "home-1", 68, meterKey), reading("m-1", "home-1", 69, meterKey));
        Refused r = refused(away, anchorOf(away));
        assertThat(r.code).isEqualTo(ErrorCode.READING_ASSET_MISMATCH);
        assertThat(r.getMessage()).startsWith("$.readings[0].deviceId: device m-away is registered at home-2");
    }

    @Test
    void onlyARegisteredMeterTheDsoApprovedCounts() {
        for (var c : Map.of(
                        "m-unknown", ErrorCode.READING_DEVICE_UNKNOWN,
                        "battery", ErrorCode.READING_NOT_A_METER,
                        "m-new", ErrorCode.READING_METER_NOT_APPROVED)
                .entrySet()) {
            List<Presented> p =
                    presented(reading(c.getKey(), "home-1", 68, meterKey), reading("m-1", "home-1", 69, meterKey));
            assertThat(refused(p, anchorOf(p)).code).as(c.getKey()).isEqualTo(c.getValue());
        }
    }

    @Test
    void aReadingSignedWithAnotherKeyIsRefusedAndTheKeysApprovalIsAskedBeforeTheProof() {
        List<Presented> p = presented(reading("m-1", "home-1", 68, otherKey), reading("m-1", "home-1", 69, meterKey));
        assertThat(refused(p, anchorOf(p)).code).isEqualTo(ErrorCode.READING_BAD_SIGNATURE);
        List<Presented> good =
                presented(reading("m-1", "home-1", 68, meterKey), reading("m-1", "home-1", 69, meterKey));
        ReadingAnchor wrongRoot = new ReadingAnchor(DAY, "Aggregator1MSP", "00".repeat(32), 2);
        Refused r = catchThrowableOfType(
                Refused.class,
                () -> ReadingRules.check(
                        SCOPE,
                        wrongRoot,
                        good,
                        id -> Optional.ofNullable(devices.get(id)),
                        (m, k, at) -> {
                            throw new Refused(ErrorCode.READING_METER_NOT_APPROVED, at + " key " + k.version());
                        },
                        Refused::new));
        assertThat(r.code).isEqualTo(ErrorCode.READING_METER_NOT_APPROVED);
        assertThat(r.getMessage()).isEqualTo("$.readings[0] key 1");
    }

    @Test
    void aReadingOutsideTheAnchoredTreeIsRefused() {
        List<Presented> p = presented(reading("m-1", "home-1", 68, meterKey), reading("m-1", "home-1", 69, meterKey));
        // The same readings against another day's root, and against an anchor of another size.
        Refused root = refused(p, new ReadingAnchor(DAY, "Aggregator1MSP", "00".repeat(32), 2));
        assertThat(root.code).isEqualTo(ErrorCode.READING_PROOF_INVALID);
        assertThat(root.getMessage()).startsWith("$.readings[0].proof: does not lead to the anchored root");
        ReadingAnchor real = anchorOf(p);
        Refused size = refused(p, new ReadingAnchor(DAY, "Aggregator1MSP", real.rootHex(), 4));
        assertThat(size.code).isEqualTo(ErrorCode.READING_PROOF_INVALID);
        assertThat(size.getMessage()).startsWith("$.readings[0].proof.leafCount: is 2");
    }
}
