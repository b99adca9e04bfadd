package io.flexledger.marketplaceapi.community;

import static io.flexledger.marketplaceapi.community.CommunityFixture.AGG1;
import static io.flexledger.marketplaceapi.community.CommunityFixture.COMMUNITY;
import static io.flexledger.marketplaceapi.community.CommunityFixture.DAY;
import static io.flexledger.marketplaceapi.community.CommunityFixture.get;
import static io.flexledger.marketplaceapi.community.CommunityFixture.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.flexledger.marketplaceapi.ledger.ChaincodeRejection;
import io.flexledger.marketplaceapi.ledger.InMemoryCommunity;
import io.flexledger.marketplaceapi.ledger.InMemoryLedger;
import io.flexledger.marketplaceapi.ledger.InMemoryLedgerProfile;
import io.flexledger.marketplaceapi.ledger.InMemoryRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The community market's refusals on Aggregator1's instance, each an attack by the party that would
 * profit: a prosumer trading a neighbour's home, trading without (or before) an approved membership,
 * naming another member, another organisation's token approving or clearing, a prosumer reading the
 * others' trades or clearing the day, a clearing before the gate or an order after it, malformed bodies.
 */
@QuarkusTest
@TestProfile(InMemoryLedgerProfile.class)
class CommunityRefusalsTest {
    @Inject
    InMemoryLedger ledger;

    @Inject
    InMemoryRegistry registry;

    @Inject
    InMemoryCommunity community;

    CommunityFixture fixture;

    @BeforeEach
    void emptyLedger() {
        fixture = new CommunityFixture(ledger, registry, community).grid("home-a", "home-b", "home-c");
    }

    static String order(String id, String home) {
        return """
                {"id": "%s", "homeId": "%s", "day": "2030-06-01", "slot": 68, "side": "SELL",
                 "flexible": true, "kw": 2.0, "price": 0.10}
                """.formatted(id, home);
    }

    @Test
    @TestSecurity(
            user = "agg1-prosumer",
            roles = "prosumer",
            attributes = @SecurityAttribute(key = "msp", value = AGG1))
    void aProsumerCannotPostForAHomeItIsNotTheMemberOf() {
        fixture.member(AGG1, "agg1-prosumer", "home-a", true)
                .member(AGG1, "agg1-neighbour", "home-c", true)
                .day("PAY_AS_CLEAR");

        post("/api/community/orders", "o-1", order("o-1", "home-c"))
                .statusCode(403)
                .contentType("application/problem+json")
                .body("code", equalTo("MEMBERSHIP_NOT_ACTIVE"))
                .body("detail", containsString("agg1-prosumer is not the ACTIVE member of home home-c"));
        // nor by naming the neighbour as the member: the member comes from the token only
        post("/api/community/orders", "o-2", order("o-2", "home-c").replace("{", "{\"member\": \"agg1-neighbour\","))
                .statusCode(400)
                .body("violations[0].field", equalTo("$.member"));
        // the ledger refuses it too, when the API is bypassed
        assertThatThrownBy(() -> fixture.order(AGG1, "o-3", "agg1-prosumer", "home-c", 68, "SELL", true, "2", "0.1"))
                .isInstanceOf(ChaincodeRejection.class)
                .hasMessageStartingWith("MEMBERSHIP_NOT_ACTIVE");
        assertThat(community.as(AGG1).listOrders(AGG1, DAY).records())
                .extracting(o -> o.order().id())
                .doesNotContain("o-1", "o-2", "o-3");
    }

    @Test
    @TestSecurity(
            user = "agg1-prosumer",
            roles = "prosumer",
            attributes = @SecurityAttribute(key = "msp", value = AGG1))
    void anOrderWithoutAnApprovedMembershipIsRefused() {
        fixture.day("PAY_AS_CLEAR");
        post("/api/community/orders", "o-1", order("o-1", "home-a"))
                .statusCode(403)
                .body("code", equalTo("MEMBERSHIP_NOT_ACTIVE"))
                .body("detail", containsString("no member"));

        fixture.member(AGG1, "agg1-prosumer", "home-a", false);
        post("/api/community/orders", "o-2", order("o-2", "home-a"))
                .statusCode(403)
                .body("code", equalTo("MEMBERSHIP_NOT_ACTIVE"));
    }

