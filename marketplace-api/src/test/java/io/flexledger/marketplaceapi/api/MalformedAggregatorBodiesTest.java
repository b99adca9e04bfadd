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

    @Test
    void devices() {
        PostEndpoints.passesTheValidBodyToTheLedger(PostEndpoints.DEVICES);
        PostEndpoints.refusesEveryGeneratedBody(PostEndpoints.DEVICES);
    }

    @Test
    void meterKeys() {
        PostEndpoints.passesTheValidBodyToTheLedger(PostEndpoints.METER_KEY);
        PostEndpoints.refusesEveryGeneratedBody(PostEndpoints.METER_KEY);
    }

    @Test
    void baselineCommitments() {
        PostEndpoints.passesTheValidBodyToTheLedger(PostEndpoints.BASELINES);
        PostEndpoints.refusesEveryGeneratedBody(PostEndpoints.BASELINES);
    }

    @Test
    void baselineReveals() {
        PostEndpoints.passesTheValidBodyToTheLedger(PostEndpoints.BASELINE_REVEAL);
        PostEndpoints.refusesEveryGeneratedBody(PostEndpoints.BASELINE_REVEAL);
    }

    /** The generated bodies of disputes and resolutions run on the DSO's instance: the same checks. */
    @Test
    void disputesAndResolutionsByTheAggregatorReachTheLedger() {
        PostEndpoints.passesTheValidBodyToTheLedger(PostEndpoints.DISPUTES);
        PostEndpoints.passesTheValidBodyToTheLedger(PostEndpoints.RESOLUTION);
    }
}
