package io.flexledger.marketplaceapi.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.contract.codec.CanonicalJson;
import io.flexledger.contract.codec.RegistryRecords;
import io.flexledger.contract.codec.RegistryRecords.DeviceHistory;
import io.flexledger.contract.codec.RegistryRecords.DeviceRecord;
import io.flexledger.contract.codec.RegistryRecords.StoredDevice;
import io.flexledger.domain.grid.CongestionPoint;
import io.flexledger.domain.grid.CongestionPointKind;
import io.flexledger.domain.participants.Asset;
import io.flexledger.domain.participants.Device;
import io.flexledger.domain.participants.DeviceKind;
import io.flexledger.domain.units.Kilowatts;
import io.flexledger.marketplaceapi.ledger.LedgerUnavailableException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The registry's reads decoded and answered with the codec's writers give the same text the API answered
 * when it passed the chaincode's JSON on (verbatim for one record, through Jackson for a page and a device's
 * history), and a record the codec refuses is an unavailable ledger, not an answer.
 */
class RegistryAnswersTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static byte[] bytes(Map<String, Object> record) {
        return CanonicalJson.bytes(record);
    }

    private static String text(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }

    /** A meter through every change, each version as the chaincode writes it with the transaction {@code tx-<n>}. */
    private static List<DeviceRecord> meterVersions() {
        Device meter = new Device("meter-1", "home-1", DeviceKind.METER, "EC", TestKeys.EC_PUBLIC_KEY_BASE64);
        Instant at = Instant.parse("2030-06-01T10:00:00Z");
        StoredDevice registered = StoredDevice.registered(meter, "Aggregator1MSP", at);
        StoredDevice approved = registered.approved("DsoMSP", at.plusSeconds(60));
        StoredDevice pending = approved.withPendingKey(new RegistryRecords.PendingKey(
                "Ed25519",
                TestKeys.ED25519_PUBLIC_KEY_BASE64,
                at.plusSeconds(120).toString()));
        StoredDevice rotated = pending.rotated("DsoMSP", at.plusSeconds(180));
        List<DeviceRecord> out = new ArrayList<>();
        int n = 1;
        for (StoredDevice d : List.of(registered, approved, pending, rotated)) {
            out.add(new DeviceRecord(d, "tx-" + n++));
        }
        return out;
    }

    /** A device's history as the chaincode writes it, newest first, each value the stored text. */
    private static byte[] chaincodeHistory(List<DeviceRecord> oldestFirst) {
        List<Object> versions = new ArrayList<>();
        for (int i = oldestFirst.size() - 1; i >= 0; i--) {
            DeviceRecord r = oldestFirst.get(i);
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("txId", r.txId());
            v.put(
                    "timestamp",
                    Instant.parse("2030-06-01T10:00:00.5Z").plusSeconds(i).toString());
            v.put("isDelete", false);
            v.put("value", new CanonicalJson.Raw(CanonicalJson.write(RegistryRecords.device(r.device(), r.txId()))));
            versions.add(v);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", "meter-1");
        out.put("history", versions);
        return CanonicalJson.bytes(out);
    }

    @Test
    void oneRecordIsAnsweredAsTheLedgerHoldsIt() {
        byte[] cp = bytes(RegistryRecords.congestionPoint(
                new CongestionPoint("F1", CongestionPointKind.FEEDER, "TX1", Kilowatts.of("200"))));
        assertThat(CanonicalJson.write(RegistryRecords.congestionPoint(
                        LedgerRecords.record(cp, RegistryRecords::storedCongestionPoint))))
                .isEqualTo(text(cp));

        byte[] asset = bytes(RegistryRecords.asset(new Asset("home-1", "Aggregator1MSP", "F1"), "ab".repeat(32)));
        assertThat(CanonicalJson.write(
                        RegistryRecords.asset(LedgerRecords.record(asset, RegistryRecords::storedAsset))))
                .isEqualTo(text(asset));

        for (DeviceRecord version : meterVersions()) {
            byte[] device = bytes(RegistryRecords.device(version.device(), version.txId()));
            DeviceRecord read = LedgerRecords.record(device, RegistryRecords::storedDeviceRecord);
            assertThat(read).isEqualTo(version);
            assertThat(CanonicalJson.write(RegistryRecords.device(read))).isEqualTo(text(device));
        }
    }

    @Test
    void aPageOfDevicesIsAnsweredAsBefore() {
        List<Object> records = new ArrayList<>();
        for (DeviceRecord r : meterVersions().subList(2, 4)) {
            records.add(new CanonicalJson.Raw(CanonicalJson.write(RegistryRecords.device(r))));
        }
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("records", records);
        page.put("bookmark", "\u0000deviceByAsset\u0000home-1\u0000meter-2\u0000");
        byte[] ledgerPage = CanonicalJson.bytes(page);

        String before = answeredAsBytes(ledgerPage);
        String after = LedgerResponses.page(
                List.of("home-1"),
                (size, from) -> LedgerRecords.page(ledgerPage, RegistryRecords::storedDeviceRecord),
                r -> true,
                RegistryRecords::device,
                "50",
                "");
        assertThat(after).isEqualTo(before).doesNotContain("\"bookmark\":\"\"");
    }

    @Test
    void aDevicesHistoryIsAnsweredAsBefore() throws Exception {
        List<DeviceRecord> versions = meterVersions();
        byte[] device = bytes(RegistryRecords.device(versions.get(3)));
        byte[] history = chaincodeHistory(versions);

        // What the resource answered while the port gave the chaincode's JSON.
        ObjectNode before = MAPPER.createObjectNode();
        before.set("device", MAPPER.readTree(device));
        before.set("history", MAPPER.readTree(history).path("history"));

        DeviceHistory read = LedgerRecords.history(history, RegistryRecords::storedDeviceHistory);
        String after = CanonicalJson.write(RegistryResource.historyAnswer(
                LedgerRecords.record(device, RegistryRecords::storedDeviceRecord), read));
        assertThat(after).isEqualTo(before.toString());
        assertThat(read.history()).extracting(v -> v.value().txId()).containsExactly("tx-4", "tx-3", "tx-2", "tx-1");
    }

    @Test
    void aLongHistoryIsReadWhereOneRecordsBoundWouldRefuseIt() {
        // A meter whose key changed many times: every version repeats the keys before it.
        List<DeviceRecord> many = new ArrayList<>(meterVersions());
        while (many.size() < 700) {
            many.add(many.get(many.size() - 1));
        }
        byte[] history = chaincodeHistory(many);
        assertThat(history.length).isGreaterThan(256 * 1024);
        assertThat(LedgerRecords.history(history, RegistryRecords::storedDeviceHistory)
                        .history())
                .hasSize(700);
        assertThatThrownBy(() -> LedgerRecords.record(history, RegistryRecords::storedDeviceHistory))
                .isInstanceOf(LedgerUnavailableException.class);
    }

    @Test
    void aRecordTheCodecRefusesIsAnUnavailableLedger() {
        String asset = CanonicalJson.write(
                RegistryRecords.asset(new Asset("home-1", "Aggregator1MSP", "F1"), "ab".repeat(32)));
        // The public record never carries the home's private details.
        byte[] leaking =
                asset.replace("}", ",\"home\":{\"address\":\"1 High St\"}}").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> LedgerRecords.record(leaking, RegistryRecords::storedAsset))
                .isInstanceOf(LedgerUnavailableException.class)
                .hasMessageContaining("$.home");
        String device =
                CanonicalJson.write(RegistryRecords.device(meterVersions().get(1)));
        // A device record claiming a state the registry does not know is not passed on.
        byte[] state = device.replace("\"ACTIVE\"", "\"TRUSTED\"").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> LedgerRecords.record(state, RegistryRecords::storedDeviceRecord))
                .isInstanceOf(LedgerUnavailableException.class)
                .hasMessageContaining("$.state");
        byte[] noTx = device.replace(",\"txId\":\"tx-2\"", "").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> LedgerRecords.record(noTx, RegistryRecords::storedDeviceRecord))
                .isInstanceOf(LedgerUnavailableException.class)
                .hasMessageContaining("$.txId");
    }

    // the answer the API gave a page when it forwarded the chaincode's bytes: its records as they are and the
    // bookmark as the API writes it
    private static String answeredAsBytes(byte[] ledgerPage) {
        com.fasterxml.jackson.databind.JsonNode root = LedgerResponses.json(ledgerPage);
        com.fasterxml.jackson.databind.node.ObjectNode out =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        com.fasterxml.jackson.databind.node.ArrayNode records = out.putArray("records");
        root.path("records").forEach(records::add);
        out.put("bookmark", Bookmarks.apiBookmark(root.path("bookmark").asText("")));
        return out.toString();
    }
}
