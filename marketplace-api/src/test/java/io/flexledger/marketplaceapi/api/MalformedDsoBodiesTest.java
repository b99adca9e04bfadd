package io.flexledger.marketplaceapi.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Generated malformed bodies on a DSO instance's POST endpoints: all 400, none reaches the ledger. */
@QuarkusTest
@TestProfile(MalformedDsoBodiesTest.DsoInstance.class)
@TestSecurity(user = "dso-operator", roles = "dso", attributes = @SecurityAttribute(key = "msp", value = "DsoMSP"))
class MalformedDsoBodiesTest {
    @Test
    void congestionPoints() {
        PostEndpoints.refusesEveryGeneratedBody(PostEndpoints.CONGESTION_POINTS);
    }

    @Test
    void requests() {
        PostEndpoints.refusesEveryGeneratedBody(PostEndpoints.REQUESTS);
    }

    @Test
    void orders() {
        PostEndpoints.refusesEveryGeneratedBody(PostEndpoints.ORDERS);
    }

    /** The test profile with the instance signing as the DSO. */
    public static class DsoInstance implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("flex.fabric.msp-id", "DsoMSP");
        }
    }
}
