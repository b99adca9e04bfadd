package io.flexledger.marketplaceapi.community;

import static io.flexledger.marketplaceapi.community.CommunityFixture.AGG1;
import static io.flexledger.marketplaceapi.community.CommunityFixture.COMMUNITY;
import static io.flexledger.marketplaceapi.community.CommunityFixture.DAY;
import static io.flexledger.marketplaceapi.community.CommunityFixture.get;
import static io.flexledger.marketplaceapi.community.CommunityFixture.post;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.flexledger.domain.metering.ReadingAnchor;
import io.flexledger.marketplaceapi.ledger.InMemoryCommunity;
import io.flexledger.marketplaceapi.ledger.InMemoryLedger;
import io.flexledger.marketplaceapi.ledger.InMemoryLedgerProfile;
import io.flexledger.marketplaceapi.ledger.InMemoryRegistry;
import io.flexledger.marketplaceapi.ledger.InMemorySettlements;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Members' statements through the API on Aggregator1's instance, the ledger in memory: the day 2030-06-01
 * cleared pay-as-bid, agg1-prosumer (home-a) buying 2 kW at 0.25 from community-prosumer (home-b) selling
 * at 0.10 in slot 68 (0.5 kWh each). The operator settles each home from its reading (home-b exported 0.3
 * kWh of its 0.5 sold: 0.2 kWh short, bought at 0.30); each party reads what it may.
 */
@QuarkusTest
@TestProfile(InMemoryLedgerProfile.class)
class CommunityStatementsTest {
    @Inject
    InMemoryLedger ledger;

    @Inject
    InMemoryRegistry registry;

    @Inject
    InMemoryCommunity community;

    @Inject
    InMemorySettlements settlements;

    CommunityFixture fixture;

    @BeforeEach
    void cleared() {
        fixture = new CommunityFixture(ledger, registry, community)
                .grid("home-a", "home-b", "home-c")
                .member(AGG1, "agg1-prosumer", "home-a", true)
                .member(COMMUNITY, "community-prosumer", "home-b", true)
                .member(AGG1, "agg1-neighbour", "home-c", true)
                .day("PAY_AS_BID")
                .order(AGG1, "a-68", "agg1-prosumer", "home-a", 68, "BUY", false, "2.0", "0.25")
                .order(COMMUNITY, "b-68", "community-prosumer", "home-b", 68, "SELL", true, "2.0", "0.10")
                .afterGate();
        community
                .as(AGG1)
                .recordClearing(
                        "clear-1",
                        CommunityFixture.clearing(
                                CommunityFixture.trade("a-68", "2", "0.25"),
                                CommunityFixture.trade("b-68", "2", "0.10")));
        settlements.clear();
        anchored("anchor-1");
    }

    /** The root the DSO anchored of Aggregator1's readings of the day. */
    static final String ROOT = "5e".repeat(32);

    /** The DSO anchors Aggregator1's readings of the day, as the ledger requires before a member is settled. */
    void anchored(String key) {
        settlements.as("DsoMSP").anchorReadings(key, new ReadingAnchor(java.time.LocalDate.parse(DAY), AGG1, ROOT, 1));
    }

    static String reading(String home, int slot, String netKwh) {
        return """
                {"deviceId": "meter-%1$s", "assetId": "%1$s", "day": "%2$s", "slot": %3$d, "netKwh": "%4$s",
                 "sequence": 7, "signature": "c2ln", "proof": {"leafIndex": 0, "leafCount": 1, "siblings": []}}
                """.formatted(home, DAY, slot, netKwh);
    }

    static String body(String home, String... readings) {
        return "{\"homeId\": \"" + home + "\", \"readings\": [" + String.join(",", readings) + "]}";
    }

    void settledBoth() {
        community.as(AGG1).settleMember("s-a", settlement("home-a", reading("home-a", 68, "0.5")));
        community.as(AGG1).settleMember("s-b", settlement("home-b", reading("home-b", 68, "-0.3")));
    }

    /** Aggregator1's settlement of {@code home} on the day with one reading, read by the ledger contract's codec. */
    static io.flexledger.contract.codec.CommunityRecords.SettlementInput settlement(String home, String reading) {
        return new io.flexledger.contract.codec.CommunityRecords.SettlementInput(
                AGG1,
                java.time.LocalDate.parse(DAY),
                home,
                java.util.List.of(io.flexledger.contract.codec.SettlementRecords.proven(
                        io.flexledger.contract.codec.JsonFields.parse(
                                reading,
                                io.flexledger.contract.codec.JsonReader.Limits.LEDGER,
                                io.flexledger.contract.codec.JsonFields.throwing()))));
    }

