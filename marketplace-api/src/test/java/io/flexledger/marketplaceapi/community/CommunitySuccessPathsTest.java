package io.flexledger.marketplaceapi.community;

import static io.flexledger.marketplaceapi.community.CommunityFixture.AGG1;
import static io.flexledger.marketplaceapi.community.CommunityFixture.COMMUNITY;
import static io.flexledger.marketplaceapi.community.CommunityFixture.DAY;
import static io.flexledger.marketplaceapi.community.CommunityFixture.get;
import static io.flexledger.marketplaceapi.community.CommunityFixture.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flexledger.contract.codec.CanonicalJson;
import io.flexledger.contract.codec.CommunityRecords;
import io.flexledger.contract.codec.MarketRecords;
import io.flexledger.domain.market.Baseline;
import io.flexledger.domain.market.FlexOffer;
import io.flexledger.marketplaceapi.ledger.InMemoryCommunity;
import io.flexledger.marketplaceapi.ledger.InMemoryLedger;
import io.flexledger.marketplaceapi.ledger.InMemoryLedgerProfile;
import io.flexledger.marketplaceapi.ledger.InMemoryRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The community market through the API on Aggregator1's instance, the ledger in memory: a prosumer
 * proposes itself as a home's member, the operator approves, opens a day, members post orders, the
 * operator clears the day (balanced trades recorded once, the leftover flexibility offered to the DSO once
 * even when the clearing is asked for again) and each party reads what it may.
 */
