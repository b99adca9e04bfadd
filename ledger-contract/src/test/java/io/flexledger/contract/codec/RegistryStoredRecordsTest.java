package io.flexledger.contract.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexledger.contract.codec.RegistryRecords.DeviceHistory;
import io.flexledger.contract.codec.RegistryRecords.DeviceRecord;
import io.flexledger.contract.codec.RegistryRecords.StoredAsset;
import io.flexledger.contract.codec.RegistryRecords.StoredDevice;
import io.flexledger.domain.grid.CongestionPoint;
import io.flexledger.domain.grid.CongestionPointKind;
import io.flexledger.domain.market.Baseline;
import io.flexledger.domain.participants.Asset;
import io.flexledger.domain.participants.Device;
import io.flexledger.domain.participants.DeviceKind;
import io.flexledger.domain.participants.HomeDetails;
import io.flexledger.domain.units.Kilowatts;
import io.flexledger.domain.validation.ValidationException;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The registry's stored records as its reads answer them: the text the chaincode writes (with the codec's
 * writers, as {@code RegistryJson} and {@code RegistryContract} do, or as a chaincode test expects it)
 * decodes and encodes back byte for byte, and a record with a field the registry does not write is refused.
 */
class RegistryStoredRecordsTest {
    private static final String SALT = "00112233445566778899aabbccddeeff";

