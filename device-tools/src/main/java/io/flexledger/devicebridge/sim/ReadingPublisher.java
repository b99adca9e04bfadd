package io.flexledger.devicebridge.sim;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import io.flexledger.client.reading.HeldReadings;
import io.flexledger.client.reading.MalformedReadingException;
import io.flexledger.client.reading.ReadingCodec;
import io.flexledger.client.reading.ReadingReceipt;
import io.flexledger.domain.metering.SignedReading;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A meter's day sent as a meter sends it: each slot's signed reading published at QoS 1, then kept
 * until the bridge's receipt for it comes (the broker's PUBACK does not survive the broker's crash),
 * and sent again, the same signed reading, while none has come.
 *
 * @param host the broker's host
 * @param port the broker's port
 * @param readingTopic the device's readings topic, e.g. {@code flexledger/readings/<deviceId>}
 * @param receiptTopic where the bridge answers, e.g. {@code flexledger/receipts/<deviceId>}
 * @param receiptWait how long to wait for every receipt after the last publish
 * @param resendAfter how long a reading may go without its receipt before it is sent again
 */
record ReadingPublisher(
        String host, int port, String readingTopic, String receiptTopic, Duration receiptWait, Duration resendAfter) {
    /**
     * What became of a day's readings.
     *
     * @param readings readings published
     * @param outcomes receipts by outcome ({@code STORED}, {@code RESENT}, {@code REJECTED})
     * @param refused each refused reading's slot, reason and detail
     * @param withoutReceipt readings with no receipt at the end
     * @param resent readings sent again for want of a receipt
     */
    record Outcome(int readings, Map<String, Integer> outcomes, List<String> refused, int withoutReceipt, int resent) {
        /** Every reading stored (now or before), none refused, none unanswered. */
        boolean allStored() {
            return withoutReceipt == 0 && refused.isEmpty();
        }
    }

    /** Publishes the readings of {@code profile} from sequence {@code first} on, signed with {@code keys}. */
    Outcome publish(MeteredProfile profile, KeyPair keys, long first, String clientId, PrintStream progress)
            throws Exception {
        int slots = profile.kwBySlot().size();
        Mqtt5AsyncClient client = MqttClient.builder()
                .useMqttVersion5()
                .identifier(clientId)
                .serverHost(host)
                .serverPort(port)
                .automaticReconnectWithDefaultConfig()
                .buildAsync();
        HeldReadings meter = new HeldReadings(resendAfter);
        // Registered before the connection: receipts the session kept arrive right after it.
        client.publishes(MqttGlobalPublishFilter.ALL, p -> {
            if (p.getTopic().toString().equals(receiptTopic)) {
                try {
                    meter.answer(ReadingReceipt.parse(p.getPayloadAsBytes()));
                } catch (MalformedReadingException e) {
                    progress.println("unreadable receipt: " + e.getMessage());
                }
            }
        });
        client.connectWith()
                .cleanStart(false)
                .sessionExpiryInterval(3600)
                .send()
                .get(10, TimeUnit.SECONDS);
        try {
            client.subscribeWith()
                    .topicFilter(receiptTopic)
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send()
                    .get(10, TimeUnit.SECONDS);
            List<CompletableFuture<Mqtt5PublishResult>> sent = new ArrayList<>();
            for (int slot = 0; slot < slots; slot++) {
                SignedReading signed = SignedReading.sign(profile.reading(slot, first + slot), keys.getPrivate());
                byte[] payload = ReadingCodec.toJsonText(signed).getBytes(StandardCharsets.UTF_8);
                meter.hold(profile.deviceId(), slot, payload, System.currentTimeMillis());
                sent.add(send(client, payload));
                if ((slot + 1) % 24 == 0 || slot == slots - 1) {
                    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
                            .get(60, TimeUnit.SECONDS);
                    progress.printf(
                            "%s %s: %d/%d readings published (sequence %d..%d)%n",
                            profile.deviceId(), profile.day(), slot + 1, slots, first, first + slot);
                }
            }
            long deadline = System.nanoTime() + receiptWait.toNanos();
            while (meter.held() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
                List<HeldReadings.Held> again = meter.due(System.currentTimeMillis());
                again.forEach(h -> send(client, h.payload()));
                if (!again.isEmpty()) {
                    progress.printf(
                            "%s: no receipt yet for %d reading(s): sent again%n", profile.deviceId(), again.size());
                }
            }
        } finally {
            client.disconnect().get(10, TimeUnit.SECONDS);
        }
        return new Outcome(slots, meter.outcomes(), meter.refused(), meter.held(), meter.resent());
    }

    private CompletableFuture<Mqtt5PublishResult> send(Mqtt5AsyncClient client, byte[] payload) {
        return client.publishWith()
                .topic(readingTopic)
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload(payload)
                .send();
    }
}
