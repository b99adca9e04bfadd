package io.flexledger.chaincode;

import static io.flexledger.chaincode.MarketFixture.AGG1;
import static io.flexledger.chaincode.MarketFixture.AGG2;
import static io.flexledger.chaincode.MarketFixture.COMMUNITY;
import static io.flexledger.chaincode.MarketFixture.DAY;
import static io.flexledger.chaincode.MarketFixture.DSO;
import static io.flexledger.chaincode.MarketFixture.offerJson;
import static io.flexledger.chaincode.OfferContractTest.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.flexledger.chaincode.support.Keys;
import io.flexledger.chaincode.support.PrivateCollections;
import io.flexledger.contract.Community;
import io.flexledger.contract.ErrorCode;
import io.flexledger.domain.market.Baseline;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.function.Supplier;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The community market on the ledger: every rule of {@link CommunityContract}, each with the attack of the
 * party that would profit from breaking it. The seeded grid has home-1 and home-3 in Aggregator1's
 * portfolio and home-2 in Aggregator2's; the DSO market's gate for 2026-11-27 closes at 2026-11-26T23:00Z,
 * the community's at 20:00Z.
 */
class CommunityContractTest {
    static final String GATE = "2026-11-26T20:00:00Z";
    static final String SALT = "00112233445566778899aabbccddeeff";

    MarketFixture m;
    final CommunityContract community = new CommunityContract();

    @BeforeEach
    void seed() {
        m = new MarketFixture().seeded();
        m.asset(AGG1, "home-3", "TX1-F1");
    }

    // ---- helpers

    static String dayJson(String community, String gate, String pricing) {
        String imports = "[" + String.join(",", Collections.nCopies(96, "\"0.30\"")) + "]";
        String exports = "[" + String.join(",", Collections.nCopies(96, "\"0.05\"")) + "]";
        return "{\"community\":\"" + community + "\",\"day\":\"" + DAY + "\",\"gateClosure\":\"" + gate
                + "\",\"pricing\":\"" + pricing + "\",\"importPrice\":" + imports + ",\"exportPrice\":" + exports
                + "}";
    }

    String open(String msp, String json) {
        return m.ledger.as(msp, () -> community.openCommunityDay(m.ledger.ctx, json));
    }

    static String membershipJson(String member, String home) {
        return "{\"member\":\"" + member + "\",\"homeId\":\"" + home + "\"}";
    }

    String propose(String msp, String member, String home) {
        return m.ledger.as(msp, () -> community.proposeMembership(m.ledger.ctx, membershipJson(member, home)));
    }

    String approve(String msp, String home) {
        return m.ledger.as(msp, () -> community.approveMembership(m.ledger.ctx, home));
    }

    static String orderJson(
            String id, String home, String member, int slot, String side, boolean flexible, String kw, String price) {
        return "{\"id\":\"" + id + "\",\"homeId\":\"" + home + "\",\"member\":\"" + member + "\",\"day\":\"" + DAY
                + "\",\"slot\":" + slot + ",\"side\":\"" + side + "\",\"flexible\":" + flexible + ",\"kw\":\"" + kw
                + "\",\"price\":\"" + price + "\"}";
    }

    String post(String msp, String json) {
        return m.ledger.as(msp, () -> community.postCommunityOrder(m.ledger.ctx, json));
    }

    static String trade(String orderId, String kw, String price) {
        return "{\"orderId\":\"" + orderId + "\",\"kw\":\"" + kw + "\",\"price\":\"" + price + "\"}";
    }

    static String clearingJson(String communityMsp, String... trades) {
        return "{\"community\":\"" + communityMsp + "\",\"day\":\"" + DAY + "\",\"trades\":[" + String.join(",", trades)
                + "]}";
    }

    String clear(String msp, String json) {
        return m.ledger.as(msp, () -> community.recordCommunityClearing(m.ledger.ctx, json));
    }

    /** A refused transaction that must leave the ledger as it was. */
    ChaincodeException refused(String msp, Supplier<?> tx) {
        Map<String, String> before = m.ledger.snapshot();
        ChaincodeException e = m.ledger.refused(msp, tx);
        assertThat(m.ledger.snapshot()).isEqualTo(before);
        return e;
    }

    String privateRecord(String collection, String type, String... attributes) {
        byte[] v = m.ledger
                .privateData
                .getOrDefault(collection, new java.util.TreeMap<>())
                .get(new CompositeKey(type, attributes).toString());
        return v == null ? null : new String(v, StandardCharsets.UTF_8);
    }

    /**
     * Aggregator1's community with the day opened (pay-as-clear unless told), alice the member of home-1
     * (proposed by CommunityMSP) and bob of home-3 (proposed by Aggregator1), both approved.
     */
    void community(String pricing) {
        open(AGG1, dayJson(AGG1, GATE, pricing));
        propose(COMMUNITY, "alice", "home-1");
        propose(AGG1, "bob", "home-3");
        approve(AGG1, "home-1");
        approve(AGG1, "home-3");
    }

    /** alice sells 2 kW flexibly at 0.10 and bob buys 2 kW firmly at 0.25 in slot 68. */
    void book() {
        post(COMMUNITY, orderJson("s-1", "home-1", "alice", 68, "SELL", true, "2", "0.10"));
        post(AGG1, orderJson("b-1", "home-3", "bob", 68, "BUY", false, "2", "0.25"));
    }

