package io.flexledger.devicebridge.support;

import io.flexledger.domain.metering.MeterReading;
import io.flexledger.domain.metering.SignedReading;
import io.flexledger.domain.participants.Device;
import io.flexledger.domain.participants.DeviceKind;
import io.flexledger.domain.units.KilowattHours;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.LocalDate;
import java.util.Base64;

/** A meter with a fresh P-256 key, for the tests. */
public record TestDevice(String id, String assetId, KeyPair keys) {
    /** A new meter of {@code assetId}. */
    public static TestDevice create(String id, String assetId) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return new TestDevice(id, assetId, g.generateKeyPair());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The device record as registered on the ledger. */
    public Device device() {
        return new Device(
                id,
                assetId,
                DeviceKind.METER,
                "EC",
                Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()));
    }

    /** A reading of this meter, signed with its key. */
    public SignedReading sign(LocalDate day, int slot, String netKwh, long sequence) {
        return SignedReading.sign(
                new MeterReading(id, assetId, day, slot, KilowattHours.parse(netKwh), sequence), keys.getPrivate());
    }
}
