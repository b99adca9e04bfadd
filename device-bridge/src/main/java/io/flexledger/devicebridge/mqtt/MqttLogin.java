package io.flexledger.devicebridge.mqtt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The name and password the bridge logs in to the broker with. The broker's acl lets only this user
 * read the readings topics and publish receipts (network-config/scripts/mosquitto.sh); a client
 * without a name may publish readings and read receipts, nothing else.
 *
 * @param username the broker's user of the bridge
 * @param password its password
 */
public record MqttLogin(String username, String password) {
    /** The user the local stack's broker knows the bridge as. */
    public static final String BRIDGE_USER = "flexledger-bridge";

    public MqttLogin {
        if (username == null || username.isBlank() || password == null || password.isEmpty()) {
            throw new IllegalArgumentException("an MQTT login needs a username and a password");
        }
    }

    /**
     * The bridge's login with the password kept in {@code secretFile} (one line, written by
     * mosquitto.sh for each stack).
     *
     * @throws IllegalStateException naming the file when it is missing or empty
     */
    public static MqttLogin fromSecretFile(String username, Path secretFile) {
        if (!Files.isRegularFile(secretFile)) {
            throw new IllegalStateException("no MQTT password file " + secretFile
                    + " (network-config/scripts/mosquitto.sh writes it when the broker starts)");
        }
        try {
            String password =
                    Files.readString(secretFile, StandardCharsets.UTF_8).strip();
            if (password.isEmpty()) {
                throw new IllegalStateException("the MQTT password file " + secretFile + " is empty");
            }
            return new MqttLogin(username, password);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the MQTT password file " + secretFile, e);
        }
    }

    /** The password file of the broker of the stack in {@code flexHome}. */
    public static Path secretFileOf(Path flexHome) {
        return flexHome.resolve("mosquitto").resolve("bridge.secret");
    }

    @Override
    public String toString() {
        return "MqttLogin[" + username + "]";
    }
}