    @Test
    @TestSecurity(
            user = "agg1-trader",
            roles = "aggregator",
            attributes = @SecurityAttribute(key = "msp", value = AGG1))
    void theOperatorSettlesAMemberOnceAndReadsEveryStatement() {
        String clearingSha256 = community.as(AGG1).readPrices(AGG1, DAY).sha256();
        // the answer is the statement's public record, as the ledger answers it: whose, and the hashes that
        // tie it to its private record, the anchored readings and the day's trades; no member, no amounts
        post("/api/community/statements/" + DAY, "st-1", body("home-b", reading("home-b", 68, "-0.3")))
                .statusCode(201)
                .header("Location", containsString("/api/community/statements/" + AGG1 + "/" + DAY + "?homeId=home-b"))
                .body(
                        "keySet()",
                        containsInAnyOrder(
                                "community",
                                "day",
                                "homeId",
                                "sha256",
                                "anchorRoot",
                                "clearingSha256",
                                "recordedAt",
                                "txId"))
                .body("homeId", equalTo("home-b"))
                .body("anchorRoot", equalTo(ROOT))
                .body("clearingSha256", equalTo(clearingSha256));
        get("/api/community/statements/" + AGG1 + "/" + DAY + "?homeId=home-b")
                .statusCode(200)
                .body("records[0].member", equalTo("community-prosumer"))
                .body("records[0].totals.soldKwh", equalTo("0.500000"))
                .body("records[0].totals.deliveredKwh", equalTo("0.300000"))
                .body("records[0].totals.shortfallKwh", equalTo("0.200000"))
                .body("records[0].totals.receivedEur", equalTo("0.0500"))
                .body("records[0].totals.paidEur", equalTo("0.0600"))
                .body("records[0].totals.netEur", equalTo("-0.0100"))
                .body("records[0].anchorRoot", equalTo(ROOT))
                .body("records[0].clearingSha256", equalTo(clearingSha256))
                .body("records[0].readings[0].netKwh", equalTo("-0.300000"))
                .body("records[0].readings[0].proof.leafCount", equalTo(1));
        // a retry under the same key answers the first result; a second settlement is refused
        post("/api/community/statements/" + DAY, "st-1", body("home-b", reading("home-b", 68, "-0.3")))
                .statusCode(201)
                .header("Idempotent-Replayed", "true");
        post("/api/community/statements/" + DAY, "st-2", body("home-b", reading("home-b", 68, "-0.5")))
                .statusCode(409)
                .body("code", equalTo("COMMUNITY_STATEMENT_EXISTS"));
        post("/api/community/statements/" + DAY, "st-3", body("home-a", reading("home-a", 68, "0.5")))
                .statusCode(201)
                .body("homeId", equalTo("home-a"));
        get("/api/community/statements/" + AGG1 + "/" + DAY + "?homeId=home-a")
                .statusCode(200)
                .body("records[0].totals.takenKwh", equalTo("0.500000"))
                .body("records[0].totals.netEur", equalTo("-0.1250"));

        get("/api/community/statements/" + AGG1 + "/" + DAY)
                .statusCode(200)
                .body("records.homeId", containsInAnyOrder("home-a", "home-b"));
        get("/api/community/statements/" + AGG1 + "/" + DAY + "?homeId=home-b")
                .statusCode(200)
                .body("records.member", contains("community-prosumer"));
    }

    @Test
    @TestSecurity(
            user = "agg1-prosumer",
            roles = "prosumer",
            attributes = @SecurityAttribute(key = "msp", value = AGG1))
    void aMemberReadsItsOwnStatementAndIsRefusedAnothers() {
        settledBoth();
        get("/api/community/statements/" + AGG1 + "/" + DAY).statusCode(200).body("records.homeId", contains("home-a"));
        get("/api/community/statements/" + AGG1 + "/" + DAY + "?homeId=home-a")
                .statusCode(200)
                .body("records[0].totals.netEur", equalTo("-0.1250"));
        get("/api/community/statements/" + AGG1 + "/" + DAY + "?homeId=home-b")
                .statusCode(403)
                .contentType("application/problem+json");
        // nor settles anything itself
        post("/api/community/statements/" + DAY, "st-9", body("home-a", reading("home-a", 68, "0")))
                .statusCode(403);
    }

