package io.flexledger.marketplaceapi.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.Test;

/** The DSO's instance: the DSO is a party to every settlement and hears of each. */
@QuarkusTest
@TestProfile(InstanceProfiles.Dso.class)
class DsoEventsTest extends EventsFollowing {
    @Test
    @TestSecurity(user = "dso-operator", roles = "dso", attributes = @SecurityAttribute(key = "msp", value = "DsoMSP"))
    void theDsoReceivesAggregator2sSettlement() throws Exception {
        var first = firstReceivedOf(settled("Aggregator2MSP", "tx-90"));
        assertThat(first.path("name").asText()).isEqualTo("OrderSettled");
        assertThat(first.path("payload").path("aggregatorMsp").asText()).isEqualTo("Aggregator2MSP");
    }
}
