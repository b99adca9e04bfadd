package io.flexledger.tools.chaos;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.flexledger.client.reading.HeldReadings;
import io.flexledger.client.reading.MalformedReadingException;
import io.flexledger.client.reading.ReadingCodec;
import io.flexledger.client.reading.ReadingReceipt;
import io.flexledger.domain.metering.MeterReading;
import io.flexledger.domain.metering.SignedReading;
import io.flexledger.domain.units.KilowattHours;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Homes' meters publishing signed readings over MQTT at QoS 1 at a steady rate, slot after slot of
 * one day, as a meter does: a reading counts as accepted when the broker acknowledges it (PUBACK),
 * and the meter keeps it until the bridge's receipt for it comes ({@code flexledger/receipts/<device>}).
 * A publish that fails is sent again, the same signed reading, after a second; a reading with no
 * receipt after {@link #RESEND_AFTER} (a broker that stopped before it delivered loses what it had
 * acknowledged) is sent again too. The client reconnects by itself with a persistent session.
 */
final class ReadingLoad {
    /** One home: its meter and the key the DSO approved for it. */
    record Home(String deviceId, String assetId, KeyPair keys) {}

    private final List<Home> homes;
    private final Timeline timeline;
    private final long epoch;
    private final LocalDate day;
    private final double perSecond;
    private final Mqtt5AsyncClient client;
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(1);
    private final ScheduledExecutorService retries = Executors.newScheduledThreadPool(1);
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger outstanding = new AtomicInteger();
    /** How long a meter waits for a reading's receipt before it sends the reading again. */
    static final Duration RESEND_AFTER = Duration.ofSeconds(10);

    private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
    /** The meters' readings until their receipts. */
    private final HeldReadings held = new HeldReadings(RESEND_AFTER);

    private final java.util.Set<String> devices;

    ReadingLoad(
            List<Home> homes,
            String host,
            int port,
            String clientId,
            LocalDate day,
            double perSecond,
            Timeline timeline,
            long epoch) {
        this.homes = homes;
        this.timeline = timeline;
        this.epoch = epoch;
        this.day = day;
        this.perSecond = perSecond;
        this.devices = homes.stream().map(Home::deviceId).collect(java.util.stream.Collectors.toUnmodifiableSet());
        this.client = MqttClient.builder()
                .useMqttVersion5()
                .identifier(clientId)
                .serverHost(host)
                .serverPort(port)
                .automaticReconnect()
                .initialDelay(250, TimeUnit.MILLISECONDS)
                .maxDelay(2, TimeUnit.SECONDS)
                .applyAutomaticReconnect()
                .buildAsync();
    }

    /** Readings the broker can take in all: one per home and slot of the day. */
    int capacity() {
        return homes.size() * 96;
    }