    @Test
    @TestSecurity(
            user = "community-prosumer",
            roles = "prosumer",
            attributes = @SecurityAttribute(key = "msp", value = AGG1))
    void aMembershipProposedThroughCommunityMspIsNotTradedThroughTheOperatorsInstance() {
        // a user of the same name at Aggregator1 cannot trade the membership CommunityMSP proposed
        fixture.member(COMMUNITY, "community-prosumer", "home-b", true).day("PAY_AS_CLEAR");
        post("/api/community/orders", "o-1", order("o-1", "home-b"))
                .statusCode(403)
                .body("code", equalTo("COMMUNITY_MSP_NOT_ALLOWED"));
    }

    @Test
    @TestSecurity(
            user = "agg1-prosumer",
            roles = "prosumer",
            attributes = @SecurityAttribute(key = "msp", value = AGG1))
    void anOrderAfterTheCommunityGateIsRefused() {
        fixture.member(AGG1, "agg1-prosumer", "home-a", true)
                .day("PAY_AS_CLEAR")
                .afterGate();
        post("/api/community/orders", "o-1", order("o-1", "home-a"))
                .statusCode(409)
                .body("code", equalTo("COMMUNITY_GATE_CLOSED"));
    }

    @Test
    @TestSecurity(
            user = "agg1-prosumer",
            roles = "prosumer",
            attributes = @SecurityAttribute(key = "msp", value = AGG1))
    void aProsumerNeitherClearsNorApprovesNorOpensDays() {
        fixture.member(AGG1, "agg1-prosumer", "home-a", false)
                .day("PAY_AS_CLEAR")
                .afterGate();
        post("/api/community/clearing/" + DAY, "clear-" + System.nanoTime(), null)
                .statusCode(403);
        post("/api/community/memberships/home-a/approve", "a-1", null).statusCode(403);
        post("/api/community/days", "d-1", CommunityFixture.dayJson("PAY_AS_CLEAR"))
                .statusCode(403);
        assertThat(community.as(AGG1).readMembership("home-a").state())
                .isEqualTo(io.flexledger.contract.codec.CommunityRecords.MembershipState.PROPOSED);
    }

    @Test
    @TestSecurity(
            user = "agg1-prosumer",
            roles = "prosumer",
            attributes = @SecurityAttribute(key = "msp", value = AGG1))
    void aProsumerDoesNotReadAnotherMembersTradesOrOrders() {
        fixture.member(AGG1, "agg1-prosumer", "home-a", true)
                .member(AGG1, "agg1-neighbour", "home-c", true)
                .day("PAY_AS_CLEAR")
                .order(AGG1, "a-68", "agg1-prosumer", "home-a", 68, "BUY", false, "2", "0.25")
                .order(AGG1, "c-68", "agg1-neighbour", "home-c", 68, "SELL", true, "2", "0.10")
                .afterGate();
        community
                .as(AGG1)
                .recordClearing(
                        "clear-1",
                        CommunityFixture.clearing(
                                CommunityFixture.trade("a-68", "2", "0.175"),
                                CommunityFixture.trade("c-68", "2", "0.175")));

        get("/api/community/clearing/Aggregator1MSP/" + DAY)
                .statusCode(200)
                .body("trades.orderId", org.hamcrest.Matchers.contains("a-68"));
        get("/api/community/orders?day=" + DAY)
                .statusCode(200)
                .body("records.id", org.hamcrest.Matchers.contains("a-68"));
        get("/api/community/me").statusCode(200).body("memberships.homeId", org.hamcrest.Matchers.contains("home-a"));
    }

    @Test
    @TestSecurity(
            user = "agg2-trader",
            roles = "aggregator",
            attributes = @SecurityAttribute(key = "msp", value = "Aggregator2MSP"))
    void anotherOrganisationsAggregatorIsRefusedOnThisInstance() {
        fixture.member(AGG1, "agg1-prosumer", "home-a", false)
                .day("PAY_AS_CLEAR")
                .afterGate();
        post("/api/community/memberships/home-a/approve", "a-1", null)
                .statusCode(403)
                .body("detail", containsString("Aggregator2MSP"));
        post("/api/community/clearing/" + DAY, "clear-" + System.nanoTime(), null)
                .statusCode(403);
        get("/api/community/clearing/Aggregator1MSP/" + DAY).statusCode(403);
        assertThat(community.as(AGG1).readMembership("home-a").state())
                .isEqualTo(io.flexledger.contract.codec.CommunityRecords.MembershipState.PROPOSED);
    }

