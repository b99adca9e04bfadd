package io.flexledger.marketplaceapi.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.Test;

/**
 * The live event stream on an Aggregator1 instance (the test profile's): a follower receives, as
 * server-sent events with their name, transaction, block and JSON payload, the events whose record it
 * may read, and no others.
 */
@QuarkusTest
class EventsResourceTest extends EventsFollowing {
    @Test
    @TestSecurity(
            user = "agg1-trader",
            roles = "aggregator",
            attributes = @SecurityAttribute(key = "msp", value = "Aggregator1MSP"))
    void theAggregatorHearsOfItsOwnSettlementNotOfAnothers() throws Exception {
        JsonNode data = firstReceivedOf(settled("Aggregator2MSP", "tx-41"), settled("Aggregator1MSP", "tx-42"));
        assertThat(data.path("name").asText()).isEqualTo("OrderSettled");
        assertThat(data.path("txId").asText()).isEqualTo("tx-42");
        assertThat(data.path("blockNumber").asLong()).isEqualTo(17);
        assertThat(data.path("payload").path("netEur").asText()).isEqualTo("3.1200");
        assertThat(data.path("payload").path("aggregatorMsp").asText()).isEqualTo("Aggregator1MSP");
    }

    @Test
    @TestSecurity(
            user = "agg1-prosumer",
            roles = "prosumer",
            attributes = @SecurityAttribute(key = "msp", value = "Aggregator1MSP"))
    void aProsumerHearsOfTheMarketButNotOfSettlementsNotEvenItsAggregators() throws Exception {
        assertThat(firstTxOf(
                        settled("Aggregator1MSP", "tx-50"),
                        disputed("Aggregator1MSP", "tx-51"),
                        anchored("Aggregator1MSP", "tx-52"),
                        settled("Aggregator2MSP", "tx-53"),
                        offered("tx-54")))
                .isEqualTo("tx-54");
    }

    @Test
    @TestSecurity(
            user = "agg1-admin",
            roles = "admin",
            attributes = @SecurityAttribute(key = "msp", value = "Aggregator1MSP"))
    void theAdminHearsOfItsOwnOrganisationsDisputesOnly() throws Exception {
        assertThat(firstTxOf(disputed("Aggregator2MSP", "tx-60"), disputed("Aggregator1MSP", "tx-61")))
                .isEqualTo("tx-61");
    }
}
