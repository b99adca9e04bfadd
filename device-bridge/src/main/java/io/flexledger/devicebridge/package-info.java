/**
 * Meter and device ingestion: signed interval readings over MQTT, verification against
 * the device keys registered on the ledger, off-chain storage and Merkle anchoring.
 * Not built yet: it needs the ledger (see the README's status section).
 */
package io.flexledger.devicebridge;
