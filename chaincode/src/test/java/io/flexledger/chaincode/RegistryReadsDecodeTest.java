package io.flexledger.chaincode;

import static io.flexledger.chaincode.MarketFixture.AGG1;
import static io.flexledger.chaincode.MarketFixture.COMMUNITY;
import static io.flexledger.chaincode.MarketFixture.DSO;
import static io.flexledger.chaincode.MeterKeysTest.K1;
import static io.flexledger.chaincode.MeterKeysTest.K2;
import static io.flexledger.chaincode.MeterKeysTest.K3;
import static io.flexledger.chaincode.MeterKeysTest.approval;
import static io.flexledger.chaincode.MeterKeysTest.deviceJson;
import static io.flexledger.chaincode.MeterKeysTest.proposal;
import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.contract.codec.CanonicalJson;
import io.flexledger.contract.codec.JsonFields;
import io.flexledger.contract.codec.MarketRecords;
import io.flexledger.contract.codec.RegistryRecords;
import io.flexledger.contract.codec.RegistryRecords.DeviceHistory;
import io.flexledger.contract.codec.RegistryRecords.DeviceRecord;
import io.flexledger.domain.participants.DeviceState;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the registry's reads answer, decoded by the ledger contract's stored-record readers (as the API
 * decodes them) and written back by the codec's writers (as the API answers them), is the text the
 * chaincode answered, byte for byte.
 */
class RegistryReadsDecodeTest {
    MarketFixture m;

    @BeforeEach
    void seed() {
        m = new MarketFixture().seeded();
    }

    private String read(Supplier<String> tx) {
        return m.ledger.as(COMMUNITY, tx);
    }

    private static <T> T decoded(String json, Function<JsonFields, T> reader) {
        return reader.apply(MarketRecords.stored(json));
    }

    @Test
    void congestionPointsAndAssetsReadBackByteForByte() {
        for (String id : new String[] {"TX1", "TX1-F1"}) {
            String json = read(() -> m.registry.readCongestionPoint(m.ledger.ctx, id));
            assertThat(CanonicalJson.write(
                            RegistryRecords.congestionPoint(decoded(json, RegistryRecords::storedCongestionPoint))))
                    .isEqualTo(json);
        }
        String asset = read(() -> m.registry.readAsset(m.ledger.ctx, "home-1"));
        RegistryRecords.StoredAsset stored = decoded(asset, RegistryRecords::storedAsset);
        assertThat(stored.asset().aggregatorMsp()).isEqualTo(AGG1);
        assertThat(CanonicalJson.write(RegistryRecords.asset(stored))).isEqualTo(asset);
    }

    @Test
    void aMetersRecordPageAndHistoryReadBackByteForByteThroughEveryChange() {
        m.ledger.as(AGG1, () -> m.registry.registerDevice(m.ledger.ctx, deviceJson("meter-1", "home-1", "METER", K1)));
        m.ledger.as(AGG1, () -> m.registry.registerDevice(m.ledger.ctx, deviceJson("hp-1", "home-1", "HEAT_PUMP", K3)));
        m.ledger.now = Instant.parse("2026-11-26T12:01:00.250Z");
        m.ledger.as(DSO, () -> m.registry.approveMeter(m.ledger.ctx, approval("meter-1", K1)));
        m.ledger.as(AGG1, () -> m.registry.proposeMeterKey(m.ledger.ctx, proposal("meter-1", K2)));
        m.ledger.now = Instant.parse("2026-11-27T17:05:00Z");
        m.ledger.as(DSO, () -> m.registry.approveMeter(m.ledger.ctx, approval("meter-1", K2)));

        String device = read(() -> m.registry.readDevice(m.ledger.ctx, "meter-1"));
        DeviceRecord record = decoded(device, RegistryRecords::storedDeviceRecord);
        assertThat(record.device().state()).isEqualTo(DeviceState.ACTIVE);
        assertThat(record.device().keys()).hasSize(2);
        assertThat(CanonicalJson.write(RegistryRecords.device(record))).isEqualTo(device);

        String page = read(() -> m.registry.listDevices(m.ledger.ctx, "home-1", 10, ""));
        JsonFields pageFields = MarketRecords.stored(page);
        java.util.List<Object> written = new java.util.ArrayList<>();
        for (JsonFields r : pageFields.objects("records")) {
            written.add(RegistryRecords.device(RegistryRecords.storedDeviceRecord(r)));
        }
        assertThat(written).hasSize(2);
        assertThat(CanonicalJson.write(java.util.Map.of("records", written, "bookmark", pageFields.string("bookmark"))))
                .isEqualTo(page);

        String history = read(() -> m.registry.deviceHistory(m.ledger.ctx, "meter-1"));
        DeviceHistory h = decoded(history, RegistryRecords::storedDeviceHistory);
        assertThat(h.history()).hasSize(4);
        assertThat(h.history()).allSatisfy(v -> assertThat(v.timestamp()).isNotNull());
        assertThat(CanonicalJson.write(RegistryRecords.deviceHistory(h))).isEqualTo(history);
    }

    @Test
    void aPendingKeyReadsBackByteForByte() {
        m.ledger.as(AGG1, () -> m.registry.registerDevice(m.ledger.ctx, deviceJson("meter-1", "home-1", "METER", K1)));
        m.ledger.as(DSO, () -> m.registry.approveMeter(m.ledger.ctx, approval("meter-1", K1)));
        m.ledger.as(AGG1, () -> m.registry.proposeMeterKey(m.ledger.ctx, proposal("meter-1", K3)));

        String device = read(() -> m.registry.readDevice(m.ledger.ctx, "meter-1"));
        DeviceRecord record = decoded(device, RegistryRecords::storedDeviceRecord);
        assertThat(record.device().pendingKey()).isNotNull();
        assertThat(CanonicalJson.write(RegistryRecords.device(record))).isEqualTo(device);
    }
}
