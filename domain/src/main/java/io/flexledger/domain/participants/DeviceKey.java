package io.flexledger.domain.participants;

import io.flexledger.domain.time.MarketPeriod;
import io.flexledger.domain.time.Slot;
import io.flexledger.domain.validation.Violations;
import java.security.PublicKey;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One key a device has signed with, and when it was the device's key. A meter's key is replaced only
 * when the DSO approves the key its aggregator proposed; the old key then stops at that moment and the
 * new one starts. A reading is verified with a key that was the device's during the reading's slot, so
 * readings signed before a rotation still verify afterwards, and a retired key cannot sign later slots.
 *
 * @param version 1 for the key the device was registered with, then one more per approved replacement
 * @param keyAlgorithm {@code EC} (P-256) or {@code Ed25519}
 * @param publicKeyBase64 the public key, X.509 SubjectPublicKeyInfo (DER) in base64
 * @param validFrom when it became the device's key (the approval of the replacement); null for the
 *     first key, which covers every slot before its successor
 * @param validUntil when its successor was approved; null for the current key
 */
public record DeviceKey(
        int version, String keyAlgorithm, String publicKeyBase64, Instant validFrom, Instant validUntil) {
    public DeviceKey {
        Violations v = new Violations();
        v.check(version >= 1, "keyVersion", "must be >= 1");
        Device.checkKey(v, keyAlgorithm, publicKeyBase64);
        // A key is the device's for a non-empty period.
        v.check(
                validFrom == null || validUntil == null || validFrom.isBefore(validUntil),
                "validUntil",
                "must be after validFrom");
        v.throwIfAny();
    }

    /** The decoded public key. */
    public PublicKey publicKey() {
        return Device.decode(keyAlgorithm, publicKeyBase64);
    }

    /** Whether this key was the device's at some moment of slot {@code slot} of {@code day}. */
    public boolean covers(LocalDate day, int slot) {
        Slot s = MarketPeriod.of(day).slot(slot);
        return (validFrom == null || s.end().isAfter(validFrom))
                && (validUntil == null || s.start().isBefore(validUntil));
    }

    /** This key, retired at {@code until} (when its successor was approved). */
    public DeviceKey retiredAt(Instant until) {
        return new DeviceKey(version, keyAlgorithm, publicKeyBase64, validFrom, until);
    }

    /** Whether this is the same public key as {@code other}'s (whatever their versions and periods). */
    public boolean sameKeyAs(String otherAlgorithm, String otherPublicKeyBase64) {
        return keyAlgorithm.equals(otherAlgorithm) && publicKeyBase64.equals(otherPublicKeyBase64);
    }

    /** Those of {@code keys} that were the device's during slot {@code slot} of {@code day}, in order. */
    public static List<DeviceKey> coveringSlot(List<DeviceKey> keys, LocalDate day, int slot) {
        return keys.stream().filter(k -> k.covers(day, slot)).toList();
    }
}
