package io.flexledger.marketplaceapi.community;

import static io.flexledger.marketplaceapi.community.CommunityFixture.AGG1;
import static io.flexledger.marketplaceapi.community.CommunityFixture.DAY;
import static io.flexledger.marketplaceapi.community.CommunityFixture.get;
import static io.flexledger.marketplaceapi.community.CommunityFixture.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.flexledger.marketplaceapi.ledger.InMemoryCommunity;
import io.flexledger.marketplaceapi.ledger.InMemoryLedger;
import io.flexledger.marketplaceapi.ledger.InMemoryLedgerProfile;
import io.flexledger.marketplaceapi.ledger.InMemoryRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Aggregator2's own instance, its users' tokens valid there, against Aggregator1's community: its trader
 * approving a membership of Aggregator1's home or reading its trades, its prosumer claiming Aggregator1's
 * home. The ledger refuses each with {@code COMMUNITY_MSP_NOT_ALLOWED}: the community is Aggregator1's
 * and CommunityMSP's only.
 */
@QuarkusTest
@TestProfile(CommunityOtherOperatorTest.Aggregator2InMemory.class)
class CommunityOtherOperatorTest {
    /** The in-memory ledgers, as Aggregator2's instance. */
    public static final class Aggregator2InMemory extends InMemoryLedgerProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("flex.fabric.msp-id", "Aggregator2MSP");
        }
    }

    @Inject
    InMemoryLedger ledger;

    @Inject
    InMemoryRegistry registry;

    @Inject
    InMemoryCommunity community;

    CommunityFixture fixture;

    @BeforeEach
    void aggregator1sCommunity() {
        fixture = new CommunityFixture(ledger, registry, community)
                .grid("home-a")
                .member(AGG1, "agg1-prosumer", "home-a", false)
                .day("PAY_AS_CLEAR");
    }

    @Test
    @TestSecurity(
            user = "agg2-trader",
            roles = "aggregator",
            attributes = @SecurityAttribute(key = "msp", value = "Aggregator2MSP"))
    void anotherAggregatorCannotApproveAMembershipOrReadTheTrades() {
        post("/api/community/memberships/home-a/approve", "a-1", null)
                .statusCode(403)
                .contentType("application/problem+json")
                .body("code", equalTo("COMMUNITY_MSP_NOT_ALLOWED"));
        assertThat(community.as(AGG1).readMembership("home-a").state())
                .isEqualTo(io.flexledger.contract.codec.CommunityRecords.MembershipState.PROPOSED);
        get("/api/community/clearing/Aggregator1MSP/" + DAY)
                .statusCode(403)
                .body("code", equalTo("COMMUNITY_MSP_NOT_ALLOWED"));
        get("/api/community/orders?day=" + DAY + "&community=Aggregator1MSP")
                .statusCode(403)
                .body("code", equalTo("COMMUNITY_MSP_NOT_ALLOWED"));
        // the day itself is public
        get("/api/community/days/Aggregator1MSP/" + DAY).statusCode(200).body("community", equalTo(AGG1));
    }

    @Test
    @TestSecurity(
            user = "agg2-prosumer",
            roles = "prosumer",
            attributes = @SecurityAttribute(key = "msp", value = "Aggregator2MSP"))
    void anotherAggregatorsProsumerCannotClaimTheHome() {
        community.clear();
        post("/api/community/memberships", "m-1", "{\"homeId\": \"home-a\"}")
                .statusCode(403)
                .body("code", equalTo("COMMUNITY_MSP_NOT_ALLOWED"));
    }
}
