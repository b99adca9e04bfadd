package io.flexledger.devicebridge.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
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
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a simulated device keeps, each device in a folder of its own, {@code <home>/devices/<id>/}
 * (mode 700): {@code key.pem} (its P-256 private key, PKCS#8 PEM, mode 600: it never leaves the
 * device), {@code key.pub.pem} (its public key, SubjectPublicKeyInfo PEM: what its aggregator registers
 * and the DSO checks before approving) and {@code sequence} (the last sequence it sent). The files of
 * the earlier layout ({@code <home>/devices/<id>.pem}, {@code .pub.pem}, {@code .seq}) are moved into
 * the device's folder on first use.
 */
public final class DeviceKeyStore {
    /** Device ids as the ledger takes them: also safe as a folder name. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    private final Path dir;

    public DeviceKeyStore(Path flexHome) {
        this.dir = flexHome.resolve("devices");
    }

    /** The folder of one device. */
    public Path folderOf(String deviceId) {
        if (!ID.matcher(deviceId).matches()) {
            throw new IllegalArgumentException("not a device id: " + deviceId);
        }
        return dir.resolve(deviceId);
    }

    /** The device's key pair, created on first use. */
    public KeyPair keysOf(String deviceId) throws IOException {
        Path folder = device(deviceId);
        Path priv = folder.resolve("key.pem");
        Path pub = folder.resolve("key.pub.pem");
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
            writePrivate(priv, toPem("PRIVATE KEY", keys.getPrivate().getEncoded()));
            Files.writeString(pub, toPem("PUBLIC KEY", keys.getPublic().getEncoded()));
            return keys;
        } catch (GeneralSecurityException e) {
            throw new IOException("device key files of " + deviceId + " are not P-256 keys: " + e.getMessage(), e);
        }
    }

    /** The device's public key as registered on the ledger, if the device has made its key. */
    public Optional<String> publicKeyBase64(String deviceId) throws IOException {
        Path pub = device(deviceId).resolve("key.pub.pem");
        if (!Files.exists(pub)) {
            return Optional.empty();
        }
        return Optional.of(Base64.getEncoder().encodeToString(pem(pub, "PUBLIC KEY")));
    }

    /** The last sequence sent by the device, 0 before the first. */
    public long lastSequence(String deviceId) throws IOException {
        Path seq = device(deviceId).resolve("sequence");
        return Files.exists(seq) ? Long.parseLong(Files.readString(seq).trim()) : 0;
    }

    /** Remembers the last sequence sent (written to a temporary file, then moved over the old one). */
    public void saveSequence(String deviceId, long sequence) throws IOException {
        Path folder = device(deviceId);
        Path tmp = folder.resolve("sequence.tmp");
        Files.writeString(tmp, Long.toString(sequence));
        Files.move(
                tmp, folder.resolve("sequence"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The public key as registered on the ledger: base64 of the SubjectPublicKeyInfo DER. */
    public static String publicKeyBase64(KeyPair keys) {
        return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    }

    /** The device's folder, made (owner only) if needed, with the files of the earlier layout moved in. */
    private Path device(String deviceId) throws IOException {
        Path folder = folderOf(deviceId);
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(dir);
            try {
                Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
            } catch (UnsupportedOperationException e) {
                Files.createDirectory(folder);
            } catch (FileAlreadyExistsException e) {
                // made by a concurrent run
            }
        }
        moveOld(dir.resolve(deviceId + ".pem"), folder.resolve("key.pem"));
        moveOld(dir.resolve(deviceId + ".pub.pem"), folder.resolve("key.pub.pem"));
        moveOld(dir.resolve(deviceId + ".seq"), folder.resolve("sequence"));
        restrict(folder.resolve("key.pem"));
        return folder;
    }

    private static void moveOld(Path old, Path now) throws IOException {
        if (Files.exists(old) && !Files.exists(now)) {
            Files.move(old, now);
        }
    }

    /** Writes a new private key file readable by its owner only. */
    private static void writePrivate(Path file, String text) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, text, StandardCharsets.US_ASCII);
    }

    /** Makes an existing private key file (e.g. one moved from the earlier layout) its owner's only. */
    private static void restrict(Path file) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        try {
            if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY_FILE)) {
                Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing to restrict with
        }
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
