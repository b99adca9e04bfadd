package io.flexledger.uftp;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * UFTP's cryptographic scheme 1 (CS1): a message is signed as libsodium's {@code crypto_sign}
 * does it, the 64-byte Ed25519 signature followed by the message, and carried Base64-encoded in
 * the Body of a {@link SignedMessage}. Implemented with the JDK's Ed25519; no native library.
 *
 * <p>Keys are written {@code cs1.} followed by Base64:
 *
 * <ul>
 *   <li>a public key, as the specification publishes it: 64 bytes, the 32-byte Ed25519 signature
 *       key followed by the 32-byte X25519 encryption key ({@code crypto_box}); the 32-byte
 *       signature key alone is read as well;
 *   <li>a signing private key, as libsodium keeps it ({@code crypto_sign_keypair}, 512 bits): the
 *       32-byte seed followed by the 32-byte public key; the 32-byte seed alone is read as well.
 * </ul>
 */
public final class Cs1 {
    /** The prefix of every CS1 key string. */
    public static final String PREFIX = "cs1.";

    /** Length of an Ed25519 signature, which opens every signed body. */
    public static final int SIGNATURE_BYTES = 64;

    private static final int KEY_BYTES = 32;
    // DER prefixes of the standard encodings of a raw 32-byte Ed25519 key (RFC 8410).
    private static final byte[] X509_PREFIX = hex("302a300506032b6570032100");
    private static final byte[] PKCS8_PREFIX = hex("302e020100300506032b657004220420");

    private Cs1() {}