    @Test
    @TestSecurity(
            user = "agg1-trader",
            roles = "aggregator",
            attributes = @SecurityAttribute(key = "msp", value = AGG1))
    void theLedgerRefusesEveryoneButTheHomesAggregatorTheApproval() {
        fixture.member(AGG1, "agg1-prosumer", "home-a", false);
        for (String other : new String[] {"Aggregator2MSP", COMMUNITY, "DsoMSP"}) {
            assertThatThrownBy(() -> community.as(other).approveMembership("k-" + other, "home-a"))
                    .isInstanceOf(ChaincodeRejection.class)
                    .hasMessageStartingWith("COMMUNITY_MSP_NOT_ALLOWED");
        }
        assertThatThrownBy(() -> community.as("Aggregator2MSP").listMemberships(AGG1))
                .hasMessageStartingWith("COMMUNITY_MSP_NOT_ALLOWED");
    }

    @Test
    @TestSecurity(
            user = "agg1-trader",
            roles = "aggregator",
            attributes = @SecurityAttribute(key = "msp", value = AGG1))
    void aClearingBeforeTheCommunityGateIsRefusedAndNothingIsOffered() throws Exception {
        fixture.member(AGG1, "agg1-neighbour", "home-c", true)
                .day("PAY_AS_CLEAR")
                .order(AGG1, "c-69", "agg1-neighbour", "home-c", 69, "SELL", true, "1.5", "0.12");

        post("/api/community/clearing/" + DAY, "clear-" + System.nanoTime(), null)
                .statusCode(409)
                .body("code", equalTo("COMMUNITY_GATE_CLOSED"));
        assertThat(ledger.listOffersByDay(DAY, "100", "").records())
                .noneMatch(o -> o.offer().assetId().equals("home-c"));
    }

