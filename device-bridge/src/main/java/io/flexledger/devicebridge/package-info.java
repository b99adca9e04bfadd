/**
 * The device bridge: signed meter readings arrive over MQTT, are verified against the device keys
 * registered on the ledger, stored in PostgreSQL and anchored per day and aggregator as Merkle roots.
 */
package io.flexledger.devicebridge;
