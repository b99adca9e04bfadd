package io.flexledger.devicebridge.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * A simulated device's files under {@code <home>/devices}: {@code <id>.pem} (P-256 private key,
 * PKCS#8 PEM), {@code <id>.pub.pem} (public key, SubjectPublicKeyInfo PEM) and {@code <id>.seq} (the
 * last sequence sent).
 */
public final class DeviceKeyStore {
    private final Path dir;

    public DeviceKeyStore(Path flexHome) {
        this.dir = flexHome.resolve("devices");
    }

    /** The device's key pair, created on first use. */
    public KeyPair keysOf(String deviceId) throws IOException {
        Path priv = dir.resolve(deviceId + ".pem");
        Path pub = dir.resolve(deviceId + ".pub.pem");
        try {
            if (Files.exists(priv) && Files.exists(pub)) {
                KeyFactory kf = KeyFactory.getInstance("EC");
                PrivateKey privateKey = kf.generatePrivate(new PKCS8EncodedKeySpec(pem(priv, "PRIVATE KEY")));
                PublicKey publicKey = kf.generatePublic(new X509EncodedKeySpec(pem(pub, "PUBLIC KEY")));
                return new KeyPair(publicKey, privateKey);
            }
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = g.generateKeyPair();
            Files.createDirectories(dir);
            Files.writeString(priv, toPem("PRIVATE KEY", keys.getPrivate().getEncoded()));
            Files.writeString(pub, toPem("PUBLIC KEY", keys.getPublic().getEncoded()));
            return keys;
        } catch (GeneralSecurityException e) {
            throw new IOException("device key files of " + deviceId + " are not P-256 keys: " + e.getMessage(), e);
        }
    }

    /** The last sequence sent by the device, 0 before the first. */
    public long lastSequence(String deviceId) throws IOException {
        Path seq = dir.resolve(deviceId + ".seq");
        return Files.exists(seq) ? Long.parseLong(Files.readString(seq).trim()) : 0;
    }

    /** Remembers the last sequence sent (written to a temporary file, then moved over the old one). */
    public void saveSequence(String deviceId, long sequence) throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve(deviceId + ".seq.tmp");
        Files.writeString(tmp, Long.toString(sequence));
        Files.move(
                tmp,
                dir.resolve(deviceId + ".seq"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The public key as registered on the ledger: base64 of the SubjectPublicKeyInfo DER. */
    public static String publicKeyBase64(KeyPair keys) {
        return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    }

    private static byte[] pem(Path file, String type) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII)
                .replace("-----BEGIN " + type + "-----", "")
                .replace("-----END " + type + "-----", "")
                .replaceAll("\\s", "");
        return Base64.getDecoder().decode(text);
    }

    private static String toPem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