    void start() throws Exception {
        // Receipts arrive on the session (also those queued while the meters were away), so the
        // listener is there before the connection.
        client.publishes(MqttGlobalPublishFilter.ALL, this::receipt);
        client.connectWith()
                .cleanStart(false)
                .sessionExpiryInterval(3600)
                .send()
                .get(20, TimeUnit.SECONDS);
        client.subscribeWith()
                .topicFilter("flexledger/receipts/+")
                .qos(MqttQos.AT_LEAST_ONCE)
                .send()
                .get(20, TimeUnit.SECONDS);
        long periodMicros = (long) (1_000_000 / perSecond);
        timer.scheduleAtFixedRate(this::publishNext, 0, periodMicros, TimeUnit.MICROSECONDS);
        retries.scheduleWithFixedDelay(this::resendUnanswered, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Stops publishing new readings and waits, at most {@code wait}, until every reading has its
     * receipt (sending again what has none).
     */
    void stop(Duration wait) throws InterruptedException {
        timer.shutdown();
        timer.awaitTermination(5, TimeUnit.SECONDS);
        long deadline = System.currentTimeMillis() + wait.toMillis();
        while (held.held() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        retries.shutdownNow();
        client.disconnect();
    }

    /** "deviceId slot" to "sequence" of every reading the broker acknowledged. */
    Map<String, String> acknowledged() {
        return Map.copyOf(acknowledged);
    }

    int published() {
        return Math.min(next.get(), capacity());
    }

    int unacknowledged() {
        return outstanding.get();
    }

    /** Readings the bridge answered (stored, stored before, or refused). */
    int receipted() {
        return held.answered();
    }

    /** Readings still held at the end: no receipt came for them. */
    int withoutReceipt() {
        return held.held();
    }

    /** Readings sent again because no receipt came in time. */
    int resent() {
        return held.resent();
    }

    /** Readings the bridge refused (none should be: each is a fresh, well-signed reading). */
    int refused() {
        return held.refused().size();
    }

    private void receipt(Mqtt5Publish publish) {
        String topic = publish.getTopic().toString();
        String device = topic.substring(topic.lastIndexOf('/') + 1);
        if (!devices.contains(device)) {
            return;
        }
        try {
            ReadingReceipt r = ReadingReceipt.parse(publish.getPayloadAsBytes());
            if (held.answer(r) && r.outcome() == ReadingReceipt.Outcome.REJECTED) {
                System.err.printf(
                        "chaos: reading %s slot %s refused: %s %s%n", device, r.slot(), r.reason(), r.detail());
            }
        } catch (MalformedReadingException e) {
            System.err.printf("chaos: unreadable receipt on %s: %s%n", topic, e.getMessage());
        }
    }

    private void resendUnanswered() {
        for (HeldReadings.Held h : held.due(System.currentTimeMillis())) {
            publish(h.deviceId(), h.slot(), h.payload(), false);
        }
    }

    /** A meter of the load numbers its readings by slot: one reading per slot, the first is 1. */
    private static long sequenceOf(int slot) {
        return slot + 1L;
    }

    private void publishNext() {
        // Back-pressure: while the broker or the bridge is away, stop producing new readings (a meter buffers).
        if (held.held() >= 2000) {
            return;
        }
        int k = next.getAndIncrement();
        if (k >= capacity()) {
            return;
        }
        Home home = homes.get(k % homes.size());
        int slot = k / homes.size();
        long sequence = sequenceOf(slot);
        KilowattHours kwh = KilowattHours.of(String.format(java.util.Locale.ROOT, "%.3f", 0.1 + (k % 7) * 0.05));
        SignedReading signed = SignedReading.sign(
                new MeterReading(home.deviceId(), home.assetId(), day, slot, kwh, sequence),
                home.keys().getPrivate());
        byte[] payload = ReadingCodec.toJsonText(signed).getBytes(StandardCharsets.UTF_8);
        held.hold(home.deviceId(), slot, payload, System.currentTimeMillis());
        outstanding.incrementAndGet();
        publish(home.deviceId(), slot, payload, true);
    }

    /** Publishes; {@code first} marks the first send, whose PUBACK is awaited with retries. */
    private void publish(String deviceId, int slot, byte[] payload, boolean first) {
        if (!first) {
            // A resend: its PUBACK changes nothing, the receipt is what is awaited.
            client.publishWith()
                    .topic("flexledger/readings/" + deviceId)
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload(payload)
                    .send();
            return;
        }
        client.publishWith()
                .topic("flexledger/readings/" + deviceId)
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload(payload)
                .send()
                .whenComplete((result, error) -> {
                    long now = System.currentTimeMillis();
                    if (error == null && result.getError().isEmpty()) {
                        acknowledged.put(deviceId + " " + slot, Long.toString(sequenceOf(slot)));
                        timeline.success("readings accepted", now - epoch);
                        outstanding.decrementAndGet();
                    } else {
                        timeline.failedTry(now - epoch);
                        try {
                            retries.schedule(() -> publish(deviceId, slot, payload, true), 1, TimeUnit.SECONDS);
                        } catch (java.util.concurrent.RejectedExecutionException stopped) {
                            // the run is over: this reading stays unacknowledged (not counted as taken)
                        }
                    }
                });
    }
}
