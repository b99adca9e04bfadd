package io.flexledger.marketplaceapi.api;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/** Device public keys made for the tests (X.509 SubjectPublicKeyInfo, base64), as devices register them. */
final class TestKeys {
    private TestKeys() {}

    static final String EC_PUBLIC_KEY_BASE64 = ecKey();
    /** A valid key of the other algorithm: refused when the body says EC. */
    static final String ED25519_PUBLIC_KEY_BASE64 = key("Ed25519");

    private static String ecKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return Base64.getEncoder()
                    .encodeToString(g.generateKeyPair().getPublic().getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String key(String algorithm) {
        try {
            return Base64.getEncoder()
                    .encodeToString(KeyPairGenerator.getInstance(algorithm)
                            .generateKeyPair()
                            .getPublic()
                            .getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