    private static String ecKey() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return Base64.getEncoder()
                .encodeToString(g.generateKeyPair().getPublic().getEncoded());
    }

    private static <T> T read(String json, java.util.function.Function<JsonFields, T> reader) {
        return reader.apply(MarketRecords.stored(json));
    }

    @Test
    void aCongestionPointReadsBackByteForByte() {
        // As RegistryContractTest expects registry:RegisterCongestionPoint to store it.
        String transformer = "{\"capacityKw\":\"500.000\",\"id\":\"TX1\",\"kind\":\"TRANSFORMER\"}";
        CongestionPoint tx = read(transformer, RegistryRecords::storedCongestionPoint);
        assertThat(tx)
                .isEqualTo(new CongestionPoint("TX1", CongestionPointKind.TRANSFORMER, null, Kilowatts.of("500")));
        assertThat(CanonicalJson.write(RegistryRecords.congestionPoint(tx))).isEqualTo(transformer);

        String feeder = CanonicalJson.write(RegistryRecords.congestionPoint(
                new CongestionPoint("TX1-F1", CongestionPointKind.FEEDER, "TX1", Kilowatts.of("200.5"))));
        assertThat(CanonicalJson.write(
                        RegistryRecords.congestionPoint(read(feeder, RegistryRecords::storedCongestionPoint))))
                .isEqualTo(feeder);
    }

    @Test
    void aCongestionPointWithAFieldTheRegistryDoesNotWriteIsRefused() {
        String extra = "{\"capacityKw\":\"500.000\",\"id\":\"TX1\",\"kind\":\"TRANSFORMER\",\"owner\":\"x\"}";
        assertThatThrownBy(() -> read(extra, RegistryRecords::storedCongestionPoint))
                .isInstanceOf(InputRefusal.class)
                .hasMessageContaining("$.owner");
    }

    @Test
    void anAssetReadsBackByteForByteWithItsDetailsHash() {
        HomeDetails home = new HomeDetails("home-1", "1 High St, Pontypool", "m-home-1", Kilowatts.of("17.25"));
        Asset asset = new Asset("home-1", "Aggregator1MSP", "TX1");
        // As registry:RegisterAsset writes the public record: the hash of the private details' canonical text.
        String written = CanonicalJson.write(RegistryRecords.asset(
                asset, Baseline.sha256Hex(CanonicalJson.write(RegistryRecords.home(home, SALT)))));

        StoredAsset read = read(written, RegistryRecords::storedAsset);
        assertThat(read.asset()).isEqualTo(asset);
        assertThat(read.detailsHash()).hasSize(64);
        assertThat(CanonicalJson.write(RegistryRecords.asset(read))).isEqualTo(written);
    }

    @Test
    void anAssetCarryingPrivateDetailsOrAMalformedHashIsRefused() throws Exception {
        String hash = Baseline.sha256Hex("x");
        String written = CanonicalJson.write(RegistryRecords.asset(new Asset("home-1", "Aggregator1MSP", "TX1"), hash));
        // The public record never holds the home's details: a record that does is not the registry's.
        String leaking = written.replace("}", ",\"home\":{\"address\":\"1 High St\"}}");
        assertThatThrownBy(() -> read(leaking, RegistryRecords::storedAsset)).hasMessageContaining("$.home");
        assertThatThrownBy(() -> read(written.replace(hash, hash.toUpperCase()), RegistryRecords::storedAsset))
                .hasMessageContaining("$.detailsHash");
        assertThatThrownBy(() -> read(written.replace(hash, hash.substring(2)), RegistryRecords::storedAsset))
                .hasMessageContaining("$.detailsHash");
        // Its aggregator is part of the record, not defaulted to anyone.
        assertThatThrownBy(() -> read(
                        written.replace("\"aggregatorMsp\":\"Aggregator1MSP\",", ""), RegistryRecords::storedAsset))
                .hasMessageContaining("$.aggregatorMsp");
        // An asset of an organisation that is no aggregator is refused by the domain.
        assertThatThrownBy(() -> read(written.replace("Aggregator1MSP", "DsoMSP"), RegistryRecords::storedAsset))
                .isInstanceOf(ValidationException.class);
    }

    /** A meter registered, approved, given a pending key and rotated to it, each version as the registry writes it. */
    private static List<DeviceRecord> meterVersions() throws Exception {
        Device meter = new Device("meter-1", "home-1", DeviceKind.METER, "EC", ecKey());
        Instant at = Instant.parse("2026-11-20T08:00:00Z");
        StoredDevice registered = StoredDevice.registered(meter, "Aggregator1MSP", at);
        StoredDevice approved = registered.approved("DsoMSP", at.plusSeconds(60));
        StoredDevice pending = approved.withPendingKey(new RegistryRecords.PendingKey(
                "EC", ecKey(), at.plusSeconds(120).toString()));
        StoredDevice rotated = pending.rotated("DsoMSP", Instant.parse("2026-11-25T08:00:00.123456789Z"));
        StoredDevice proposedAgain =
                rotated.withPendingKey(new RegistryRecords.PendingKey("EC", ecKey(), "2026-11-26T08:00:00Z"));
        return List.of(
                new DeviceRecord(registered, "tx-1"),
                new DeviceRecord(approved, "tx-2"),
                new DeviceRecord(pending, "tx-3"),
                new DeviceRecord(rotated, "tx-4"),
                new DeviceRecord(proposedAgain, "tx-5"));
    }

    @Test
    void everyVersionOfADeviceReadsBackByteForByte() throws Exception {
        for (DeviceRecord version : meterVersions()) {
            // As RegistryContract writes it: RegistryJson.device(stored, txId).
            String written = CanonicalJson.write(RegistryRecords.device(version.device(), version.txId()));
            DeviceRecord read = read(written, RegistryRecords::storedDeviceRecord);
            assertThat(read).isEqualTo(version);
            assertThat(CanonicalJson.write(RegistryRecords.device(read))).isEqualTo(written);
        }
    }

    @Test
    void aDeviceRecordWithAnUnknownFieldOrWithoutItsTransactionIsRefused() throws Exception {
        DeviceRecord rotated = meterVersions().get(4);
        String written = CanonicalJson.write(RegistryRecords.device(rotated));
        assertThatThrownBy(() -> read(
                        written.replace("\"txId\":", "\"trusted\":true,\"txId\":"),
                        r -> RegistryRecords.storedDeviceRecord(r)))
                .hasMessageContaining("$.trusted");
        assertThatThrownBy(() -> read(
                        written.replace("\"proposedAt\":", "\"approved\":true,\"proposedAt\":"),
                        RegistryRecords::storedDeviceRecord))
                .hasMessageContaining("$.pendingKey.approved");
        assertThatThrownBy(() -> read(
                        written.replace("\"validUntil\":", "\"revoked\":false,\"validUntil\":"),
                        RegistryRecords::storedDeviceRecord))
                .hasMessageContaining("$.previousKeys[0].revoked");
        assertThatThrownBy(() -> read(written.replace(",\"txId\":\"tx-5\"", ""), RegistryRecords::storedDeviceRecord))
                .hasMessageContaining("$.txId");
    }

    /** The history as RegistryContract.deviceHistory writes it: Ledger.history's maps, each value the stored text. */
    private static String chaincodeHistory(String id, List<Map<String, Object>> versions) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("history", versions);
        return CanonicalJson.write(out);
    }

    private static Map<String, Object> version(String txId, String timestamp, boolean deleted, String value) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("txId", txId);
        v.put("timestamp", timestamp);
        v.put("isDelete", deleted);
        if (value != null) {
            v.put("value", new CanonicalJson.Raw(value));
        }
        return v;
    }

    @Test
    void aDevicesHistoryReadsBackByteForByte() throws Exception {
        List<Map<String, Object>> versions = new ArrayList<>();
        List<DeviceRecord> records = meterVersions();
        for (int i = records.size() - 1; i >= 0; i--) {
            DeviceRecord r = records.get(i);
            String value = CanonicalJson.write(RegistryRecords.device(r.device(), r.txId()));
            versions.add(version(r.txId(), "2026-11-2" + i + "T08:00:00.500Z", false, value));
        }
        // A version without a timestamp and a deletion, as the peer may give them.
        versions.add(version("tx-0", null, true, null));
        String written = chaincodeHistory("meter-1", versions);

        DeviceHistory read = read(written, RegistryRecords::storedDeviceHistory);
        assertThat(read.id()).isEqualTo("meter-1");
        assertThat(read.history()).hasSize(6);
        assertThat(read.history().get(0).value()).isEqualTo(records.get(4));
        assertThat(read.history().get(5).isDelete()).isTrue();
        assertThat(read.history().get(5).timestamp()).isNull();
        assertThat(CanonicalJson.write(RegistryRecords.deviceHistory(read))).isEqualTo(written);
    }

    @Test
    void aHistoryWhoseDeletionCarriesARecordOrWhoseVersionIsNotTheRegistrysIsRefused() throws Exception {
        DeviceRecord r = meterVersions().get(0);
        String value = CanonicalJson.write(RegistryRecords.device(r));
        String deletionWithValue =
                chaincodeHistory("meter-1", List.of(version("tx-1", "2026-11-20T08:00:00Z", true, value)));
        assertThatThrownBy(() -> read(deletionWithValue, RegistryRecords::storedDeviceHistory))
                .hasMessageContaining("$.history[0].value");
        String unknown = chaincodeHistory(
                "meter-1", List.of(version("tx-1", "2026-11-20T08:00:00Z", false, value.replace("}", ",\"x\":1}"))));
        assertThatThrownBy(() -> read(unknown, RegistryRecords::storedDeviceHistory))
                .hasMessageContaining("$.history[0].value.x");
        String badTime = chaincodeHistory("meter-1", List.of(version("tx-1", "yesterday", false, value)));
        assertThatThrownBy(() -> read(badTime, RegistryRecords::storedDeviceHistory))
                .hasMessageContaining("$.history[0].timestamp");
    }
}