    void afterGate() {
        m.ledger.now = Instant.parse(GATE);
    }

    // ---- transactions

    @Nested
    class OpenCommunityDay {
        @Test
        void theOperatorOpensItsDayOnceWithItsPricesAndGate() {
            String json = open(AGG1, dayJson(AGG1, GATE, "PAY_AS_CLEAR"));
            assertThat(json)
                    .contains("\"community\":\"Aggregator1MSP\"", "\"gateClosure\":\"2026-11-26T20:00:00Z\"")
                    .contains("\"importPrice\":[\"0.30000\"", "\"pricing\":\"PAY_AS_CLEAR\"");
            assertThat(m.ledger.lastEvent().name()).isEqualTo("CommunityDayOpened");
            assertThat(m.ledger.as(DSO, () -> community.readCommunityDay(m.ledger.ctx, AGG1, DAY)))
                    .isEqualTo(json);
            assertCode(
                    refused(AGG1, () -> community.openCommunityDay(m.ledger.ctx, dayJson(AGG1, GATE, "PAY_AS_BID"))),
                    ErrorCode.COMMUNITY_DAY_EXISTS);
            // Another community opens the same day independently.
            open(AGG2, dayJson(AGG2, GATE, "PAY_AS_BID"));
        }

        @Test
        void nobodyButTheOperatorOpensItsDay() {
            for (String msp : new String[] {AGG2, DSO, COMMUNITY}) {
                ChaincodeException e = refused(
                        msp, () -> community.openCommunityDay(m.ledger.ctx, dayJson(AGG1, GATE, "PAY_AS_CLEAR")));
                assertCode(e, ErrorCode.COMMUNITY_MSP_NOT_ALLOWED);
                assertThat(e.getMessage()).contains("(caller " + msp + ")");
            }
            // Not even CommunityMSP for a "community" of its own name.
            assertCode(
                    refused(
                            COMMUNITY,
                            () -> community.openCommunityDay(m.ledger.ctx, dayJson(COMMUNITY, GATE, "PAY_AS_CLEAR"))),
                    ErrorCode.COMMUNITY_MSP_NOT_ALLOWED);
        }

        @Test
        void theGateClosesInTheFutureAndBeforeTheDsoMarkets() {
            ChaincodeException past = refused(
                    AGG1,
                    () -> community.openCommunityDay(
                            m.ledger.ctx, dayJson(AGG1, "2026-11-26T12:00:00Z", "PAY_AS_CLEAR")));
            assertCode(past, ErrorCode.COMMUNITY_GATE_CLOSED);
            assertThat(past.getMessage()).contains("$.gateClosure");
            ChaincodeException late = refused(
                    AGG1,
                    () -> community.openCommunityDay(
                            m.ledger.ctx, dayJson(AGG1, "2026-11-26T23:00:00Z", "PAY_AS_CLEAR")));
            assertCode(late, ErrorCode.COMMUNITY_GATE_CLOSED);
            assertThat(late.getMessage()).contains("DSO market's gate closure 2026-11-26T23:00:00Z");
            open(AGG1, dayJson(AGG1, "2026-11-26T22:59:59Z", "PAY_AS_CLEAR"));
        }

        @Test
        void onePricePerSlotAndTheFeedInPriceNeverAboveTheRetailPrice() {
            String shortList = dayJson(AGG1, GATE, "PAY_AS_CLEAR").replaceFirst("\"0.30\",", "");
            ChaincodeException e = refused(AGG1, () -> community.openCommunityDay(m.ledger.ctx, shortList));
            assertCode(e, ErrorCode.INVALID_FIELD);
            assertThat(e.getMessage()).contains("$.importPrice: must hold one price per slot (96)");
            String inverted = dayJson(AGG1, GATE, "PAY_AS_CLEAR").replaceFirst("\"0.05\"", "\"0.31\"");
            ChaincodeException above = refused(AGG1, () -> community.openCommunityDay(m.ledger.ctx, inverted));
            assertCode(above, ErrorCode.INVALID_FIELD);
            assertThat(above.getMessage()).contains("$.exportPrice[0]: must not exceed the import price 0.30000");
            String negative = dayJson(AGG1, GATE, "PAY_AS_CLEAR").replaceFirst("\"0.05\"", "\"-0.01\"");
            assertCode(
                    refused(AGG1, () -> community.openCommunityDay(m.ledger.ctx, negative)), ErrorCode.INVALID_FIELD);
            String unknown = dayJson(AGG1, GATE, "PAY_AS_CLEAR").replace("}", ",\"feeders\":[]}");
            assertCode(refused(AGG1, () -> community.openCommunityDay(m.ledger.ctx, unknown)), ErrorCode.INVALID_FIELD);
            assertCode(
                    refused(
                            AGG1,
                            () -> community.openCommunityDay(m.ledger.ctx, dayJson(AGG1, GATE, "PAY_AS_YOU_LIKE"))),
                    ErrorCode.INVALID_FIELD);
        }

