package io.flexledger.marketplaceapi.api;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The test application as another organisation's instance (the default profile is Aggregator1's). */
final class InstanceProfiles {
    private InstanceProfiles() {}

    /** The DSO's instance. */
    public static final class Dso implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("flex.fabric.msp-id", "DsoMSP");
        }
    }

    /** Aggregator2's instance. */
    public static final class Aggregator2 implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("flex.fabric.msp-id", "Aggregator2MSP");
        }
    }

    /** The community's instance. */
    public static final class Community implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("flex.fabric.msp-id", "CommunityMSP");
        }
    }
}
