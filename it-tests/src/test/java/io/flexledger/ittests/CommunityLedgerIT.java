package io.flexledger.ittests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.flexledger.contract.Community;
import io.flexledger.contract.Orders;
import io.flexledger.contract.Tx;
import io.flexledger.domain.time.MarketPeriod;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Random;
import java.util.stream.Collectors;
import org.hyperledger.fabric.client.GatewayException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The community market on the real network, through each organisation's own peer gateway: memberships
 * of both aggregators' homes (one proposed by CommunityMSP) approved by the aggregators, a community day
 * whose gate closes some 35 s ahead, members' orders (one refused from the wrong organisation, one
 * refused after the gate), a balanced clearing, the DSO refused the trades but reading the prices, and
 * the DSO's order of a home slot the community sold refused as a double sale.
 */
@ExtendWith(FlexStack.class)
class CommunityLedgerIT {
    private static Gateways aggregator1;
    private static Gateways aggregator2;
    private static Gateways community;
    private static Gateways dso;

    @BeforeAll
    static void connect() throws Exception {
        Market.congestionPoints();
        aggregator1 = Gateways.connect("aggregator1", "Aggregator1MSP", FlexStack.port(8051));
        aggregator2 = Gateways.connect("aggregator2", "Aggregator2MSP", FlexStack.port(9051));
        community = Gateways.connect("community", "CommunityMSP", FlexStack.port(10051));
        dso = Gateways.connect("dso", "DsoMSP", FlexStack.port(7051));
    }

    @AfterAll
    static void close() throws InterruptedException {
        for (Gateways g : new Gateways[] {aggregator1, aggregator2, community, dso}) {
            if (g != null) {
                g.close();
            }
        }
    }