        @Test
        void anUnopenedDayIsNotFound() {
            assertCode(
                    m.ledger.refused(DSO, () -> community.readCommunityDay(m.ledger.ctx, AGG1, DAY)),
                    ErrorCode.COMMUNITY_DAY_NOT_FOUND);
        }
    }

    @Nested
    class ProposeMembership {
        @Test
        void theHomesAggregatorOrCommunityMspProposesAndThePublicRecordHoldsOnlyAHash() {
            String json = propose(COMMUNITY, "alice", "home-1");
            assertThat(json)
                    .contains("\"state\":\"PROPOSED\"", "\"community\":\"Aggregator1MSP\"")
                    .doesNotContain("alice");
            String collection = PrivateCollections.forCommunity(AGG1);
            assertThat(collection).isEqualTo("Aggregator1CommunityCollection");
            String stored = privateRecord(collection, Keys.COMMUNITY_MEMBERSHIP, "home-1");
            assertThat(stored).contains("\"member\":\"alice\"", "\"proposerMsp\":\"CommunityMSP\"");
            assertThat(json).contains("\"sha256\":\"" + Baseline.sha256Hex(stored) + "\"");
            assertThat(m.ledger.lastEvent().name()).isEqualTo("MembershipProposed");
            assertThat(m.ledger.lastEvent().payload()).doesNotContain("alice");
            // Nothing of it reaches the collection the aggregator shares with the DSO.
            assertThat(privateRecord(PrivateCollections.forAggregator(AGG1), Keys.COMMUNITY_MEMBERSHIP, "home-1"))
                    .isNull();

            assertThat(propose(AGG2, "carol", "home-2")).contains("\"community\":\"Aggregator2MSP\"");
        }

        @Test
        void anotherAggregatorOrTheDsoCannotEnrolSomeoneElsesHome() {
            for (String msp : new String[] {AGG2, DSO}) {
                assertCode(
                        refused(
                                msp,
                                () -> community.proposeMembership(m.ledger.ctx, membershipJson("mallory", "home-1"))),
                        ErrorCode.COMMUNITY_MSP_NOT_ALLOWED);
            }
            assertCode(
                    refused(
                            AGG1,
                            () -> community.proposeMembership(m.ledger.ctx, membershipJson("mallory", "home-404"))),
                    ErrorCode.ASSET_NOT_FOUND);
        }

        @Test
        void aHomeHasOneMembershipSoNobodyTakesOverAMembersHome() {
            propose(COMMUNITY, "alice", "home-1");
            ChaincodeException e =
                    refused(AGG1, () -> community.proposeMembership(m.ledger.ctx, membershipJson("mallory", "home-1")));
            assertCode(e, ErrorCode.MEMBERSHIP_STATE_INVALID);
            approve(AGG1, "home-1");
            assertCode(
                    refused(
                            COMMUNITY,
                            () -> community.proposeMembership(m.ledger.ctx, membershipJson("mallory", "home-1"))),
                    ErrorCode.MEMBERSHIP_STATE_INVALID);
        }

        @Test
        void theMembershipMayTravelInATransientFieldWithASalt() {
            m.ledger.transientData = Map.of(
                    CommunityContract.MEMBERSHIP_TRANSIENT,
                    membershipJson("alice", "home-1").getBytes(StandardCharsets.UTF_8),
                    CommunityContract.SALT_TRANSIENT,
                    SALT.getBytes(StandardCharsets.UTF_8));
            try {
                m.ledger.as(COMMUNITY, () -> community.proposeMembership(m.ledger.ctx, ""));
            } finally {
                m.ledger.transientData = Map.of();
            }
            assertThat(privateRecord(PrivateCollections.forCommunity(AGG1), Keys.COMMUNITY_MEMBERSHIP, "home-1"))
                    .contains("\"salt\":\"" + SALT + "\"", "\"member\":\"alice\"");
            assertCode(
                    refused(COMMUNITY, () -> community.proposeMembership(m.ledger.ctx, "")), ErrorCode.MALFORMED_INPUT);
        }

        @Test
        void aMalformedMembershipNamesItsField() {
            ChaincodeException e = refused(
                    AGG1,
                    () -> community.proposeMembership(
                            m.ledger.ctx, "{\"member\":\"alice\",\"homeId\":\"home-1\",\"community\":\"x\"}"));
            assertCode(e, ErrorCode.INVALID_FIELD);
            assertThat(e.getMessage()).contains("$.community: is not a known field");
        }
    }

    @Nested
    class ApproveMembership {
        @Test
        void theOperatorApprovesAProposedMembershipOnce() {
            propose(COMMUNITY, "alice", "home-1");
            String json = approve(AGG1, "home-1");
            assertThat(json).contains("\"state\":\"ACTIVE\"");
            assertThat(privateRecord(PrivateCollections.forCommunity(AGG1), Keys.COMMUNITY_MEMBERSHIP, "home-1"))
                    .contains("\"state\":\"ACTIVE\"", "\"proposerMsp\":\"CommunityMSP\"");
            assertThat(m.ledger.lastEvent().name()).isEqualTo("MembershipApproved");
            assertCode(
                    refused(AGG1, () -> community.approveMembership(m.ledger.ctx, "home-1")),
                    ErrorCode.MEMBERSHIP_STATE_INVALID);
        }

