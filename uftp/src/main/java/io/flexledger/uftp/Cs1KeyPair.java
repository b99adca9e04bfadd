package io.flexledger.uftp;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.XECPrivateKey;
import java.util.Base64;

/**
 * An organisation's CS1 keys: the Ed25519 pair that signs, and the X25519 pair of
 * {@code crypto_box} whose public half the specification publishes with the signature key.
 */
public final class Cs1KeyPair {
    private final PrivateKey signingKey;
    private final PublicKey verifyKey;
    private final KeyPair box;

    Cs1KeyPair(PrivateKey signingKey, PublicKey verifyKey, KeyPair box) {
        this.signingKey = signingKey;
        this.verifyKey = verifyKey;
        this.box = box;
    }

    public PrivateKey signingKey() {
        return signingKey;
    }

    public PublicKey verifyKey() {
        return verifyKey;
    }

    /** The public key string to publish: {@code cs1.} + Base64(signature key, encryption key). */
    public String publicKeyString() {
        return Cs1.PREFIX
                + Base64.getEncoder()
                        .encodeToString(
                                Cs1.concat(Cs1.rawPublicKey(verifyKey), Cs1.rawX25519PublicKey(box.getPublic())));
    }

    /** The signing private key as libsodium keeps it: {@code cs1.} + Base64(seed, public key). */
    public String signingKeyString() {
        return Cs1.encodePrivateKey(signingKey);
    }

    /** The encryption private key: {@code cs1.} + Base64(32-byte X25519 scalar). */
    public String boxKeyString() {
        byte[] scalar = ((XECPrivateKey) box.getPrivate())
                .getScalar()
                .orElseThrow(() -> new IllegalStateException("the X25519 key does not show its scalar"));
        return Cs1.PREFIX + Base64.getEncoder().encodeToString(scalar);
    }

    @Override
    public String toString() {
        return "Cs1KeyPair{" + publicKeyString() + "}";
    }
}
