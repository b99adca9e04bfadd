package io.flexledger.marketplaceapi.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.Test;

/** Generated malformed bodies on the Aggregator1 instance's POST endpoints: all 400, none reaches the ledger. */
@QuarkusTest
@TestSecurity(
        user = "agg1-trader",
        roles = "aggregator",
        attributes = @SecurityAttribute(key = "msp", value = "Aggregator1MSP"))
class MalformedAggregatorBodiesTest {
    @Test
    void offers() {
        PostEndpoints.refusesEveryGeneratedBody(PostEndpoints.OFFERS);
    }

    @Test
    void revocations() {
        PostEndpoints.refusesEveryGeneratedBody(PostEndpoints.REVOCATION);
    }

    @Test
    void assets() {
        PostEndpoints.refusesEveryGeneratedBody(PostEndpoints.ASSETS);
    }
}