        @Test
        void nobodyElseApproves() {
            propose(COMMUNITY, "alice", "home-1");
            for (String msp : new String[] {COMMUNITY, AGG2, DSO}) {
                assertCode(
                        refused(msp, () -> community.approveMembership(m.ledger.ctx, "home-1")),
                        ErrorCode.COMMUNITY_MSP_NOT_ALLOWED);
            }
            assertCode(
                    refused(AGG1, () -> community.approveMembership(m.ledger.ctx, "home-3")),
                    ErrorCode.MEMBERSHIP_NOT_FOUND);
        }
    }

    @Nested
    class PrivateReads {
        @Test
        void theOperatorAndCommunityMspReadMembershipsTheDsoAndOthersAreRefused() {
            propose(COMMUNITY, "alice", "home-1");
            propose(AGG1, "bob", "home-3");
            for (String msp : new String[] {AGG1, COMMUNITY}) {
                assertThat(m.ledger.as(msp, () -> community.readMembership(m.ledger.ctx, "home-1")))
                        .contains("\"member\":\"alice\"");
                assertThat(m.ledger.as(msp, () -> community.listMemberships(m.ledger.ctx, AGG1)))
                        .contains("alice", "bob");
            }
            for (String msp : new String[] {DSO, AGG2}) {
                assertCode(
                        m.ledger.refused(msp, () -> community.readMembership(m.ledger.ctx, "home-1")),
                        ErrorCode.COMMUNITY_MSP_NOT_ALLOWED);
                assertCode(
                        m.ledger.refused(msp, () -> community.listMemberships(m.ledger.ctx, AGG1)),
                        ErrorCode.COMMUNITY_MSP_NOT_ALLOWED);
            }
            assertCode(
                    m.ledger.refused(AGG1, () -> community.readMembership(m.ledger.ctx, "home-2")),
                    ErrorCode.MEMBERSHIP_NOT_FOUND);
        }
    }

    @Nested
    class ListMemberships {
        @Test
        void aCommunityOfMoreThanOnePageIsListedWhole() {
            for (int i = 0; i < 105; i++) {
                m.asset(AGG1, "h-" + i, "TX1-F1");
                propose(AGG1, "member-" + i, "h-" + i);
            }
            propose(AGG2, "carol", "home-2");
            String list = m.ledger.as(COMMUNITY, () -> community.listMemberships(m.ledger.ctx, AGG1));
            assertThat(list.split("\"member\":", -1)).hasSize(106);
            assertThat(list).contains("member-0", "member-104").doesNotContain("carol");
        }
    }

    @Nested
    class PostCommunityOrder {
        @BeforeEach
        void openTheDay() {
            community("PAY_AS_CLEAR");
        }

        @Test
        void theMembersOrganisationPostsItPrivatelyWithAPublicHash() {
            String json = post(COMMUNITY, orderJson("s-1", "home-1", "alice", 68, "SELL", true, "2", "0.10"));
            assertThat(json).contains("\"id\":\"s-1\"", "\"sha256\":").doesNotContain("alice", "home-1", "0.10");
            String stored = privateRecord(PrivateCollections.forCommunity(AGG1), Keys.COMMUNITY_ORDER, AGG1, "s-1");
            assertThat(stored)
                    .contains("\"member\":\"alice\"", "\"kw\":\"2.000\"", "\"price\":\"0.10000\"", "\"flexible\":true");
            assertThat(json).contains("\"sha256\":\"" + Baseline.sha256Hex(stored) + "\"");
            assertThat(m.ledger.lastEvent().name()).isEqualTo("CommunityOrderPosted");
            post(AGG1, orderJson("b-1", "home-3", "bob", 68, "BUY", false, "2", "0.25"));
            assertThat(m.ledger.as(COMMUNITY, () -> community.listCommunityOrders(m.ledger.ctx, AGG1, DAY)))
                    .contains("\"id\":\"s-1\"", "\"id\":\"b-1\"");
            assertCode(
                    m.ledger.refused(DSO, () -> community.listCommunityOrders(m.ledger.ctx, AGG1, DAY)),
                    ErrorCode.COMMUNITY_MSP_NOT_ALLOWED);
        }

        @Test
        void aMembersOrderPostedByAnotherOrganisationIsRefused() {
            // alice's membership was proposed by CommunityMSP: the operator cannot order in her name ...
            ChaincodeException e = refused(
                    AGG1,
                    () -> community.postCommunityOrder(
                            m.ledger.ctx, orderJson("s-1", "home-1", "alice", 68, "SELL", true, "2", "0.10")));
            assertCode(e, ErrorCode.MEMBERSHIP_NOT_ACTIVE);
            assertThat(e.getMessage()).contains("posts through CommunityMSP (caller Aggregator1MSP)");
            // ... nor can another aggregator or the DSO.
            for (String msp : new String[] {AGG2, DSO}) {
                assertCode(
                        refused(
                                msp,
                                () -> community.postCommunityOrder(
                                        m.ledger.ctx,
                                        orderJson("s-1", "home-1", "alice", 68, "SELL", true, "2", "0.10"))),
                        ErrorCode.MEMBERSHIP_NOT_ACTIVE);
            }
        }

