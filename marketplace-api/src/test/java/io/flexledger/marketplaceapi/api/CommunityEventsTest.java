package io.flexledger.marketplaceapi.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.Test;

/**
 * The community's instance: its peer sees every organisation's events, its users read no
 * settlements. The attack: a prosumer of CommunityMSP follows the stream to learn what Aggregator2
 * is paid.
 */
@QuarkusTest
@TestProfile(InstanceProfiles.Community.class)
class CommunityEventsTest extends EventsFollowing {
    @Test
    @TestSecurity(
            user = "community-prosumer",
            roles = "prosumer",
            attributes = @SecurityAttribute(key = "msp", value = "CommunityMSP"))
    void aCommunityProsumerDoesNotReceiveAggregator2sSettlement() throws Exception {
        // The same prosumer cannot read the settlement through the API either.
        given().get("/api/settlements/stl-ord-1").then().statusCode(403);
        var first = firstReceivedOf(
                settled("Aggregator2MSP", "tx-70"),
                disputed("Aggregator2MSP", "tx-71"),
                anchored("Aggregator2MSP", "tx-72"),
                offered("tx-73"));
        assertThat(first.path("name").asText()).isEqualTo("OfferCreated");
        assertThat(first.path("txId").asText()).isEqualTo("tx-73");
    }

    @Test
    @TestSecurity(
            user = "community-admin",
            roles = "admin",
            attributes = @SecurityAttribute(key = "msp", value = "CommunityMSP"))
    void norDoesTheCommunitysAdmin() throws Exception {
        assertThat(firstTxOf(settled("Aggregator2MSP", "tx-80"), offered("tx-81")))
                .isEqualTo("tx-81");
    }
}
