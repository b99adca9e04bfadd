package io.flexledger.marketplaceapi.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.Test;

/** Aggregator2's instance: its aggregator hears of its own settlements, its prosumers of none. */
@QuarkusTest
@TestProfile(InstanceProfiles.Aggregator2.class)
class Aggregator2EventsTest extends EventsFollowing {
    @Test
    @TestSecurity(
            user = "agg2-trader",
            roles = "aggregator",
            attributes = @SecurityAttribute(key = "msp", value = "Aggregator2MSP"))
    void aggregator2sAggregatorReceivesItsSettlement() throws Exception {
        assertThat(firstTxOf(settled("Aggregator1MSP", "tx-100"), settled("Aggregator2MSP", "tx-101")))
                .isEqualTo("tx-101");
    }

    @Test
    @TestSecurity(
            user = "agg2-prosumer",
            roles = "prosumer",
            attributes = @SecurityAttribute(key = "msp", value = "Aggregator2MSP"))
    void aggregator2sProsumerDoesNot() throws Exception {
        assertThat(firstTxOf(settled("Aggregator2MSP", "tx-110"), offered("tx-111")))
                .isEqualTo("tx-111");
    }
}