        @Test
        void anOrderForSomeoneElsesHomeIsRefused() {
            // bob (home-3) tries to sell from alice's home-1 through CommunityMSP.
            ChaincodeException e = refused(
                    COMMUNITY,
                    () -> community.postCommunityOrder(
                            m.ledger.ctx, orderJson("s-1", "home-1", "bob", 68, "SELL", true, "2", "0.10")));
            assertCode(e, ErrorCode.MEMBERSHIP_NOT_ACTIVE);
            assertThat(e.getMessage()).contains("$.member: bob is not the member of home home-1");
            // A home without an active membership has no orders.
            propose(AGG2, "carol", "home-2");
            open(AGG2, dayJson(AGG2, GATE, "PAY_AS_CLEAR"));
            assertCode(
                    refused(
                            AGG2,
                            () -> community.postCommunityOrder(
                                    m.ledger.ctx, orderJson("c-1", "home-2", "carol", 68, "BUY", false, "1", "0.2"))),
                    ErrorCode.MEMBERSHIP_NOT_ACTIVE);
        }

        @Test
        void anOrderAfterTheCommunityGateClosureIsRefused() {
            m.ledger.now = Instant.parse(GATE);
            ChaincodeException e = refused(
                    COMMUNITY,
                    () -> community.postCommunityOrder(
                            m.ledger.ctx, orderJson("s-1", "home-1", "alice", 68, "SELL", true, "2", "0.10")));
            assertCode(e, ErrorCode.COMMUNITY_GATE_CLOSED);
            assertThat(e.getMessage()).contains("closed at 2026-11-26T20:00:00Z");
            m.ledger.now = Instant.parse("2026-11-26T19:59:59Z");
            post(COMMUNITY, orderJson("s-1", "home-1", "alice", 68, "SELL", true, "2", "0.10"));
        }

        @Test
        void anOrderStampedBeforeTheGateIsRefusedByAnEndorserWhoseClockIsPastIt() {
            String json = orderJson("s-1", "home-1", "alice", 68, "SELL", true, "2", "0.10");
            m.ledger.now = Instant.parse("2026-11-26T19:59:00Z"); // the stamp the submitter chose
            m.ledger.peerClockOffset = Duration.ofMinutes(5); // the endorsing peer's clock: 20:04
            ChaincodeException e = catchThrowableOfType(
                    ChaincodeException.class,
                    () -> m.ledger.invoke(
                            COMMUNITY,
                            community,
                            Community.POST_ORDER.fullName(),
                            Map.of(),
                            () -> community.postCommunityOrder(m.ledger.ctx, json),
                            json));
            assertCode(e, ErrorCode.PROPOSAL_TIME_OUT_OF_BOUNDS);
        }

        @Test
        void onlyOnAnOpenedDay() {
            propose(AGG2, "carol", "home-2");
            approve(AGG2, "home-2");
            assertCode(
                    refused(
                            AGG2,
                            () -> community.postCommunityOrder(
                                    m.ledger.ctx, orderJson("c-1", "home-2", "carol", 68, "BUY", false, "1", "0.2"))),
                    ErrorCode.COMMUNITY_DAY_NOT_FOUND);
        }

        @Test
        void orderIdsAreUniqueWithinTheCommunity() {
            post(COMMUNITY, orderJson("x-1", "home-1", "alice", 68, "SELL", true, "2", "0.10"));
            assertCode(
                    refused(
                            AGG1,
                            () -> community.postCommunityOrder(
                                    m.ledger.ctx, orderJson("x-1", "home-3", "bob", 68, "BUY", false, "2", "0.25"))),
                    ErrorCode.COMMUNITY_ORDER_EXISTS);
        }

        @Test
        void sizePriceAndSlotAreChecked() {
            for (String[] bad : new String[][] {
                {"0", "0.1", "68", "$.kw: must be above 0"},
                {"-1", "0.1", "68", "$.kw"},
                {"1", "-0.1", "68", "$.price: must not be negative"},
                {"1", "0.1", "96", "$.slot: must be a slot of 2026-11-27 (0..95)"},
                {"1", "0.123456", "68", "$.price"}
            }) {
                ChaincodeException e = refused(
                        COMMUNITY,
                        () -> community.postCommunityOrder(
                                m.ledger.ctx,
                                orderJson(
                                        "s-9",
                                        "home-1",
                                        "alice",
                                        Integer.parseInt(bad[2]),
                                        "SELL",
                                        true,
                                        bad[0],
                                        bad[1])));
                assertCode(e, ErrorCode.INVALID_FIELD);
                assertThat(e.getMessage()).contains(bad[3]);
            }
            String notBoolean = orderJson("s-9", "home-1", "alice", 68, "SELL", true, "1", "0.1")
                    .replace("\"flexible\":true", "\"flexible\":\"yes\"");
            ChaincodeException e = refused(COMMUNITY, () -> community.postCommunityOrder(m.ledger.ctx, notBoolean));
            assertThat(e.getMessage()).contains("$.flexible: must be true or false");
        }
    }

    @Nested
    class RecordCommunityClearing {
        @BeforeEach
        void openAndBook() {
            community("PAY_AS_CLEAR");
            book();
        }

