package io.flexledger.marketplaceapi.ledger;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;
import java.util.Set;

/** The test application with the {@link InMemoryLedger} (and {@link InMemoryUftp}) behind the ledger ports, as Aggregator1's instance. */
public class InMemoryLedgerProfile implements QuarkusTestProfile {
    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(
                InMemoryLedger.class,
                InMemoryRegistry.class,
                InMemorySettlements.class,
                InMemoryCommunity.class,
                InMemoryUftp.class);
    }

    /** The same, as the DSO's instance. */
    public static final class Dso extends InMemoryLedgerProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("flex.fabric.msp-id", "DsoMSP");
        }
    }
}
