package io.flexledger.devicebridge.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.flexledger.client.reading.ReadingReceipt;
import io.flexledger.devicebridge.pipeline.IngestionPipeline;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * The bridge's MQTT session: a persistent session (clean start off, long expiry) subscribed at QoS 1,
 * with manual acknowledgement, feeding every message to the {@link IngestionPipeline}. Once a message's
 * outcome is committed the bridge publishes its {@link ReadingReceipt} to {@code <receipt root>/<deviceId>}
 * (QoS 1), then acknowledges the message. Reconnects by itself after a broker restart.
 *
 * <p>The receipt is what a meter waits for: the broker's PUBACK to the meter means the broker has the
 * reading, not that it will survive the broker's crash. A meter keeps each reading until its receipt
 * comes and sends it again when none came in a while; the bridge answers a resend as stored.
 */
public final class MqttIngestion {
    private static final Logger LOG = Logger.getLogger(MqttIngestion.class);

    private final MqttSettings settings;
    private final IngestionPipeline pipeline;
    private Mqtt5AsyncClient client;

    public MqttIngestion(MqttSettings settings, IngestionPipeline pipeline) {
        this.settings = settings;
        this.pipeline = pipeline;
    }

    /** Starts the pipeline, connects and subscribes; waits at most {@code timeout} for the broker. */
    public synchronized void start(Duration timeout) {
        if (client != null) {
            return;
        }
        if (settings.login() == null) {
            throw new IllegalStateException("the bridge has no MQTT login (bridge.mqtt.password-file)");
        }
        pipeline.start();
        Mqtt5AsyncClient c = MqttClient.builder()
                .useMqttVersion5()
                .identifier(settings.clientId())
                .serverHost(settings.host())
                .serverPort(settings.port())
                .simpleAuth()
                .username(settings.login().username())
                .password(settings.login().password().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .applySimpleAuth()
                .automaticReconnect()
                .initialDelay(200, TimeUnit.MILLISECONDS)
                .maxDelay(5, TimeUnit.SECONDS)
                .applyAutomaticReconnect()
                .addConnectedListener(ctx -> LOG.infof(
                        "connected to mqtt://%s:%d as %s", settings.host(), settings.port(), settings.clientId()))
                .addDisconnectedListener(ctx -> LOG.infof(
                        "disconnected from the broker (%s)", ctx.getCause().getMessage()))
                .buildAsync();
        // Registered before connecting and for ALL publishes: the messages the broker queued in the
        // session arrive right after the connection, before this client instance has subscribed.
        c.publishes(
                MqttGlobalPublishFilter.ALL,
                publish -> pipeline.submit(publish.getTopic().toString(), publish.getPayloadAsBytes(), receipt -> {
                    sendReceipt(c, receipt);
                    publish.acknowledge();
                }),
                true);
        try {
            c.connectWith()
                    .cleanStart(false)
                    .sessionExpiryInterval(settings.sessionExpiry().toSeconds())
                    .send()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            var granted = c.subscribeWith()
                    .topicFilter(settings.topicFilter())
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            // A broker that does not let this user read the readings says so here, not by silence.
            if (granted.getReasonCodes().stream().anyMatch(code -> code.isError())) {
                throw new ExecutionException(
                        new IllegalStateException("the broker refused the subscription to " + settings.topicFilter()
                                + " for user " + settings.login().username() + ": " + granted.getReasonCodes()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to the broker", e);
        } catch (ExecutionException | TimeoutException e) {
            c.disconnect();
            pipeline.halt();
            throw new IllegalStateException(
                    "cannot subscribe at mqtt://" + settings.host() + ":" + settings.port() + ": " + e.getMessage(), e);
        }
        client = c;
        LOG.infof("subscribed to %s (QoS 1, persistent session %s)", settings.topicFilter(), settings.clientId());
    }

    /**
     * Disconnects (the session and its unacknowledged messages stay with the broker), then lets the
     * pipeline commit what it has.
     */
    public synchronized void stop(Duration timeout) {
        if (client == null) {
            return;
        }
        disconnect();
        pipeline.stop(timeout);
    }

    /** Stops as a crash would: disconnects and drops everything not yet committed, unacknowledged. */
    public synchronized void crash() {
        if (client == null) {
            return;
        }
        pipeline.halt();
        disconnect();
    }

    private void sendReceipt(Mqtt5AsyncClient c, ReadingReceipt receipt) {
        if (receipt.deviceId() == null || receipt.deviceId().isEmpty()) {
            return;
        }
        // Sent before the acknowledgement, not awaited: a receipt the broker loses is made good by the
        // meter's resend, which gets a receipt of its own.
        c.publishWith()
                .topic(settings.receiptTopicRoot() + "/" + receipt.deviceId())
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload(receipt.toJson())
                .send()
                .whenComplete((r, e) -> {
                    if (e != null) {
                        LOG.debugf("receipt to %s not sent: %s", receipt.deviceId(), e.getMessage());
                    }
                });
    }

    private void disconnect() {
        try {
            client.disconnect().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.debugf("disconnect: %s", e.getMessage());
        }
        client = null;
    }
}