        @Test
        void aBalancedPayAsClearClearingIsRecordedWithPublicPricesAndHoldsTheFlexibleSellersSlot() {
            afterGate();
            // effective bid 0.25, effective ask 0.10: the slot clears at 0.175
            String json = clear(AGG1, clearingJson(AGG1, trade("b-1", "2", "0.175"), trade("s-1", "2", "0.175")));
            assertThat(json)
                    .contains("\"slots\":[{\"kw\":\"2.000\",\"price\":\"0.17500\",\"slot\":68}]", "\"trades\":2")
                    .doesNotContain("alice", "b-1");
            String trades = privateRecord(PrivateCollections.forCommunity(AGG1), Keys.COMMUNITY_CLEARING, AGG1, DAY);
            assertThat(trades).contains("\"member\":\"alice\"", "\"orderId\":\"b-1\"", "\"price\":\"0.175\"");
            assertThat(json).contains("\"sha256\":\"" + Baseline.sha256Hex(trades) + "\"");
            assertThat(m.ledger.lastEvent().name()).isEqualTo("CommunityCleared");
            assertThat(m.ledger.get(Keys.ASSET_SLOT, DAY, "home-1", "068"))
                    .contains("\"communityOrderId\":\"s-1\"", "\"community\":\"Aggregator1MSP\"");
            // A firm buy holds nothing.
            assertThat(m.ledger.get(Keys.ASSET_SLOT, DAY, "home-3", "068")).isNull();
            // The public summary is the DSO's to read; the trades are not.
            assertThat(m.ledger.as(DSO, () -> community.readCommunityPrices(m.ledger.ctx, AGG1, DAY)))
                    .isEqualTo(json);
            assertCode(
                    m.ledger.refused(DSO, () -> community.readCommunityClearing(m.ledger.ctx, AGG1, DAY)),
                    ErrorCode.COMMUNITY_MSP_NOT_ALLOWED);
            assertThat(m.ledger.as(COMMUNITY, () -> community.readCommunityClearing(m.ledger.ctx, AGG1, DAY)))
                    .isEqualTo(trades);
        }

        @Test
        void aClearingBeforeTheGateClosureOrAfterTheDsoMarketsIsRefused() {
            m.ledger.now = Instant.parse("2026-11-26T19:59:59Z");
            ChaincodeException early = refused(
                    AGG1,
                    () -> community.recordCommunityClearing(
                            m.ledger.ctx, clearingJson(AGG1, trade("b-1", "2", "0.175"), trade("s-1", "2", "0.175"))));
            assertCode(early, ErrorCode.COMMUNITY_GATE_CLOSED);
            assertThat(early.getMessage()).contains("closes at 2026-11-26T20:00:00Z");
            m.ledger.now = Instant.parse("2026-11-26T23:00:00Z");
            ChaincodeException late = refused(
                    AGG1,
                    () -> community.recordCommunityClearing(
                            m.ledger.ctx, clearingJson(AGG1, trade("b-1", "2", "0.175"), trade("s-1", "2", "0.175"))));
            assertCode(late, ErrorCode.COMMUNITY_GATE_CLOSED);
            assertThat(late.getMessage()).contains("DSO market's gate");
        }

        @Test
        void aSecondClearingIsRefused() {
            afterGate();
            clear(AGG1, clearingJson(AGG1, trade("b-1", "2", "0.175"), trade("s-1", "2", "0.175")));
            assertCode(
                    refused(AGG1, () -> community.recordCommunityClearing(m.ledger.ctx, clearingJson(AGG1))),
                    ErrorCode.COMMUNITY_CLEARING_EXISTS);
        }

        @Test
        void onlyTheOperatorClears() {
            afterGate();
            String json = clearingJson(AGG1, trade("b-1", "2", "0.175"), trade("s-1", "2", "0.175"));
            for (String msp : new String[] {COMMUNITY, AGG2, DSO}) {
                assertCode(
                        refused(msp, () -> community.recordCommunityClearing(m.ledger.ctx, json)),
                        ErrorCode.COMMUNITY_MSP_NOT_ALLOWED);
            }
            // Nor does an operator clear another community.
            assertCode(
                    refused(AGG2, () -> community.recordCommunityClearing(m.ledger.ctx, clearingJson(AGG1))),
                    ErrorCode.COMMUNITY_MSP_NOT_ALLOWED);
        }

        ChaincodeException badTrades(String... trades) {
            afterGate();
            ChaincodeException e =
                    refused(AGG1, () -> community.recordCommunityClearing(m.ledger.ctx, clearingJson(AGG1, trades)));
            assertCode(e, ErrorCode.COMMUNITY_TRADE_INVALID);
            return e;
        }

        @Test
        void anOperatorOverchargingABuyerIsRefused() {
            ChaincodeException e = badTrades(trade("b-1", "2", "0.26"), trade("s-1", "2", "0.26"));
            assertThat(e.getMessage()).contains("$.trades[0].price: 0.26 is above buyer b-1's effective bid 0.25000");
        }

