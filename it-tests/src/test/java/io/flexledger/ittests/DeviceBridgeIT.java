package io.flexledger.ittests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.flexledger.domain.metering.MeterReading;
import io.flexledger.domain.metering.SignedReading;
import io.flexledger.domain.units.KilowattHours;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The device bridge on the local network: device keys come from the ledger through the DSO's API,
 * every rejection reason is counted and kept, and a reading accepted is never lost across a broker
 * restart or a bridge restart.
 */
@ExtendWith(FlexStack.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeviceBridgeIT {
    private static DeliveryDay day;
    private static DeliveryDay.Home a;
    private static DeliveryDay.Home b;
    /** A meter its aggregator registered that the DSO has not approved. */
    private static String proposedMeter;

    private static String proposedHome;
    private static KeyPair proposedKeys;

    @BeforeAll
    static void twoMeteredHomes() throws Exception {
        Market.congestionPoints();
        day = new DeliveryDay(DeliveryDay.freshDay());
        a = day.addHome("Aggregator1MSP", 1.0);
        b = day.addHome("Aggregator2MSP", 1.0);
        proposedHome = Market.home("Aggregator1MSP");
        proposedMeter = "meter-" + proposedHome;
        proposedKeys = DeliveryDay.p256();
        DeliveryDay.registerMeter("Aggregator1MSP", proposedHome, proposedMeter, proposedKeys);
    }

    private static Map<String, Long> counts() {
        Map<String, Long> out = new TreeMap<>();
        for (String reason : new String[] {
            "MALFORMED",
            "UNKNOWN_DEVICE",
            "BAD_SIGNATURE",
            "REPLAY",
            "OUT_OF_PERIOD",
            "ASSET_MISMATCH",
            "METER_NOT_APPROVED"
        }) {
            out.put(reason, DeliveryDay.rejected(reason));
        }
        out.put("ACCEPTED", DeliveryDay.accepted());
        out.put("RESENT", DeliveryDay.resent());
        return out;
    }

    private static KeyPair p256() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static SignedReading signed(String device, String asset, LocalDate d, int slot, long seq, KeyPair k) {
        return SignedReading.sign(
                new MeterReading(device, asset, d, slot, KilowattHours.of("0.5"), seq), k.getPrivate());
    }

    @Test
    @Order(1)
    void everyRejectionReasonIsCountedAndKept() throws Exception {
        Map<String, Long> before = counts();
        Mqtt5BlockingClient c = DeliveryDay.mqtt(Market.uniqueId("it-rejects"));
        try {
            // Not JSON at all.
            DeliveryDay.publish(c, a.meterId(), "{\"deviceId\": oops");
            // A device the ledger does not know.
            KeyPair stranger = p256();
            DeliveryDay.publish(
                    c, "meter-nobody", DeliveryDay.json(signed("meter-nobody", a.assetId(), day.day, 1, 1, stranger)));
            // A registered meter's reading signed with another key.
            DeliveryDay.publish(
                    c, a.meterId(), DeliveryDay.json(signed(a.meterId(), a.assetId(), day.day, 2, 2, stranger)));
            // A registered meter claiming another home.
            DeliveryDay.publish(
                    c, a.meterId(), DeliveryDay.json(signed(a.meterId(), b.assetId(), day.day, 3, 3, a.keys())));
            // A day older than the bridge's window (a week).
            DeliveryDay.publish(
                    c,
                    a.meterId(),
                    DeliveryDay.json(
                            signed(a.meterId(), a.assetId(), LocalDate.now().minusDays(30), 4, 4, a.keys())));
            // A meter its aggregator registered but the DSO has not approved.
            DeliveryDay.publish(
                    c,
                    proposedMeter,
                    DeliveryDay.json(signed(proposedMeter, proposedHome, day.day, 6, 1, proposedKeys)));
            // A good reading, then the very same message again (a resend: answered as stored), then
            // another reading of the same slot (a replay: refused).
            String good = DeliveryDay.json(signed(a.meterId(), a.assetId(), day.day, 5, 5, a.keys()));
            DeliveryDay.publish(c, a.meterId(), good);
            DeliveryDay.publish(c, a.meterId(), good);
            DeliveryDay.publish(
                    c,
                    a.meterId(),
                    DeliveryDay.json(SignedReading.sign(
                            new MeterReading(a.meterId(), a.assetId(), day.day, 5, KilowattHours.of("0.1"), 6),
                            a.keys().getPrivate())));
        } finally {
            c.disconnect();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Long> now = counts();
            for (String reason : new String[] {
                "MALFORMED",
                "UNKNOWN_DEVICE",
                "BAD_SIGNATURE",
                "ASSET_MISMATCH",
                "OUT_OF_PERIOD",
                "METER_NOT_APPROVED",
                "ACCEPTED"
            }) {
                assertThat(now.get(reason) - before.get(reason)).as(reason).isEqualTo(1);
            }
            assertThat(now.get("REPLAY") - before.get("REPLAY")).as("REPLAY").isEqualTo(1);
            // Redeliveries the broker makes after an earlier restart count as resends too.
            assertThat(now.get("RESENT") - before.get("RESENT")).as("RESENT").isGreaterThanOrEqualTo(1);
        });
        // The other reading of the good one's slot is the replay, kept with its own sequence number.
        try (Connection db = db();
                PreparedStatement p = db.prepareStatement(
                        "select count(*) from bridge.rejected_reading where device_id = ? and reason = 'REPLAY' and sequence = 6")) {
            p.setString(1, a.meterId());
            try (ResultSet r = p.executeQuery()) {
                r.next();
                assertThat(r.getLong(1)).isEqualTo(1);
            }
        }
        // Each refusal is kept with its reason and detail for whoever investigates.
        try (Connection db = db();
                PreparedStatement p = db.prepareStatement(
                        "select reason, detail from bridge.rejected_reading where device_id = ? order by id")) {
            p.setString(1, a.meterId());
            Map<String, String> byReason = new TreeMap<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    byReason.put(r.getString(1), r.getString(2));
                }
            }
            assertThat(byReason).containsKeys("BAD_SIGNATURE", "ASSET_MISMATCH", "OUT_OF_PERIOD", "REPLAY");
        }
    }

    @Test
    @Order(2)
    void readingsQueuedWhileTheBridgeIsAwaySurviveABrokerRestart() throws Exception {
        FlexStack.services("stop", "device-bridge");
        try {
            Mqtt5BlockingClient c = DeliveryDay.mqtt(Market.uniqueId("it-queued"));
            try {
                for (int slot = 10; slot < 40; slot++) {
                    DeliveryDay.publish(c, b.meterId(), DeliveryDay.json(day.reading(b, slot)));
                }
            } finally {
                c.disconnect();
            }
            // The broker keeps the bridge's session on disk across its restart.
            FlexStack.services("restart", "mosquitto");
        } finally {
            FlexStack.services("start", "device-bridge");
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> stored(b.meterId(), 10, 40) == 30);
    }

    @Test
    @Order(3)
    void aBridgeRestartInTheMiddleOfAStreamLosesNothingAndStoresNothingTwice() throws Exception {
        Thread publisher = new Thread(() -> {
            Mqtt5BlockingClient c = DeliveryDay.mqtt(Market.uniqueId("it-stream"));
            try {
                for (int slot = 40; slot < 96; slot++) {
                    DeliveryDay.publish(c, a.meterId(), DeliveryDay.json(day.reading(a, slot)));
                    Thread.sleep(40);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                c.disconnect();
            }
        });
        publisher.start();
        Thread.sleep(600);
        FlexStack.services("restart", "device-bridge");
        publisher.join(120_000);
        await().atMost(Duration.ofSeconds(60)).until(() -> stored(a.meterId(), 40, 96) == 56);
        // Exactly once: the unique key (device, day, slot) holds, and every row is a distinct slot.
        assertThat(rows(a.meterId(), 40, 96)).isEqualTo(56);
    }

    private static Connection db() throws SQLException {
        return DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + FlexStack.port(5433) + "/flexledger", "flexledger", "flexledger-demo");
    }

    private static long stored(String device, int fromSlot, int toSlot) throws SQLException {
        return query(
                "select count(distinct slot) from bridge.meter_reading where device_id = ? and day = ? and slot >= ? and slot < ?",
                device,
                fromSlot,
                toSlot);
    }

    private static long rows(String device, int fromSlot, int toSlot) throws SQLException {
        return query(
                "select count(*) from bridge.meter_reading where device_id = ? and day = ? and slot >= ? and slot < ?",
                device,
                fromSlot,
                toSlot);
    }

    private static long query(String sql, String device, int from, int to) throws SQLException {
        try (Connection c = db();
                PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, device);
            p.setObject(2, day.day);
            p.setInt(3, from);
            p.setInt(4, to);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
