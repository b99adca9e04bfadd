package io.flexledger.contract.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.flexledger.domain.participants.Device;
import io.flexledger.domain.participants.DeviceKind;
import io.flexledger.domain.participants.DeviceState;
import io.flexledger.domain.validation.ValidationException;
import io.flexledger.domain.validation.Violation;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryRecordsTest {
    private static String ecKey() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return Base64.getEncoder()
                .encodeToString(g.generateKeyPair().getPublic().getEncoded());
    }

    @Test
    void aRotatedMeterReadsBackWithEveryKeyAndItsPeriod() throws Exception {
        Device meter = new Device("m-1", "home-1", DeviceKind.METER, "EC", ecKey());
        Instant registered = Instant.parse("2026-11-20T08:00:00Z");
        Instant rotated = Instant.parse("2026-11-25T08:00:00Z");
        RegistryRecords.StoredDevice d = RegistryRecords.StoredDevice.registered(meter, "Aggregator1MSP", registered)
                .approved("DsoMSP", registered.plusSeconds(60))
                .withPendingKey(new RegistryRecords.PendingKey("EC", ecKey(), "2026-11-24T08:00:00Z"))
                .rotated("DsoMSP", rotated);
        String written = CanonicalJson.write(RegistryRecords.device(d, "tx-7"));

        RegistryRecords.StoredDevice read = RegistryRecords.storedDevice(MarketRecords.stored(written));
        assertThat(read).isEqualTo(d);
        assertThat(read.keys()).extracting(k -> k.version()).containsExactly(1, 2);
        assertThat(read.key(1).orElseThrow().validUntil()).isEqualTo(rotated);
        assertThat(CanonicalJson.write(RegistryRecords.device(read, "tx-7"))).isEqualTo(written);
    }

    @Test
    void aMeterRecordWrittenBeforeStatesWasNeverApproved() throws Exception {
        String old = CanonicalJson.write(
                RegistryRecords.device(new Device("m-1", "home-1", DeviceKind.METER, "EC", ecKey())));
        RegistryRecords.StoredDevice read = RegistryRecords.storedDevice(MarketRecords.stored(old));
        assertThat(read.state()).isEqualTo(DeviceState.PROPOSED);
        assertThat(read.keys())
                .singleElement()
                .satisfies(k -> assertThat(k.version()).isEqualTo(1));
    }

    @Test
    void aKeyHistoryThatIsNotAListIsNamedNotSkipped() throws Exception {
        // A stored device whose old keys cannot be read must not pass as one without old keys.
        Device meter = new Device("m-1", "home-1", DeviceKind.METER, "EC", ecKey());
        String written = CanonicalJson.write(RegistryRecords.device(
                RegistryRecords.StoredDevice.registered(meter, "Aggregator1MSP", Instant.parse("2026-11-20T08:00:00Z")),
                "tx-1"));
        String bad =
                written.replace("\"txId\":", "\"previousKeys\":{\"keyVersion\":1},\"keyValidFrom\":\"soon\",\"txId\":");
        List<Violation> found = new ArrayList<>();
        JsonFields in = JsonFields.parse(bad, JsonReader.Limits.LEDGER, JsonFields.collecting(found));
        ValidationException e = catchThrowableOfType(ValidationException.class, () -> RegistryRecords.storedDevice(in));
        assertThat(e.violations())
                .containsExactly(
                        new Violation("$.keyValidFrom", "must be an ISO-8601 instant"),
                        new Violation("$.previousKeys", "must be an array"));
    }
}