@QuarkusTest
@TestProfile(InMemoryLedgerProfile.class)
class CommunitySuccessPathsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

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

    /** home-a: agg1-prosumer; home-b: community-prosumer (through CommunityMSP); home-c: agg1-neighbour. */
    private CommunityFixture book() {
        return fixture.member(AGG1, "agg1-prosumer", "home-a", true)
                .member(COMMUNITY, "community-prosumer", "home-b", true)
                .member(AGG1, "agg1-neighbour", "home-c", true)
                .day("PAY_AS_CLEAR")
                // slot 68: a firm 2 kW bid at 0.25 against a flexible 3 kW ask at 0.10 (1 kW left over)
                .order(AGG1, "a-68", "agg1-prosumer", "home-a", 68, "BUY", false, "2.0", "0.25")
                .order(COMMUNITY, "b-68", "community-prosumer", "home-b", 68, "SELL", true, "3.0", "0.10")
                // slots 69 and 70: flexible asks nobody buys: offered to the DSO as one block
                .order(AGG1, "c-69", "agg1-neighbour", "home-c", 69, "SELL", true, "1.5", "0.12")
                .order(AGG1, "c-70", "agg1-neighbour", "home-c", 70, "SELL", true, "1.0", "0.12");
    }

    @Test
    @TestSecurity(
            user = "agg1-prosumer",
            roles = "prosumer",
            attributes = @SecurityAttribute(key = "msp", value = AGG1))
    void aProsumerProposesItselfAsAHomesMemberAndSeesTheMembership() {
        // the answer is the membership's public record, as the ledger answers it: no member's name, the
        // SHA-256 of the private record that names them
        String sha256 = post("/api/community/memberships", "m-1", "{\"homeId\": \"home-a\"}")
                .statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/community/memberships/home-a"))
                .body("keySet()", containsInAnyOrder("homeId", "community", "state", "sha256", "updatedAt", "txId"))
                .body("homeId", equalTo("home-a"))
                .body("community", equalTo(AGG1))
                .body("state", equalTo("PROPOSED"))
                .extract()
                .path("sha256");
        CommunityRecords.Membership proposed = community.as(AGG1).readMembership("home-a");
        assertThat(proposed.member()).isEqualTo("agg1-prosumer");
        assertThat(sha256).isEqualTo(Baseline.sha256Hex(CanonicalJson.write(CommunityRecords.membership(proposed))));
        // a retry under the same key answers the first result
        post("/api/community/memberships", "m-1", "{\"homeId\": \"home-a\"}")
                .statusCode(201)
                .header("Idempotent-Replayed", "true");
        fixture.member(AGG1, "agg1-neighbour", "home-c", true);

        get("/api/community/me")
                .statusCode(200)
                .body("member", equalTo("agg1-prosumer"))
                .body("memberships.homeId", contains("home-a"));
    }

    @Test
    @TestSecurity(
            user = "agg1-trader",
            roles = "aggregator",
            attributes = @SecurityAttribute(key = "msp", value = AGG1))
    void theOperatorApprovesAProposedMembership() {
        fixture.member(COMMUNITY, "community-prosumer", "home-b", false);

        post("/api/community/memberships/home-b/approve", "a-1", null)
                .statusCode(201)
                .body("keySet()", containsInAnyOrder("homeId", "community", "state", "sha256", "updatedAt", "txId"))
                .body("homeId", equalTo("home-b"))
                .body("state", equalTo("ACTIVE"));
        // the private record keeps who proposed the member
        CommunityRecords.Membership approved = community.as(AGG1).readMembership("home-b");
        assertThat(approved.state()).isEqualTo(CommunityRecords.MembershipState.ACTIVE);
        assertThat(approved.proposerMsp()).isEqualTo(COMMUNITY);
        assertThat(approved.member()).isEqualTo("community-prosumer");
        post("/api/community/memberships/home-b/approve", "a-2", null)
                .statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("MEMBERSHIP_STATE_INVALID"));
    }

    @Test
    @TestSecurity(
            user = "agg1-trader",
            roles = "aggregator",
            attributes = @SecurityAttribute(key = "msp", value = AGG1))
    void theOperatorOpensADayOfItsOwnCommunity() {
        String body = CommunityFixture.dayJson("PAY_AS_BID").replace("\"community\":\"Aggregator1MSP\",", "");
        post("/api/community/days", "d-1", body)
                .statusCode(201)
                .body("community", equalTo(AGG1))
                .body("pricing", equalTo("PAY_AS_BID"))
                .body("importPrice", hasSize(96))
                // the ledger keeps each price as a decimal string of 5 decimals
                .body("importPrice[0]", equalTo("0.30000"))
                .body("exportPrice[95]", equalTo("0.05000"));

        get("/api/community/days/Aggregator1MSP/" + DAY)
                .statusCode(200)
                .header("Ledger-Transaction-Id", org.hamcrest.Matchers.notNullValue())
                .body("gateClosure", equalTo(CommunityFixture.GATE));
        post("/api/community/days", "d-2", body).statusCode(409).body("code", equalTo("COMMUNITY_DAY_EXISTS"));
    }

    @Test
    @TestSecurity(
            user = "agg1-prosumer",
            roles = "prosumer",
            attributes = @SecurityAttribute(key = "msp", value = AGG1))
    void anActiveMemberPostsOrdersAndListsOnlyItsOwn() {
        fixture.member(AGG1, "agg1-prosumer", "home-a", true)
                .member(AGG1, "agg1-neighbour", "home-c", true)
                .day("PAY_AS_CLEAR")
                .order(AGG1, "c-69", "agg1-neighbour", "home-c", 69, "SELL", true, "1.5", "0.12");
        String order = """
                {"id": "a-68", "homeId": "home-a", "day": "2030-06-01", "slot": 68, "side": "BUY",
                 "flexible": false, "kw": 2.0, "price": 0.25}
                """;

        // the answer is the order's public record, as the ledger answers it: no member, side, kW nor price
        post("/api/community/orders", "o-1", order)
                .statusCode(201)
                .body("keySet()", containsInAnyOrder("community", "id", "day", "sha256", "postedAt", "txId"))
                .body("id", equalTo("a-68"))
                .body("community", equalTo(AGG1));
        post("/api/community/orders", "o-1", order).statusCode(201).header("Idempotent-Replayed", "true");
        post("/api/community/orders", "o-2", order).statusCode(409).body("code", equalTo("COMMUNITY_ORDER_EXISTS"));

        get("/api/community/orders?day=" + DAY)
                .statusCode(200)
                .body("records.id", contains("a-68"))
                .body("records.member", contains("agg1-prosumer"));
    }

    @Test
    @TestSecurity(
            user = "agg1-trader",
            roles = "aggregator",
            attributes = @SecurityAttribute(key = "msp", value = AGG1))
    void theOperatorClearsTheDayRecordsBalancedTradesAndOffersTheLeftoverOnce() throws Exception {
        book().afterGate();

        post("/api/community/clearing/" + DAY, "clear-" + System.nanoTime(), null)
                .statusCode(200)
                .body("recorded", equalTo(true))
                .body("orders", equalTo(4))
                .body("trades", equalTo(2))
                .body("slotsCleared", contains(68))
                .body("welfareEur", equalTo(0.075f))
                .body("offersPosted", contains("cm-2030-06-01-home-c-69"))
                .body("lockedSlots", contains("home-b|68"));

        Map<String, io.flexledger.contract.codec.CommunityRecords.ClearedTrade> trades = new HashMap<>();
        community.as(AGG1).readClearing(AGG1, DAY).trades().forEach(t -> trades.put(t.orderId(), t));
        assertThat(trades).containsOnlyKeys("a-68", "b-68");
        assertThat(trades.get("a-68").kw().value())
                .isEqualByComparingTo(trades.get("b-68").kw().value())
                .isEqualByComparingTo("2");
        // pay-as-clear: the midpoint of the bid 0.25 and the ask 0.10, for both
        assertThat(trades.get("a-68").price()).isEqualByComparingTo("0.175");
        assertThat(trades.get("b-68").price()).isEqualByComparingTo("0.175");
        assertThat(community.lockedSlots()).containsExactly(DAY + "|home-b|68");

        // the leftover of home-c in slots 69 and 70 is one offer of Aggregator1 to the DSO market;
        // home-b's unmatched kW in slot 68 is not offered (its slot is sold in the community)
        List<MarketRecords.StoredOffer> offers =
                ledger.listOffersByDay(DAY, "100", "").records();
        assertThat(offers).hasSize(1);
        FlexOffer offer = offers.get(0).offer();
        assertThat(offer.aggregatorMsp()).isEqualTo(AGG1);
        assertThat(offer.assetId()).isEqualTo("home-c");
        assertThat(offer.congestionPointId()).isEqualTo("F1");
        assertThat(offer.kwBySlot().get(69).value()).isEqualByComparingTo("1.5");
        assertThat(offer.kwBySlot().get(70).value()).isEqualByComparingTo("1.0");
        assertThat(offer.price().value()).isEqualByComparingTo("0.12");

        // asked again: the recorded clearing is found, nothing is recorded or offered twice
        post("/api/community/clearing/" + DAY, "clear-" + System.nanoTime(), null)
                .statusCode(200)
                .body("recorded", equalTo(false))
                .body("trades", equalTo(2))
                .body("offersPosted", empty())
                .body("offersExisting", contains("cm-2030-06-01-home-c-69"));
        assertThat(ledger.listOffersByDay(DAY, "100", "").records()).hasSize(1);

        get("/api/community/clearing/Aggregator1MSP/" + DAY)
                .statusCode(200)
                .body("trades.orderId", containsInAnyOrder("a-68", "b-68"));
        get("/api/community/prices/Aggregator1MSP/" + DAY)
                .statusCode(200)
                .body("slots.slot", contains(68))
                .body("slots[0].kw", equalTo("2.000"));
    }

    @Test
    @TestSecurity(
            user = "agg1-trader",
            roles = "aggregator",
            attributes = @SecurityAttribute(key = "msp", value = AGG1))
    void anEmptyBookClearsToNoTradesAndNoOffers() {
        fixture.day("PAY_AS_CLEAR").afterGate();

        post("/api/community/clearing/" + DAY, "clear-" + System.nanoTime(), null)
                .statusCode(200)
                .body("recorded", equalTo(true))
                .body("trades", equalTo(0))
                .body("offersPosted", empty());
    }

    @Test
    @TestSecurity(
            user = "agg1-prosumer",
            roles = "prosumer",
            attributes = @SecurityAttribute(key = "msp", value = AGG1))
    void aProsumerReadsOnlyItsOwnTradesAndTheCommunitysPublicPrices() {
        book().afterGate();
        clearAsOperator();

        get("/api/community/clearing/Aggregator1MSP/" + DAY)
                .statusCode(200)
                .body("trades", hasSize(1))
                .body("trades[0].orderId", equalTo("a-68"));
        get("/api/community/orders?day=" + DAY).statusCode(200).body("records.id", contains("a-68"));
        get("/api/community/prices/Aggregator1MSP/" + DAY).statusCode(200).body("slots", hasSize(1));
    }

    /** Records the book's clearing as the operator would (the trades of slot 68 at 0.175). */
    private void clearAsOperator() {
        community
                .as(AGG1)
                .recordClearing(
                        "clear-1",
                        CommunityFixture.clearing(
                                CommunityFixture.trade("a-68", "2", "0.175"),
                                CommunityFixture.trade("b-68", "2", "0.175")));
    }
}