    @Test
    @TestSecurity(
            user = "agg1-trader",
            roles = "aggregator",
            attributes = @SecurityAttribute(key = "msp", value = AGG1))
    void malformedOrIncompleteReadingsAreRefusedNamingTheField() {
        post("/api/community/statements/" + DAY, "bad-1", "{\"homeId\": \"home-b\"}")
                .statusCode(400)
                .body("violations[0].field", equalTo("$.readings"));
        post("/api/community/statements/" + DAY, "bad-2", "{\"homeId\": \"home-b\", \"readings\": [1]}")
                .statusCode(400)
                .body("violations[0].field", equalTo("$.readings[0]"));
        // the statement's amounts are the ledger's to compute, never input
        post(
                        "/api/community/statements/" + DAY,
                        "bad-3",
                        body("home-b", reading("home-b", 68, "-0.3"))
                                .replace("{\"homeId\"", "{\"netEur\": 9, \"homeId\""))
                .statusCode(400)
                .body("violations[0].field", equalTo("$.netEur"));
        // a reading is read as the ledger reads it: signed, with its proof, no other field; a fault is the
        // ledger's refusal naming the field, never passed on or dropped
        post(
                        "/api/community/statements/" + DAY,
                        "bad-8",
                        body(
                                "home-b",
                                reading("home-b", 68, "-0.3").replace("\"sequence\"", "\"netEur\": 9, \"sequence\"")))
                .statusCode(400)
                .body("code", equalTo("INVALID_FIELD"))
                .body("detail", containsString("$.readings[0].netEur: is not a known field"));
        post(
                        "/api/community/statements/" + DAY,
                        "bad-9",
                        body("home-b", reading("home-b", 68, "-0.3").replace("\"c2ln\"", "\"not base64!\"")))
                .statusCode(400)
                .body("code", equalTo("INVALID_FIELD"))
                .body("detail", containsString("$.readings[0].signature"));
        post(
                        "/api/community/statements/" + DAY,
                        "bad-10",
                        body("home-b", reading("home-b", 68, "-0.3").replace("\"leafCount\": 1", "\"leafCount\": 0")))
                .statusCode(400)
                .body("code", equalTo("INVALID_FIELD"))
                .body("detail", containsString("$.readings[0].proof"));
        // nothing was settled by the refused requests
        get("/api/community/statements/" + AGG1 + "/" + DAY).statusCode(200).body("records", hasSize(0));
        post("/api/community/statements/" + DAY, "bad-4", body("home-b", reading("home-b", 69, "-0.3")))
                .statusCode(400)
                .body("code", equalTo("READING_OUT_OF_ORDER_SLOT"));
        post("/api/community/statements/" + DAY, "bad-5", body("home-b", reading("home-a", 68, "-0.3")))
                .statusCode(403)
                .body("code", equalTo("READING_ASSET_MISMATCH"));
        // a member without a trade of the day has nothing to settle
        post("/api/community/statements/" + DAY, "bad-6", body("home-c", reading("home-c", 68, "0")))
                .statusCode(400)
                .body("code", equalTo("COMMUNITY_STATEMENT_INVALID"));
        post("/api/community/statements/not-a-day", "bad-7", body("home-b", reading("home-b", 68, "-0.3")))
                .statusCode(400);
    }

    @Test
    @TestSecurity(
            user = "agg1-trader",
            roles = "aggregator",
            attributes = @SecurityAttribute(key = "msp", value = AGG1))
    void aMemberIsNotSettledBeforeTheOperatorsReadingsAreAnchored() {
        settlements.clear();
        post("/api/community/statements/" + DAY, "no-anchor", body("home-b", reading("home-b", 68, "-0.3")))
                .statusCode(404)
                .body("code", equalTo("ANCHOR_NOT_FOUND"));
        get("/api/community/statements/" + AGG1 + "/" + DAY).statusCode(200).body("records", hasSize(0));
        anchored("anchor-2");
        post("/api/community/statements/" + DAY, "anchored", body("home-b", reading("home-b", 68, "-0.3")))
                .statusCode(201)
                .body("anchorRoot", equalTo(ROOT));
    }
}