        @Test
        void aBuyerIsNeverChargedAboveTheGridsRetailPrice() {
            post(AGG1, orderJson("b-2", "home-3", "bob", 70, "BUY", false, "1", "0.90"));
            post(COMMUNITY, orderJson("s-2", "home-1", "alice", 70, "SELL", false, "1", "0.40"));
            // bob's bid 0.90 is capped at the retail price 0.30, alice's ask 0.40 stays above it
            ChaincodeException e = badTrades(
                    trade("b-1", "2", "0.175"),
                    trade("s-1", "2", "0.175"),
                    trade("b-2", "1", "0.40"),
                    trade("s-2", "1", "0.40"));
            assertThat(e.getMessage()).contains("$.trades[2].price: 0.40 is above buyer b-2's effective bid 0.30000");
        }

        @Test
        void anOperatorUnderpayingASellerIsRefused() {
            ChaincodeException e = badTrades(trade("b-1", "2", "0.09"), trade("s-1", "2", "0.09"));
            assertThat(e.getMessage()).contains("$.trades[1].price: 0.09 is below seller s-1's effective ask 0.10000");
        }

        @Test
        void anOperatorSkimmingTheSpreadUnderPayAsClearIsRefused() {
            // Both within their limits, but not the slot's clearing price: the operator would keep 0.05 per kWh.
            ChaincodeException e = badTrades(trade("b-1", "2", "0.20"), trade("s-1", "2", "0.15"));
            assertThat(e.getMessage()).contains("is not the PAY_AS_CLEAR price 0.175");
        }

        @Test
        void anOperatorInventingKilowattsIsRefused() {
            ChaincodeException e = badTrades(trade("b-1", "3", "0.175"), trade("s-1", "3", "0.175"));
            assertThat(e.getMessage()).contains("$.trades[0].kw: 3.000 kW is not in (0, 2.000]");
            ChaincodeException zero = badTrades(trade("b-1", "0", "0.175"), trade("s-1", "0", "0.175"));
            assertThat(zero.getMessage()).contains("$.trades[0].kw");
        }

        @Test
        void aNegativePriceIsRefused() {
            ChaincodeException e = badTrades(trade("b-1", "2", "-0.01"), trade("s-1", "2", "0.175"));
            assertThat(e.getMessage()).contains("$.trades[0].price: must not be negative");
        }

        @Test
        void anOrderOfAnotherDayIsNotInThisClearing() {
            open(AGG1, dayJson(AGG1, GATE, "PAY_AS_CLEAR").replace(DAY, "2026-11-28"));
            post(
                    COMMUNITY,
                    orderJson("s-9", "home-1", "alice", 68, "SELL", true, "2", "0.10")
                            .replace(DAY, "2026-11-28"));
            ChaincodeException e = badTrades(trade("b-1", "2", "0.175"), trade("s-9", "2", "0.175"));
            assertThat(e.getMessage()).contains("$.trades[1].orderId: order s-9 is for 2026-11-28, not 2026-11-27");
        }

        @Test
        void anUnbalancedSlotIsRefused() {
            ChaincodeException e = badTrades(trade("b-1", "2", "0.175"), trade("s-1", "1.5", "0.175"));
            assertThat(e.getMessage()).contains("$.trades: slot 68 buys 2.000 kW and sells 1.500 kW");
        }

        @Test
        void anUnknownOrderOrATradeTwiceIsRefused() {
            ChaincodeException unknown = badTrades(trade("b-404", "2", "0.175"), trade("s-1", "2", "0.175"));
            assertThat(unknown.getMessage()).contains("$.trades[0].orderId: order b-404 is not in community");
            ChaincodeException twice =
                    badTrades(trade("b-1", "1", "0.175"), trade("b-1", "1", "0.175"), trade("s-1", "2", "0.175"));
            assertThat(twice.getMessage()).contains("$.trades[1].orderId: order b-1 is traded twice");
        }

        @Test
        void anotherCommunitysOrderIsUnknownHere() {
            open(AGG2, dayJson(AGG2, GATE, "PAY_AS_CLEAR"));
            propose(AGG2, "carol", "home-2");
            approve(AGG2, "home-2");
            post(AGG2, orderJson("c-1", "home-2", "carol", 68, "SELL", true, "2", "0.05"));
            ChaincodeException e = badTrades(trade("b-1", "2", "0.15"), trade("c-1", "2", "0.15"));
            assertThat(e.getMessage()).contains("order c-1 is not in community Aggregator1MSP");
        }

        @Test
        void payAsBidPaysEveryoneItsOwnEffectivePrice() {
            m = new MarketFixture().seeded();
            m.asset(AGG1, "home-3", "TX1-F1");
            community("PAY_AS_BID");
            post(COMMUNITY, orderJson("s-1", "home-1", "alice", 68, "SELL", true, "2", "0.01"));
            post(AGG1, orderJson("b-1", "home-3", "bob", 68, "BUY", false, "2", "0.25"));
            afterGate();
            // alice's ask 0.01 is raised to the feed-in price 0.05
            ChaincodeException e = refused(
                    AGG1,
                    () -> community.recordCommunityClearing(
                            m.ledger.ctx, clearingJson(AGG1, trade("b-1", "2", "0.25"), trade("s-1", "2", "0.01"))));
            assertCode(e, ErrorCode.COMMUNITY_TRADE_INVALID);
            String json = clear(AGG1, clearingJson(AGG1, trade("b-1", "2", "0.25"), trade("s-1", "2", "0.05")));
            assertThat(json).contains("\"price\":\"0.15000\"", "\"pricing\":\"PAY_AS_BID\"");
        }

