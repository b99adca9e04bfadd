package io.flexledger.domain.participants;

import io.flexledger.domain.validation.Violations;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * A device in a home, with the public key that verifies the readings it signs.
 *
 * @param id the device id
 * @param assetId the home it belongs to
 * @param kind what it is
 * @param keyAlgorithm the key algorithm: {@code EC} (P-256) or {@code Ed25519}
 * @param publicKeyBase64 the public key, X.509 SubjectPublicKeyInfo (DER) in base64
 */
public record Device(String id, String assetId, DeviceKind kind, String keyAlgorithm, String publicKeyBase64) {
    public Device {
        Violations v = new Violations();
        v.id(id, "id");
        v.id(assetId, "assetId");
        v.present(kind, "kind");
        checkKey(v, keyAlgorithm, publicKeyBase64);
        v.throwIfAny();
    }

    /** The decoded public key. */
    public PublicKey publicKey() {
        return decode(keyAlgorithm, publicKeyBase64);
    }

    /** The device's current key as the first of its keys (valid from its registration until replaced). */
    public DeviceKey key() {
        return new DeviceKey(1, keyAlgorithm, publicKeyBase64, null, null);
    }

    /** Records a violation unless {@code publicKeyBase64} is a valid public key of {@code keyAlgorithm}. */
    static void checkKey(Violations v, String keyAlgorithm, String publicKeyBase64) {
        boolean algorithmOk = v.present(keyAlgorithm, "keyAlgorithm")
                && v.check(
                        keyAlgorithm.equals("EC") || keyAlgorithm.equals("Ed25519"),
                        "keyAlgorithm",
                        "must be EC or Ed25519");
        if (v.text(publicKeyBase64, "publicKeyBase64", 1000) && algorithmOk) {
            // The key must decode, so that signatures can later be verified with it.
            v.check(
                    decodes(keyAlgorithm, publicKeyBase64),
                    "publicKeyBase64",
                    "is not a valid " + keyAlgorithm + " public key (base64 X.509 SubjectPublicKeyInfo)");
        }
    }

    /** A validated key, decoded. */
    static PublicKey decode(String keyAlgorithm, String publicKeyBase64) {
        try {
            return KeyFactory.getInstance(keyAlgorithm)
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKeyBase64)));
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("validated key no longer decodes", e);
        }
    }

    private static boolean decodes(String algorithm, String base64) {
        try {
            KeyFactory.getInstance(algorithm)
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
            return true;
        } catch (IllegalArgumentException | NoSuchAlgorithmException | InvalidKeySpecException e) {
            return false;
        }
    }
}
