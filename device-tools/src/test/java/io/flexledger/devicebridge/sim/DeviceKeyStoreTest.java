package io.flexledger.devicebridge.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each simulated device keeps its private key in a folder of its own, readable by its owner only. */
class DeviceKeyStoreTest {
    @TempDir
    Path home;

    @Test
    void eachDeviceHasItsOwnFolderAndItsPrivateKeyIsItsOwnersOnly() throws Exception {
        DeviceKeyStore store = new DeviceKeyStore(home);
        KeyPair keys = store.keysOf("meter-home-1");
        Path folder = home.resolve("devices/meter-home-1");
        assertThat(folder.resolve("key.pem")).exists();
        assertThat(folder.resolve("key.pub.pem")).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("key.pem"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)))
                .isEqualTo("rwx------");
        // The same key on every later use, and its public half as registered.
        assertThat(store.keysOf("meter-home-1").getPublic()).isEqualTo(keys.getPublic());
        assertThat(store.publicKeyBase64("meter-home-1")).contains(DeviceKeyStore.publicKeyBase64(keys));
        assertThat(store.publicKeyBase64("meter-home-2")).isEmpty();
        // Another device's key is another file in another folder.
        assertThat(store.keysOf("meter-home-2").getPublic()).isNotEqualTo(keys.getPublic());
        assertThat(home.resolve("devices/meter-home-2/key.pem")).exists();
        store.saveSequence("meter-home-1", 96);
        assertThat(store.lastSequence("meter-home-1")).isEqualTo(96);
        assertThat(store.lastSequence("meter-home-2")).isZero();
        assertThatThrownBy(() -> store.folderOf("../escape")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theFilesOfTheEarlierLayoutMoveIntoTheDevicesFolder() throws Exception {
        DeviceKeyStore store = new DeviceKeyStore(home);
        KeyPair keys = store.keysOf("meter-old");
        Path folder = home.resolve("devices/meter-old");
        Path devices = home.resolve("devices");
        Files.move(folder.resolve("key.pem"), devices.resolve("meter-old.pem"));
        Files.move(folder.resolve("key.pub.pem"), devices.resolve("meter-old.pub.pem"));
        Files.writeString(devices.resolve("meter-old.seq"), "42");
        Files.setPosixFilePermissions(devices.resolve("meter-old.pem"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.delete(folder);

        assertThat(store.keysOf("meter-old").getPublic()).isEqualTo(keys.getPublic());
        assertThat(store.lastSequence("meter-old")).isEqualTo(42);
        assertThat(devices.resolve("meter-old.pem")).doesNotExist();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("key.pem"))))
                .isEqualTo("rw-------");
    }
}