    /** A new signature key pair and encryption key pair. */
    public static Cs1KeyPair generate() {
        byte[] seed = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(seed);
        try {
            KeyPair box = KeyPairGenerator.getInstance("X25519").generateKeyPair();
            return new Cs1KeyPair(signingKey(seed), verifyKey(seed), box);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK lacks X25519", e);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /** Reads a CS1 public key string (64 bytes: signature key, encryption key; or 32: signature key). */
    public static PublicKey parsePublicKey(String cs1) {
        byte[] raw = decode(cs1, "public key");
        if (raw.length != 2 * KEY_BYTES && raw.length != KEY_BYTES) {
            throw new IllegalArgumentException(
                    "a CS1 public key holds 64 bytes (signature key, encryption key) or 32 (signature key), not "
                            + raw.length);
        }
        return publicKey(Arrays.copyOf(raw, KEY_BYTES));
    }

    /**
     * Reads a CS1 signing private key: libsodium's 64 bytes (seed, public key), whose public half
     * must belong to the seed, or the 32-byte seed.
     */
    public static PrivateKey parsePrivateKey(String cs1) {
        byte[] raw = decode(cs1, "private key");
        try {
            if (raw.length == KEY_BYTES) {
                return signingKey(raw);
            }
            if (raw.length != 2 * KEY_BYTES) {
                throw new IllegalArgumentException(
                        "a CS1 signing private key holds 64 bytes (seed, public key) or 32 (seed), not " + raw.length);
            }
            byte[] seed = Arrays.copyOf(raw, KEY_BYTES);
            byte[] publicHalf = Arrays.copyOfRange(raw, KEY_BYTES, raw.length);
            if (!MessageDigest.isEqual(rawPublicKey(verifyKey(seed)), publicHalf)) {
                throw new IllegalArgumentException("the CS1 private key's public half does not belong to its seed");
            }
            PrivateKey key = signingKey(seed);
            Arrays.fill(seed, (byte) 0);
            return key;
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /** The public key of a signing private key read by {@link #parsePrivateKey}. */
    public static PublicKey publicKeyOf(PrivateKey signingKey) {
        return verifyKey(seed(signingKey));
    }

    /** The 32-byte signature public key as a CS1 string. */
    public static String encodePublicKey(PublicKey verifyKey) {
        return PREFIX + Base64.getEncoder().encodeToString(rawPublicKey(verifyKey));
    }

    /** The signing private key as libsodium keeps it (seed, public key), as a CS1 string. */
    public static String encodePrivateKey(PrivateKey signingKey) {
        byte[] seed = seed(signingKey);
        byte[] sk = concat(seed, rawPublicKey(verifyKey(seed)));
        Arrays.fill(seed, (byte) 0);
        String s = PREFIX + Base64.getEncoder().encodeToString(sk);
        Arrays.fill(sk, (byte) 0);
        return s;
    }

    /** {@code crypto_sign}: the signature of {@code message} followed by {@code message}. */
    public static byte[] sign(byte[] message, PrivateKey signingKey) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(signingKey);
            signer.update(message);
            return concat(signer.sign(), message);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 signing key: " + e.getMessage(), e);
        }
    }

    /**
     * {@code crypto_sign_open}: the message inside a signed body, once its signature verifies
     * against {@code verifyKey}.
     */
    public static byte[] open(byte[] signed, PublicKey verifyKey) throws UftpSignatureException {
        if (signed == null || signed.length < SIGNATURE_BYTES) {
            throw new UftpSignatureException("signed body of " + (signed == null ? 0 : signed.length)
                    + " bytes is shorter than a 64-byte Ed25519 signature");
        }
        byte[] signature = Arrays.copyOf(signed, SIGNATURE_BYTES);
        byte[] message = Arrays.copyOfRange(signed, SIGNATURE_BYTES, signed.length);
        boolean valid;
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(verifyKey);
            verifier.update(message);
            valid = verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new UftpSignatureException("signature invalid: " + e.getMessage(), e);
        }
        if (!valid) {
            throw new UftpSignatureException("signature invalid: it does not verify against the sender's public key");
        }
        return message;
    }

    /**
     * Signs a UFTP message for sending: reads it (so only a valid message is signed) and wraps it
     * in a {@link SignedMessage} with its SenderDomain and the given role.
     */
    public static SignedMessage seal(byte[] innerXml, UsefRole senderRole, PrivateKey signingKey)
            throws UftpXmlException {
        PayloadMessage inner = UftpXml.standard().read(innerXml, PayloadMessage.class);
        return new SignedMessage(inner.getSenderDomain(), senderRole, sign(innerXml, signingKey));
    }

    /** {@link #seal}, written as the SignedMessage XML to post. */
    public static byte[] signToXml(byte[] innerXml, UsefRole senderRole, PrivateKey signingKey)
            throws UftpXmlException {
        return UftpXml.standard().write(seal(innerXml, senderRole, signingKey));
    }

    /** The inner message's bytes, once the body's signature verifies against {@code verifyKey}. */
    public static byte[] open(SignedMessage signed, PublicKey verifyKey) throws UftpSignatureException {
        return open(signed.getBody(), verifyKey);
    }

    /**
     * Opens and reads the inner message, and refuses it unless its SenderDomain is the wrapper's
     * (as the specification asks).
     */
    public static PayloadMessage openMessage(SignedMessage signed, PublicKey verifyKey)
            throws UftpSignatureException, UftpXmlException {
        PayloadMessage inner = UftpXml.standard().read(open(signed, verifyKey), PayloadMessage.class);
        if (!inner.getSenderDomain().equals(signed.getSenderDomain())) {
            throw new UftpSignatureException("SignedMessage SenderDomain " + signed.getSenderDomain()
                    + " differs from the inner message's " + inner.getSenderDomain());
        }
        return inner;
    }

    // ---- raw keys ----

    static PublicKey publicKey(byte[] raw) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(concat(X509_PREFIX, raw)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    static PrivateKey signingKey(byte[] seed) {
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new PKCS8EncodedKeySpec(concat(PKCS8_PREFIX, seed)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 seed: " + e.getMessage(), e);
        }
    }

    /** The public key of a seed: the JDK's key pair generator, handed the seed as its randomness. */
    static PublicKey verifyKey(byte[] seed) {
        byte[] copy = seed.clone();
        SecureRandom fixed = new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                if (bytes.length != copy.length) {
                    throw new IllegalStateException("expected a request for a 32-byte seed, got " + bytes.length);
                }
                System.arraycopy(copy, 0, bytes, 0, bytes.length);
            }
        };
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, fixed);
            return generator.generateKeyPair().getPublic();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK lacks Ed25519", e);
        } finally {
            Arrays.fill(copy, (byte) 0);
        }
    }

    static byte[] rawPublicKey(PublicKey key) {
        byte[] der = key.getEncoded();
        if (!"Ed25519".equals(key.getAlgorithm()) && !"EdDSA".equals(key.getAlgorithm())
                || der.length != X509_PREFIX.length + KEY_BYTES) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + key.getAlgorithm());
        }
        return Arrays.copyOfRange(der, X509_PREFIX.length, der.length);
    }

    static byte[] rawX25519PublicKey(PublicKey key) {
        byte[] der = key.getEncoded();
        return Arrays.copyOfRange(der, der.length - KEY_BYTES, der.length);
    }

    private static byte[] seed(PrivateKey key) {
        byte[] der = key.getEncoded();
        if (der == null || der.length < PKCS8_PREFIX.length + KEY_BYTES) {
            throw new IllegalArgumentException("not an Ed25519 private key: " + key.getAlgorithm());
        }
        byte[] seed = Arrays.copyOfRange(der, PKCS8_PREFIX.length, PKCS8_PREFIX.length + KEY_BYTES);
        Arrays.fill(der, (byte) 0);
        return seed;
    }

    private static byte[] decode(String cs1, String what) {
        if (cs1 == null || !cs1.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a CS1 " + what + " starts with '" + PREFIX + "'");
        }
        try {
            return Base64.getDecoder().decode(cs1.substring(PREFIX.length()).trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the CS1 " + what + " is not Base64: " + e.getMessage(), e);
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] hex(String s) {
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
