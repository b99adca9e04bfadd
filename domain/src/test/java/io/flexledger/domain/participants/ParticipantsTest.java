package io.flexledger.domain.participants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexledger.domain.grid.CongestionPoint;
import io.flexledger.domain.grid.CongestionPointKind;
import io.flexledger.domain.units.Kilowatts;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParticipantsTest {
    @Test
    void rolesOfTheChannelMembers() {
        assertThat(Organisation.isAggregator("Aggregator2MSP")).isTrue();
        assertThat(Organisation.isAggregator("DsoMSP")).isFalse();
        assertThat(Organisation.isDso("DsoMSP")).isTrue();
        assertThat(Organisation.roleOf("EvilMSP")).isEmpty();
    }

    @Test
    void feedersHangFromATransformerAndTransformersFromNothing() {
        assertThat(new CongestionPoint("TX1-F1", CongestionPointKind.FEEDER, "TX1", Kilowatts.of("200")).parent())
                .contains("TX1");
        assertThatThrownBy(() -> new CongestionPoint("TX1-F1", CongestionPointKind.FEEDER, null, Kilowatts.of("1")))
                .hasMessage("parentId: is required");
        assertThatThrownBy(() -> new CongestionPoint("TX1", CongestionPointKind.TRANSFORMER, "TX0", Kilowatts.of("1")))
                .hasMessage("parentId: must be absent for a transformer");
    }

    @Test
    void anAssetBelongsToAnAggregator() {
        assertThatThrownBy(() -> new Asset("home-1", "DsoMSP", "TX1-F1"))
                .hasMessage("aggregatorMsp: must be an aggregator organisation");
        Asset a = new Asset("home-1", "Aggregator1MSP", "TX1-F1");
        assertThat(new Portfolio("Aggregator1MSP", List.of(a)).holds("home-1")).isTrue();
        assertThatThrownBy(() -> new Portfolio("Aggregator2MSP", List.of(a)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDeviceKeyMustDecode() throws Exception {
        String key = Base64.getEncoder()
                .encodeToString(KeyPairGenerator.getInstance("Ed25519")
                        .generateKeyPair()
                        .getPublic()
                        .getEncoded());
        Device d = new Device("meter-1", "home-1", DeviceKind.METER, "Ed25519", key);
        assertThat(d.publicKey().getAlgorithm()).isIn("Ed25519", "EdDSA");
        assertThatThrownBy(() -> new Device("meter-1", "home-1", DeviceKind.METER, "Ed25519", "AAAA"))
                .hasMessageStartingWith("publicKeyBase64: is not a valid Ed25519 public key");
        assertThatThrownBy(() -> new Device("meter-1", "home-1", DeviceKind.METER, "RSA", key))
                .hasMessage("keyAlgorithm: must be EC or Ed25519");
    }

    @Test
    void aKeyCoversTheSlotsOfItsPeriod() throws Exception {
        String key = Base64.getEncoder()
                .encodeToString(KeyPairGenerator.getInstance("EC")
                        .generateKeyPair()
                        .getPublic()
                        .getEncoded());
        LocalDate day = LocalDate.parse("2026-06-01");
        // 2026-06-01 in London is BST: slot 40 is 09:00-09:15 UTC.
        Instant rotation = Instant.parse("2026-06-01T09:05:00Z");
        DeviceKey first = new DeviceKey(1, "EC", key, null, null).retiredAt(rotation);
        DeviceKey second = new DeviceKey(2, "EC", key, rotation, null);
        assertThat(first.covers(LocalDate.parse("2020-01-01"), 0)).isTrue();
        assertThat(first.covers(day, 39)).isTrue();
        assertThat(second.covers(day, 39)).isFalse();
        // The slot of the rotation is covered by both keys.
        assertThat(DeviceKey.coveringSlot(List.of(first, second), day, 40)).containsExactly(first, second);
        assertThat(DeviceKey.coveringSlot(List.of(first, second), day, 41)).containsExactly(second);
        assertThat(first.covers(day, 41)).isFalse();
        assertThatThrownBy(() -> new DeviceKey(0, "EC", key, rotation, rotation))
                .hasMessageContaining("keyVersion: must be >= 1")
                .hasMessageContaining("validUntil: must be after validFrom");
        assertThat(DeviceState.registered(DeviceKind.METER)).isEqualTo(DeviceState.PROPOSED);
        assertThat(DeviceState.registered(DeviceKind.BATTERY)).isEqualTo(DeviceState.ACTIVE);
    }
}
