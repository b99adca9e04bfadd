package io.flexledger.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.domain.participants.DeviceRegistration;
import io.flexledger.domain.participants.DeviceState;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class DeviceJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String key() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return Base64.getEncoder()
                .encodeToString(g.generateKeyPair().getPublic().getEncoded());
    }

    private static ObjectNode meter(String key) {
        return JSON.createObjectNode()
                .put("id", "m-1")
                .put("assetId", "home-1")
                .put("kind", "METER")
                .put("keyAlgorithm", "EC")
                .put("publicKeyBase64", key);
    }

    @Test
    void aRotatedMeterHasItsPreviousKeysFirstAndItsCurrentKeyLast() throws Exception {
        String old = key();
        String now = key();
        ObjectNode d =
                meter(now).put("state", "ACTIVE").put("keyVersion", 2).put("keyValidFrom", "2026-11-28T17:00:00Z");
        d.putArray("previousKeys")
                .addObject()
                .put("keyVersion", 1)
                .put("keyAlgorithm", "EC")
                .put("publicKeyBase64", old)
                .put("validUntil", "2026-11-28T17:00:00Z");

        DeviceRegistration r = DeviceJson.registration(d);

        assertThat(r.state()).isEqualTo(DeviceState.ACTIVE);
        assertThat(r.keys()).hasSize(2);
        assertThat(r.keys().get(0).publicKeyBase64()).isEqualTo(old);
        assertThat(r.keys().get(0).validUntil()).isEqualTo(Instant.parse("2026-11-28T17:00:00Z"));
        assertThat(r.keys().get(1).version()).isEqualTo(2);
        assertThat(r.keys().get(1).publicKeyBase64()).isEqualTo(now);
        assertThat(r.keys().get(1).validFrom()).isEqualTo(Instant.parse("2026-11-28T17:00:00Z"));
        assertThat(r.keys().get(1).validUntil()).isNull();
    }

    @Test
    void aMeterRecordWithoutAStateWasNeverApproved() throws Exception {
        DeviceRegistration r = DeviceJson.registration(meter(key()));

        assertThat(r.state()).isEqualTo(DeviceState.PROPOSED);
        assertThat(r.keys())
                .singleElement()
                .satisfies(k -> assertThat(k.version()).isEqualTo(1));
    }

    @Test
    void aBadPeriodIsNamed() throws Exception {
        ObjectNode d = meter(key()).put("keyValidFrom", "yesterday");

        assertThatThrownBy(() -> DeviceJson.registration(d))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$.keyValidFrom: must be an ISO-8601 instant");
    }

    @Test
    void aPreviousKeyWithoutAWholeVersionIsRefusedRatherThanReadAsVersionZero() throws Exception {
        ObjectNode d = meter(key()).put("state", "ACTIVE").put("keyVersion", 2);
        d.putArray("previousKeys")
                .addObject()
                .put("keyVersion", "one")
                .put("keyAlgorithm", "EC")
                .put("publicKeyBase64", key())
                .put("validUntil", "2026-11-28T17:00:00Z");

        assertThatThrownBy(() -> DeviceJson.registration(d))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$.previousKeys[0].keyVersion");
    }

    @Test
    void anUnknownStateIsRefusedByName() throws Exception {
        ObjectNode d = meter(key()).put("state", "APPROVED");

        assertThatThrownBy(() -> DeviceJson.registration(d))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$.state");
    }

    @Test
    void aFieldTheLedgerDoesNotWriteIsRefusedByItsPathAtEveryLevel() throws Exception {
        ObjectNode top = meter(key()).put("trusted", true);
        assertThatThrownBy(() -> DeviceJson.registration(top))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$.trusted: is not a known field");

        ObjectNode pending = meter(key()).put("state", "ACTIVE").put("keyVersion", 1);
        pending.putObject("pendingKey")
                .put("keyAlgorithm", "EC")
                .put("publicKeyBase64", key())
                .put("proposedAt", "2026-11-28T17:00:00Z")
                .put("approvedBy", "DsoMSP");
        assertThatThrownBy(() -> DeviceJson.registration(pending))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$.pendingKey.approvedBy: is not a known field");

        ObjectNode previous = meter(key()).put("state", "ACTIVE").put("keyVersion", 2);
        previous.putArray("previousKeys")
                .addObject()
                .put("keyVersion", 1)
                .put("keyAlgorithm", "EC")
                .put("publicKeyBase64", key())
                .put("validUntil", "2026-11-28T17:00:00Z")
                .put("revoked", false);
        assertThatThrownBy(() -> DeviceJson.registration(previous))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$.previousKeys[0].revoked: is not a known field");
    }

    @Test
    void everyFieldTheLedgerWritesIsRead() throws Exception {
        ObjectNode d = meter(key())
                .put("aggregatorMsp", "Aggregator1MSP")
                .put("state", "ACTIVE")
                .put("keyVersion", 2)
                .put("keyValidFrom", "2026-11-28T17:00:00Z")
                .put("registeredAt", "2026-11-27T08:00:00Z")
                .put("approvedBy", "DsoMSP")
                .put("approvedAt", "2026-11-28T17:00:00Z")
                .put("txId", "tx-9");
        d.putObject("pendingKey")
                .put("keyAlgorithm", "EC")
                .put("publicKeyBase64", key())
                .put("proposedAt", "2026-11-29T09:00:00Z");
        d.putArray("previousKeys")
                .addObject()
                .put("keyVersion", 1)
                .put("keyAlgorithm", "EC")
                .put("publicKeyBase64", key())
                .put("validFrom", "2026-11-27T08:00:00Z")
                .put("validUntil", "2026-11-28T17:00:00Z");

        assertThat(DeviceJson.registration(d).keys()).hasSize(2);
    }
}
