package io.flexledger.devicebridge.mqtt;

import java.time.Duration;

/**
 * Where and how the bridge subscribes.
 *
 * @param host the broker's host
 * @param port the broker's port
 * @param clientId the persistent session's client id (the broker keeps its queue under this id)
 * @param topicFilter the readings' topics, e.g. {@code flexledger/readings/+}
 * @param receiptTopicRoot where receipts go, one topic per device below it, e.g. {@code
 *     flexledger/receipts} for {@code flexledger/receipts/<deviceId>}
 * @param sessionExpiry how long the broker keeps the session while the bridge is away
 * @param login the bridge's user and password (the broker lets only it read readings and publish
 *     receipts); null only for settings that are never used to connect
 */
public record MqttSettings(
        String host,
        int port,
        String clientId,
        String topicFilter,
        String receiptTopicRoot,
        Duration sessionExpiry,
        MqttLogin login) {}
