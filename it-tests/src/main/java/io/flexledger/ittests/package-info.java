/**
 * End-to-end tests on a local Fabric network with real Keycloak, MQTT broker, database and
 * EVM node. Empty until the network can be started here (see the README's status section).
 */
package io.flexledger.ittests;
