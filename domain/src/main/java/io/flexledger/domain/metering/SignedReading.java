package io.flexledger.domain.metering;

import io.flexledger.domain.validation.Violations;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/**
 * A reading with its device's signature: ECDSA P-256 over SHA-256 ({@code SHA256withECDSA}) of the
 * reading's canonical text, DER-encoded, in base64.
 *
 * @param reading what was measured
 * @param signatureBase64 the device's signature
 */
public record SignedReading(MeterReading reading, String signatureBase64) {
    /** The JCA name of the signature scheme. */
    public static final String ALGORITHM = "SHA256withECDSA";

    public SignedReading {
        Violations v = new Violations();
        v.present(reading, "reading");
        if (v.text(signatureBase64, "signature", 200)) {
            v.check(isBase64(signatureBase64), "signature", "is not base64");
        }
        v.throwIfAny();
    }

    /** Signs {@code reading} with a device's private key. */
    public static SignedReading sign(MeterReading reading, PrivateKey key) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initSign(key);
            s.update(reading.canonicalText().getBytes(StandardCharsets.UTF_8));
            return new SignedReading(reading, Base64.getEncoder().encodeToString(s.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with this key: " + e.getMessage(), e);
        }
    }

    /** Whether the signature is the device's, given its registered public key. */
    public boolean verify(PublicKey key) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initVerify(key);
            s.update(reading.canonicalText().getBytes(StandardCharsets.UTF_8));
            return s.verify(Base64.getDecoder().decode(signatureBase64));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // A malformed DER signature or a key of another kind is simply not a valid signature.
            return false;
        }
    }

    /** The Merkle leaf hash that commits to the reading and its signature. */
    public byte[] leafHash() {
        return MerkleTree.leafHash(reading.canonicalText() + "|" + signatureBase64);
    }

    private static boolean isBase64(String text) {
        try {
            Base64.getDecoder().decode(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
