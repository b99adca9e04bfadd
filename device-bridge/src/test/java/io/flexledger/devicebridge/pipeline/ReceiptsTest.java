package io.flexledger.devicebridge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.flexledger.devicebridge.support.Harness;
import io.flexledger.devicebridge.support.TestDevice;
import io.flexledger.devicebridge.support.TestInfra;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The receipt of every message, on the real broker: what a meter listens for before it forgets a
 * reading. Stored now, stored before (the same reading again), or refused with the reason.
 */
class ReceiptsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Harness bridge;
    private static TestDevice meter;
    private static Mqtt5BlockingClient listener;
    private static Mqtt5BlockingClient.Mqtt5Publishes receipts;
    private static LocalDate today;

    @BeforeAll
    static void start() {
        bridge = new Harness();
        meter = TestDevice.create("meter-rc", "home-rc");
        bridge.directory.register(meter.device(), "Aggregator1MSP");
        bridge.startBridge();
        today = Harness.today();
        listener = MqttClient.builder()
                .useMqttVersion5()
                .identifier("receipts-" + UUID.randomUUID())
                .serverHost("127.0.0.1")
                .serverPort(TestInfra.mqttPort())
                .buildBlocking();
        listener.connect();
        receipts = listener.publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL);
        listener.subscribeWith()
                .topicFilter(bridge.receiptTopic("+"))
                .qos(MqttQos.AT_LEAST_ONCE)
                .send();
    }

    @AfterAll
    static void stop() {
        receipts.close();
        listener.disconnect();
        bridge.close();
    }

    /** The next receipt on the device's receipt topic (fails after 10 s). */
    private static JsonNode nextReceipt(String deviceId) throws Exception {
        Optional<Mqtt5Publish> p = receipts.receive(10, TimeUnit.SECONDS);
        assertThat(p).as("a receipt within 10 s").isPresent();
        assertThat(p.get().getTopic().toString()).isEqualTo(bridge.receiptTopic(deviceId));
        return JSON.readTree(new String(p.get().getPayloadAsBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void everyMessageIsAnsweredOnItsDevicesReceiptTopic() throws Exception {
        var reading = meter.sign(today, 40, "0.25", 40);
        bridge.publish(reading);
        JsonNode stored = nextReceipt("meter-rc");
        assertThat(stored.path("outcome").asText()).isEqualTo("STORED");
        assertThat(stored.path("deviceId").asText()).isEqualTo("meter-rc");
        assertThat(stored.path("day").asText()).isEqualTo(today.toString());
        assertThat(stored.path("slot").asInt()).isEqualTo(40);
        assertThat(stored.path("sequence").asLong()).isEqualTo(40);
        assertThat(stored.has("reason")).isFalse();

        // The meter had no receipt (the broker that took the reading stopped) and sends it again.
        bridge.publish(reading);
        JsonNode again = nextReceipt("meter-rc");
        assertThat(again.path("outcome").asText()).isEqualTo("RESENT");
        assertThat(again.path("slot").asInt()).isEqualTo(40);

        // Another reading of the same slot is refused, and the receipt says why.
        bridge.publish(meter.sign(today, 40, "9.99", 41));
        JsonNode replay = nextReceipt("meter-rc");
        assertThat(replay.path("outcome").asText()).isEqualTo("REJECTED");
        assertThat(replay.path("reason").asText()).isEqualTo("REPLAY");
        assertThat(replay.path("detail").asText()).contains("already stored");

        // A payload of which nothing can be read is answered on the topic's device.
        bridge.publishRaw("meter-rc", "{\"deviceId\": oops".getBytes(StandardCharsets.UTF_8));
        JsonNode malformed = nextReceipt("meter-rc");
        assertThat(malformed.path("outcome").asText()).isEqualTo("REJECTED");
        assertThat(malformed.path("reason").asText()).isEqualTo("MALFORMED");
        assertThat(malformed.has("slot")).isFalse();

        assertThat(bridge.store.readingsOfAsset(today, "home-rc")).hasSize(1);
    }
}