    @Test
    @TestSecurity(
            user = "agg1-trader",
            roles = "aggregator",
            attributes = @SecurityAttribute(key = "msp", value = AGG1))
    void theLedgerRefusesUnbalancedOrOverchargedTrades() {
        fixture.member(AGG1, "agg1-prosumer", "home-a", true)
                .member(AGG1, "agg1-neighbour", "home-c", true)
                .day("PAY_AS_CLEAR")
                .order(AGG1, "a-68", "agg1-prosumer", "home-a", 68, "BUY", false, "2", "0.25")
                .order(AGG1, "c-68", "agg1-neighbour", "home-c", 68, "SELL", true, "2", "0.10")
                .afterGate();
        java.util.function.BiFunction<String, String, io.flexledger.contract.codec.CommunityRecords.ClearingInput>
                clearing = (kw, price) -> CommunityFixture.clearing(
                CommunityFixture.trade("a-68", kw, price), CommunityFixture.trade("c-68", "2", "0.175"));
        assertThatThrownBy(() -> community.as(AGG1).recordClearing("k-1", clearing.apply("1.5", "0.175")))
                .hasMessageStartingWith("COMMUNITY_TRADE_INVALID");
        assertThatThrownBy(() -> community.as(AGG1).recordClearing("k-2", clearing.apply("2", "0.30")))
                .hasMessageStartingWith("COMMUNITY_TRADE_INVALID");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"id\": \"o-1\", \"homeId\": \"home-a\", \"day\": \"2030-06-01\", \"slot\": 68, \"side\": \"SELL\", \"flexible\": true, \"kw\": \"two\", \"price\": 0.1} | $.kw",
                "{\"id\": \"o-1\", \"homeId\": \"home-a\", \"day\": \"2030-06-01\", \"slot\": 96, \"side\": \"SELL\", \"flexible\": true, \"kw\": 2, \"price\": 0.1} | $.slot",
                "{\"id\": \"o-1\", \"homeId\": \"home-a\", \"day\": \"2030-06-01\", \"slot\": 68, \"side\": \"HOLD\", \"flexible\": true, \"kw\": 2, \"price\": 0.1} | $.side",
                "{\"id\": \"o-1\", \"homeId\": \"home-a\", \"day\": \"01/06/2030\", \"slot\": 68, \"side\": \"SELL\", \"flexible\": true, \"kw\": 2, \"price\": 0.1} | $.day",
                "{\"id\": \"o-1\", \"homeId\": \"home-a\", \"day\": \"2030-06-01\", \"slot\": 68, \"side\": \"SELL\", \"flexible\": \"yes\", \"kw\": 2, \"price\": 0.1} | $.flexible",
                "{\"id\": \"o-1\", \"homeId\": \"home-a\", \"day\": \"2030-06-01\", \"slot\": 68, \"side\": \"SELL\", \"flexible\": true, \"kw\": 2, \"price\": -0.1} | $.price",
                "{\"id\": \"o 1\", \"homeId\": \"home-a\", \"day\": \"2030-06-01\", \"slot\": 68, \"side\": \"SELL\", \"flexible\": true, \"kw\": 2, \"price\": 0.1} | $.id",
                "{\"homeId\": \"home-a\", \"day\": \"2030-06-01\", \"slot\": 68, \"side\": \"SELL\", \"flexible\": true, \"kw\": 2, \"price\": 0.1} | $.id",
                "[1, 2] | $"
            })
    @TestSecurity(
            user = "agg1-prosumer",
            roles = "prosumer",
            attributes = @SecurityAttribute(key = "msp", value = AGG1))
    void aMalformedOrderIsRefusedNamingTheField(String body, String field) {
        post("/api/community/orders", "o-bad", body)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo(field));
    }

    @Test
    @TestSecurity(
            user = "agg1-prosumer",
            roles = "prosumer",
            attributes = @SecurityAttribute(key = "msp", value = AGG1))
    void aWriteWithoutAnIdempotencyKeyOrHomeIsRefused() {
        post("/api/community/orders", null, order("o-1", "home-a"))
                .statusCode(400)
                .body("violations[0].field", equalTo("header Idempotency-Key"));
        post("/api/community/memberships", "m-1", "{}")
                .statusCode(400)
                .body("violations[0].field", equalTo("$.homeId"));
        post("/api/community/memberships", "m-2", "{\"homeId\": \"home-a\", \"member\": \"agg1-neighbour\"}")
                .statusCode(400)
                .body("violations[0].field", equalTo("$.member"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "\"gateClosure\":\"2030-05-31T20:00:00Z\" | \"gateClosure\":\"2030-05-31T22:30:00Z\" | $.gateClosure",
                "\"pricing\":\"PAY_AS_CLEAR\" | \"pricing\":\"FREE\" | $.pricing",
                "\"importPrice\":[0.30, | \"importPrice\":[ | $.importPrice",
                "\"exportPrice\":[0.05, | \"exportPrice\":[0.50, | $.exportPrice[0]",
                "\"community\":\"Aggregator1MSP\" | \"community\":\"Aggregator1MSP\",\"extra\":1 | $.extra"
            })
    @TestSecurity(
            user = "agg1-trader",
            roles = "aggregator",
            attributes = @SecurityAttribute(key = "msp", value = AGG1))
    void aMalformedDayIsRefusedNamingTheField(String from, String to, String field) {
        String body = CommunityFixture.dayJson("PAY_AS_CLEAR")
                .replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));
        post("/api/community/days", "d-bad", body).statusCode(400).body("violations[0].field", equalTo(field));
    }

    @Test
    @TestSecurity(
            user = "agg1-trader",
            roles = "aggregator",
            attributes = @SecurityAttribute(key = "msp", value = AGG1))
    void anOperatorOpensNoDayOfAnotherCommunity() {
        post(
                        "/api/community/days",
                        "d-1",
                        CommunityFixture.dayJson("PAY_AS_CLEAR").replace(AGG1, "Aggregator2MSP"))
                .statusCode(403);
        assertThatThrownBy(() -> community.as("Aggregator2MSP").readDay(AGG1, DAY))
                .hasMessageStartingWith("COMMUNITY_DAY_NOT_FOUND");
    }
}
