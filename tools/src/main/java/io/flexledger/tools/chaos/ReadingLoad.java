package io.flexledger.tools.chaos;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.flexledger.client.reading.ReadingCodec;
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
 * one day. A reading counts as accepted when the broker acknowledges it (PUBACK); a publish that
 * fails is sent again, the same signed reading, after a second. The client reconnects by itself
 * with a persistent session, as a meter does.
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
    private final Map<String, String> acknowledged = new ConcurrentHashMap<>();

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
        client.connectWith()
                .cleanStart(false)
                .sessionExpiryInterval(3600)
                .send()
                .get(20, TimeUnit.SECONDS);
        long periodMicros = (long) (1_000_000 / perSecond);
        timer.scheduleAtFixedRate(this::publishNext, 0, periodMicros, TimeUnit.MICROSECONDS);
    }

    /** Stops publishing new readings and waits for the ones in flight to be acknowledged. */
    void stop(Duration wait) throws InterruptedException {
        timer.shutdown();
        timer.awaitTermination(5, TimeUnit.SECONDS);
        long deadline = System.currentTimeMillis() + wait.toMillis();
        while (outstanding.get() > 0 && System.currentTimeMillis() < deadline) {
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

    private void publishNext() {
        // Back-pressure: while the broker is away, stop producing new readings (a meter buffers).
        if (outstanding.get() >= 2000) {
            return;
        }
        int k = next.getAndIncrement();
        if (k >= capacity()) {
            return;
        }
        Home home = homes.get(k % homes.size());
        int slot = k / homes.size();
        long sequence = slot + 1L;
        KilowattHours kwh = KilowattHours.of(String.format(java.util.Locale.ROOT, "%.3f", 0.1 + (k % 7) * 0.05));
        SignedReading signed = SignedReading.sign(
                new MeterReading(home.deviceId(), home.assetId(), day, slot, kwh, sequence),
                home.keys().getPrivate());
        outstanding.incrementAndGet();
        send(home.deviceId(), slot, sequence, ReadingCodec.toJsonText(signed).getBytes(StandardCharsets.UTF_8));
    }

    private void send(String deviceId, int slot, long sequence, byte[] payload) {
        client.publishWith()
                .topic("flexledger/readings/" + deviceId)
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload(payload)
                .send()
                .whenComplete((result, error) -> {
                    long now = System.currentTimeMillis();
                    if (error == null && result.getError().isEmpty()) {
                        acknowledged.put(deviceId + " " + slot, Long.toString(sequence));
                        timeline.success("readings accepted", now - epoch);
                        outstanding.decrementAndGet();
                    } else {
                        timeline.failedTry(now - epoch);
                        try {
                            retries.schedule(() -> send(deviceId, slot, sequence, payload), 1, TimeUnit.SECONDS);
                        } catch (java.util.concurrent.RejectedExecutionException stopped) {
                            // the run is over: this reading stays unacknowledged (not counted as taken)
                        }
                    }
                });
    }
}
