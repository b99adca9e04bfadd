package io.flexledger.devicebridge.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.flexledger.devicebridge.support.Harness;
import io.flexledger.devicebridge.support.TestDevice;
import io.flexledger.devicebridge.support.TestInfra;
import io.flexledger.domain.metering.SignedReading;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The broker's access rules, attacked on the real Mosquitto as the stack configures it
 * (mosquitto.sh): whoever gains from a home's missing reading (a competing aggregator, a DSO paid a
 * penalty) is on the same broker as the meters and needs no login to be there.
 */
class BrokerAclTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Harness bridge;
    private static TestDevice meter;
    private static LocalDate today;

    @BeforeAll
    static void start() {
        bridge = new Harness();
        meter = TestDevice.create("meter-acl", "home-acl");
        bridge.directory.register(meter.device(), "Aggregator1MSP");
        bridge.startBridge();
        today = Harness.today();
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    /**
     * Waits (at most 10 s) until the reading of {@code slot} is stored, publishing {@code resend} again
     * every 2 s when not null, as its meter does for want of a receipt.
     */
    private static void awaitStored(int slot, SignedReading resend) throws InterruptedException {
        for (int i = 0; i < 100 && !stored(slot); i++) {
            if (resend != null && i % 20 == 0) {
                bridge.publish(resend);
            }
            Thread.sleep(100);
        }
    }

    private static boolean stored(int slot) {
        return bridge.store.readingsOfAsset(today, "home-acl").stream()
                .anyMatch(r -> r.signed().reading().slot() == slot);
    }

    private static Mqtt5BlockingClient anonymous(String name) {
        Mqtt5BlockingClient c = MqttClient.builder()
                .useMqttVersion5()
                .identifier(name + "-" + UUID.randomUUID())
                .serverHost("127.0.0.1")
                .serverPort(TestInfra.mqttPort())
                .buildBlocking();
        c.connect();
        return c;
    }

    /**
     * A forged STORED receipt would make the meter forget a reading the broker lost: the slot stays
     * empty and the home looks as if it did not deliver. Without the bridge's login the broker refuses
     * the receipt, the meter never sees it, and the first receipt it gets is the bridge's own.
     */
    @Test
    void aReceiptFromAnyoneButTheBridgeNeverReachesTheMeter() throws Exception {
        Mqtt5BlockingClient meterSide = anonymous("meter");
        Mqtt5BlockingClient attacker = anonymous("attacker");
        try (Mqtt5BlockingClient.Mqtt5Publishes receipts = meterSide.publishes(MqttGlobalPublishFilter.ALL)) {
            meterSide
                    .subscribeWith()
                    .topicFilter(bridge.receiptTopic("meter-acl"))
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            String forged = "{\"deviceId\":\"meter-acl\",\"day\":\"" + today
                    + "\",\"slot\":12,\"sequence\":12,\"outcome\":\"STORED\"}";
            assertThatThrownBy(() -> attacker.publishWith()
                            .topic(bridge.receiptTopic("meter-acl"))
                            .qos(MqttQos.AT_LEAST_ONCE)
                            .payload(forged.getBytes(StandardCharsets.UTF_8))
                            .send())
                    .as("the broker's answer to a receipt published without the bridge's login")
                    .isInstanceOfSatisfying(
                            Mqtt5PubAckException.class,
                            e -> assertThat(e.getMqttMessage().getReasonCode())
                                    .isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED));

            bridge.publish(meter.sign(today, 12, "0.40", 12));
            Optional<Mqtt5Publish> first = receipts.receive(10, TimeUnit.SECONDS);
            assertThat(first).as("the bridge's receipt within 10 s").isPresent();
            JsonNode receipt = JSON.readTree(first.get().getPayloadAsBytes());
            assertThat(receipt.path("slot").asInt()).isEqualTo(12);
            assertThat(receipt.path("outcome").asText()).isEqualTo("STORED");
            assertThat(bridge.store.readingsOfAsset(today, "home-acl"))
                    .as("the reading the forged receipt claimed is stored because the meter sent it")
                    .anyMatch(r -> r.signed().reading().slot() == 12);
            assertThat(receipts.receive(1, TimeUnit.SECONDS))
                    .as("no second receipt: the forged one was dropped")
                    .isEmpty();
        } finally {
            meterSide.disconnect();
            attacker.disconnect();
        }
    }

    /**
     * Readings are the bridge's to read: Mosquitto accepts an eavesdropper's subscription but delivers
     * it no reading, while the bridge stores the same reading.
     */
    @Test
    void nobodyButTheBridgeReadsTheReadings() throws Exception {
        Mqtt5BlockingClient eavesdropper = anonymous("eavesdropper");
        try (Mqtt5BlockingClient.Mqtt5Publishes seen = eavesdropper.publishes(MqttGlobalPublishFilter.ALL)) {
            eavesdropper
                    .subscribeWith()
                    .topicFilter(bridge.readingTopic("+"))
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            bridge.publish(meter.sign(today, 13, "0.30", 13));
            awaitStored(13, null);
            assertThat(bridge.store.readingsOfAsset(today, "home-acl"))
                    .as("the bridge stored the reading")
                    .anyMatch(r -> r.signed().reading().slot() == 13);
            assertThat(seen.receive(1, TimeUnit.SECONDS))
                    .as("what the eavesdropper got")
                    .isEmpty();
        } finally {
            eavesdropper.disconnect();
        }
    }

    /**
     * A client without a name that takes the bridge's session over (its client id, clean start off)
     * reads none of the readings queued for it; the bridge takes its session back and every reading
     * ends up stored, the ones sent during the takeover through their meter's resend.
     */
    @Test
    void aTakeoverOfTheBridgesSessionReadsNothingAndLosesNothing() throws Exception {
        Mqtt5BlockingClient hijacker = MqttClient.builder()
                .useMqttVersion5()
                .identifier(bridge.clientId())
                .serverHost("127.0.0.1")
                .serverPort(TestInfra.mqttPort())
                .buildBlocking();
        var reading = meter.sign(today, 14, "0.20", 14);
        try (Mqtt5BlockingClient.Mqtt5Publishes seen = hijacker.publishes(MqttGlobalPublishFilter.ALL)) {
            hijacker.connectWith().cleanStart(false).sessionExpiryInterval(3600).send();
            bridge.publish(reading);
            assertThat(seen.receive(2, TimeUnit.SECONDS))
                    .as("what the session's thief got")
                    .isEmpty();
        } finally {
            // The bridge's reconnection may already have pushed the thief out.
            if (hijacker.getState().isConnected()) {
                hijacker.disconnect();
            }
        }
        // The meter had no receipt, so it sends the reading again; the bridge is back on its session.
        awaitStored(14, reading);
        assertThat(bridge.store.readingsOfAsset(today, "home-acl"))
                .as("the reading sent during the takeover, stored after the meter's resend")
                .anyMatch(r -> r.signed().reading().slot() == 14);
    }

    /** The bridge's name without its password gets no connection at all. */
    @Test
    void theBridgesNameWithAGuessedPasswordIsRefused() {
        Mqtt5BlockingClient impostor = MqttClient.builder()
                .useMqttVersion5()
                .identifier("impostor-" + UUID.randomUUID())
                .serverHost("127.0.0.1")
                .serverPort(TestInfra.mqttPort())
                .simpleAuth()
                .username(MqttLogin.BRIDGE_USER)
                .password("flexledger".getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth()
                .buildBlocking();
        assertThatThrownBy(impostor::connect)
                .isInstanceOf(Mqtt5ConnAckException.class)
                .hasMessageContaining("NOT_AUTHORIZED");
    }
}
