package io.flexledger.devicebridge.support;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** In the Quarkus tests the ledger's two ports are in memory (they replace the HTTP adapters). */
public class TestPorts {
    @Produces
    @Singleton
    InMemoryDeviceDirectory directory() {
        return new InMemoryDeviceDirectory();
    }

    @Produces
    @Singleton
    InMemoryAnchorLedger ledger() {
        return new InMemoryAnchorLedger();
    }
}