    @Test
    void aCommunityDayFromMembershipsToAClearingThatHoldsTheSoldSlotAgainstTheDso() throws Exception {
        LocalDate day = LocalDate.now(ZoneId.of("Europe/London")).plusDays(30 + new Random().nextInt(3000));
        String seller = Market.home("Aggregator1MSP");
        String buyer = Market.home("Aggregator1MSP");
        String other = Market.home("Aggregator2MSP");
        String offer = Market.uniqueId("o");
        Api.post("Aggregator1MSP")
                .body("""
                        {"id":"%s","congestionPointId":"F1","assetId":"%s","day":"%s",
                         "kwBySlot":{"68":2.0,"69":2.0},"price":0.21,"minActivation":0.5}
                        """.formatted(offer, seller, day))
                .post("/api/offers")
                .then()
                .statusCode(201);
        String alice = Market.uniqueId("alice");
        String bob = Market.uniqueId("bob");
        String carol = Market.uniqueId("carol");
        String sell = Market.uniqueId("s");
        String buy = Market.uniqueId("b");

        // Memberships: alice's through CommunityMSP, bob's and carol's through their homes' aggregators.
        submit(community, Community.PROPOSE_MEMBERSHIP, membership(alice, seller));
        submit(aggregator1, Community.PROPOSE_MEMBERSHIP, membership(bob, buyer));
        // carol's membership travels in transient fields (with a salt): it is in no block, only in the collection.
        byte[] proposed = aggregator2
                .contract()
                .newProposal(Community.PROPOSE_MEMBERSHIP.fullName())
                .addArguments("")
                .putTransient("membership", membership(carol, other).getBytes(StandardCharsets.UTF_8))
                .putTransient("salt", "00112233445566778899aabbccddeeff".getBytes(StandardCharsets.UTF_8))
                .build()
                .endorse()
                .submit();
        assertThat(new String(proposed, StandardCharsets.UTF_8))
                .contains("\"state\":\"PROPOSED\"")
                .doesNotContain(carol);
        awaitRead(aggregator1, Community.READ_MEMBERSHIP, seller);
        String approved = submit(aggregator1, Community.APPROVE_MEMBERSHIP, seller);
        assertThat(approved).contains("\"state\":\"ACTIVE\"").doesNotContain(alice);
        submit(aggregator1, Community.APPROVE_MEMBERSHIP, buyer);
        awaitRead(aggregator2, Community.READ_MEMBERSHIP, other);
        submit(aggregator2, Community.APPROVE_MEMBERSHIP, other);
        // CommunityMSP shares both communities' records; the DSO none.
        awaitReadContaining(community, "\"state\":\"ACTIVE\"", Community.READ_MEMBERSHIP, other);
        awaitReadContaining(community, "\"state\":\"ACTIVE\"", Community.READ_MEMBERSHIP, seller);
        awaitReadContaining(community, "\"state\":\"ACTIVE\"", Community.READ_MEMBERSHIP, buyer);
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300))
                .until(() ->
                        refusedEvaluate(dso, Community.READ_MEMBERSHIP, seller).contains("COMMUNITY_MSP_NOT_ALLOWED"));

        // The operator opens the day with its gate some 35 s ahead, before the DSO market's.
        Instant gate = Instant.now().plusSeconds(35).truncatedTo(ChronoUnit.SECONDS);
        String opened = submit(aggregator1, Community.OPEN_DAY, dayJson("Aggregator1MSP", day, gate));
        assertThat(opened).contains("\"gateClosure\":\"" + gate + "\"");
        awaitRead(community, Community.READ_DAY, "Aggregator1MSP", day.toString());
        assertThat(refusedSubmit(community, Community.OPEN_DAY, dayJson("Aggregator1MSP", day, gate)))
                .contains("COMMUNITY_MSP_NOT_ALLOWED");

        // Orders: alice's through CommunityMSP, bob's through Aggregator1; the operator cannot order for alice.
        submit(community, Community.POST_ORDER, order(sell, seller, alice, day, "SELL", true, "2", "0.10"));
        submit(aggregator1, Community.POST_ORDER, order(buy, buyer, bob, day, "BUY", false, "2", "0.25"));
        assertThat(refusedSubmit(
                        aggregator1,
                        Community.POST_ORDER,
                        order(Market.uniqueId("s"), seller, alice, day, "SELL", true, "1", "0.10")))
                .contains("MEMBERSHIP_NOT_ACTIVE");

        // After the gate no order is taken.
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> Instant.now().isAfter(gate.plusSeconds(2)));
        assertThat(refusedSubmit(
                        community,
                        Community.POST_ORDER,
                        order(Market.uniqueId("s"), seller, alice, day, "SELL", true, "1", "0.10")))
                .contains("COMMUNITY_GATE_CLOSED");

        // The operator's balanced clearing: effective bid 0.25 and ask 0.10 clear at 0.175.
        String clearing = "{\"community\":\"Aggregator1MSP\",\"day\":\"" + day + "\",\"trades\":["
                + "{\"orderId\":\"" + buy + "\",\"kw\":\"2\",\"price\":\"0.175\"},"
                + "{\"orderId\":\"" + sell + "\",\"kw\":\"2\",\"price\":\"0.175\"}]}";
        awaitReadContaining(aggregator1, sell, Community.LIST_ORDERS, "Aggregator1MSP", day.toString());
        String recorded = submit(aggregator1, Community.RECORD_CLEARING, clearing);
        assertThat(recorded)
                .contains("\"price\":\"0.17500\"", "\"kw\":\"2.000\"")
                .doesNotContain(alice);
        assertThat(refusedSubmit(aggregator1, Community.RECORD_CLEARING, clearing))
                .contains("COMMUNITY_CLEARING_EXISTS");

        // The DSO reads the public prices, not the trades.
        String prices = awaitRead(dso, Community.READ_PRICES, "Aggregator1MSP", day.toString());
        assertThat(prices).isEqualTo(recorded);
        assertThat(refusedEvaluate(dso, Community.READ_CLEARING, "Aggregator1MSP", day.toString()))
                .contains("COMMUNITY_MSP_NOT_ALLOWED");
        assertThat(awaitRead(community, Community.READ_CLEARING, "Aggregator1MSP", day.toString()))
                .contains(alice, bob);
        assertThat(awaitRead(community, Community.LIST_MEMBERSHIPS, "Aggregator2MSP"))
                .contains(carol, "\"salt\":\"00112233445566778899aabbccddeeff\"");

        // alice's flexible sell of slot 68 holds it: the DSO's order of her home's offer is a double sale.
        DeliveryDay.awaitOffer("DsoMSP", offer);
        Api.post("DsoMSP")
                .body(AccessMatrixIT.orderBody(Market.uniqueId("ord"), offer))
                .post("/api/orders")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("ORDER_DOUBLE_SALE"));
        Api.as("DsoMSP").get("/api/offers/{id}", offer).then().statusCode(200).body("state", equalTo("OFFERED"));
        // The DSO's own peer, asked directly, names what holds the slot.
        assertThat(refusedSubmit(dso, Orders.CREATE_ORDER, AccessMatrixIT.orderBody(Market.uniqueId("ord"), offer)))
                .contains(
                        "ORDER_DOUBLE_SALE",
                        "by the community trade of order " + sell + " in community Aggregator1MSP");
    }

    private static String membership(String member, String home) {
        return "{\"member\":\"" + member + "\",\"homeId\":\"" + home + "\"}";
    }

    private static String dayJson(String operator, LocalDate day, Instant gate) {
        int slots = MarketPeriod.of(day).slotCount(); // 92 or 100 on a clock-change day
        String imports = "[" + String.join(",", Collections.nCopies(slots, "\"0.30\"")) + "]";
        String exports = "[" + String.join(",", Collections.nCopies(slots, "\"0.05\"")) + "]";
        return "{\"community\":\"" + operator + "\",\"day\":\"" + day + "\",\"gateClosure\":\"" + gate
                + "\",\"pricing\":\"PAY_AS_CLEAR\",\"importPrice\":" + imports + ",\"exportPrice\":" + exports + "}";
    }

    private static String order(
            String id,
            String home,
            String member,
            LocalDate day,
            String side,
            boolean flexible,
            String kw,
            String price) {
        return "{\"id\":\"" + id + "\",\"homeId\":\"" + home + "\",\"member\":\"" + member + "\",\"day\":\"" + day
                + "\",\"slot\":68,\"side\":\"" + side + "\",\"flexible\":" + flexible + ",\"kw\":\"" + kw
                + "\",\"price\":\"" + price + "\"}";
    }

    private static String submit(Gateways g, Tx tx, String... args) throws Exception {
        return new String(g.contract().submitTransaction(tx.fullName(), args), StandardCharsets.UTF_8);
    }

    /** Polls an evaluation on {@code g}'s peer until it answers (a commit reaches each peer a moment apart). */
    private static String awaitRead(Gateways g, Tx tx, String... args) {
        return awaitReadContaining(g, "", tx, args);
    }

    /** Polls an evaluation on {@code g}'s peer until its answer contains {@code expected}. */
    private static String awaitReadContaining(Gateways g, String expected, Tx tx, String... args) {
        String[] out = new String[1];
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    try {
                        out[0] = new String(
                                g.contract().evaluateTransaction(tx.fullName(), args), StandardCharsets.UTF_8);
                        return out[0].contains(expected);
                    } catch (GatewayException e) {
                        return false;
                    }
                });
        return out[0];
    }

    private static String refusedSubmit(Gateways g, Tx tx, String... args) {
        GatewayException e =
                catchThrowableOfType(GatewayException.class, () -> g.contract().submitTransaction(tx.fullName(), args));
        assertThat(e).as("%s must be refused", tx.fullName()).isNotNull();
        return messages(e);
    }

    private static String refusedEvaluate(Gateways g, Tx tx, String... args) {
        GatewayException e = catchThrowableOfType(
                GatewayException.class, () -> g.contract().evaluateTransaction(tx.fullName(), args));
        assertThat(e).as("%s must be refused", tx.fullName()).isNotNull();
        return messages(e);
    }

    private static String messages(GatewayException e) {
        return e.getMessage() + " "
                + e.getDetails().stream().map(d -> d.getMessage()).collect(Collectors.joining(" | "));
    }
}