        @Test
        void theDsoCannotOrderAHomeSlotSoldInTheCommunity() {
            m.postOffer(AGG1, offerJson("o-1")); // home-1, slots 68..70
            afterGate();
            clear(AGG1, clearingJson(AGG1, trade("b-1", "2", "0.175"), trade("s-1", "2", "0.175")));
            Map<String, String> before = m.ledger.snapshot();
            ChaincodeException e = m.ledger.refused(
                    DSO,
                    () -> m.orders.createOrder(
                            m.ledger.ctx, "{\"id\":\"ord-1\",\"offerId\":\"o-1\",\"activation\":1}"));
            assertThat(m.ledger.snapshot()).isEqualTo(before);
            assertCode(e, ErrorCode.ORDER_DOUBLE_SALE);
            assertThat(e.getMessage())
                    .isEqualTo("ORDER_DOUBLE_SALE: asset home-1 is already sold in slot 68 of 2026-11-27 by the"
                            + " community trade of order s-1 in community Aggregator1MSP");
        }

        @Test
        void theCommunityCannotSellAHomeSlotTheDsoOrdered() {
            m.postOffer(AGG1, offerJson("o-1")); // home-1, slots 68..70
            m.order("ord-1", "o-1", "1");
            ChaincodeException e = badTradesWith(
                    ErrorCode.COMMUNITY_DOUBLE_SALE, trade("b-1", "2", "0.175"), trade("s-1", "2", "0.175"));
            assertThat(e.getMessage())
                    .contains("$.trades[1]: home home-1 is already sold in slot 68 of 2026-11-27 by order ord-1");
        }

        ChaincodeException badTradesWith(ErrorCode code, String... trades) {
            afterGate();
            ChaincodeException e =
                    refused(AGG1, () -> community.recordCommunityClearing(m.ledger.ctx, clearingJson(AGG1, trades)));
            assertCode(e, code);
            return e;
        }

        @Test
        void aFirmSellHoldsNoSlot() {
            post(COMMUNITY, orderJson("s-2", "home-1", "alice", 69, "SELL", false, "1", "0.10"));
            post(AGG1, orderJson("b-2", "home-3", "bob", 69, "BUY", true, "1", "0.20"));
            afterGate();
            clear(AGG1, clearingJson(AGG1, trade("b-2", "1", "0.15"), trade("s-2", "1", "0.15")));
            assertThat(m.ledger.get(Keys.ASSET_SLOT, DAY, "home-1", "069")).isNull();
        }

        @Test
        void payAsClearCapsAPartyAtItsOwnLimitAndAllowsRoundingToFiveDecimals() {
            // Slot 70: two buyers (0.25 and 0.12) and one seller (0.10): p = (0.12 + 0.10) / 2 = 0.11 for all.
            // Slot 71: buyer 0.20001 and seller 0.10000: p = 0.150005, given rounded to 0.15001 (or 0.15).
            post(AGG1, orderJson("b-2", "home-3", "bob", 70, "BUY", false, "1", "0.25"));
            post(AGG1, orderJson("b-3", "home-3", "bob", 70, "BUY", true, "1", "0.12"));
            post(COMMUNITY, orderJson("s-2", "home-1", "alice", 70, "SELL", true, "2", "0.10"));
            post(AGG1, orderJson("b-4", "home-3", "bob", 71, "BUY", false, "1", "0.20001"));
            post(COMMUNITY, orderJson("s-4", "home-1", "alice", 71, "SELL", false, "1", "0.1"));
            afterGate();
            ChaincodeException twoPrices = badTrades(
                    trade("b-2", "1", "0.11"),
                    trade("b-3", "1", "0.11"),
                    trade("s-2", "2", "0.11"),
                    trade("b-4", "1", "0.15001"),
                    trade("s-4", "1", "0.150005"));
            assertThat(twoPrices.getMessage()).contains("slot 71 is cleared at 0.15001, not 0.150005");
            String json = clear(
                    AGG1,
                    clearingJson(
                            AGG1,
                            trade("b-2", "1", "0.11"),
                            trade("b-3", "1", "0.11"),
                            trade("s-2", "2", "0.11"),
                            trade("b-4", "1", "0.15001"),
                            trade("s-4", "1", "0.15001")));
            assertThat(json).contains("{\"kw\":\"2.000\",\"price\":\"0.11000\",\"slot\":70}");
        }

        @Test
        void aMalformedClearingNamesItsField() {
            afterGate();
            ChaincodeException e = refused(
                    AGG1,
                    () -> community.recordCommunityClearing(
                            m.ledger.ctx,
                            clearingJson(
                                    AGG1, "{\"orderId\":\"b-1\",\"kw\":\"2\",\"price\":\"0.1\",\"member\":\"x\"}")));
            assertCode(e, ErrorCode.INVALID_FIELD);
            assertThat(e.getMessage()).contains("$.trades[0].member: is not a known field");
        }
    }
}
