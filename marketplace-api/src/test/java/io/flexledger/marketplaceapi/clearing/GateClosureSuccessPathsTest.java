package io.flexledger.marketplaceapi.clearing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import io.flexledger.clearing.model.ClearingResult;
import io.flexledger.domain.market.FlexOrder;
import io.flexledger.domain.market.FlexOrderState;
import io.flexledger.marketplaceapi.ledger.ChaincodeRejection;
import io.flexledger.marketplaceapi.ledger.InMemoryLedger;
import io.flexledger.marketplaceapi.ledger.InMemoryLedgerProfile;
import io.flexledger.marketplaceapi.ledger.Ledger;
import io.flexledger.marketplaceapi.ledger.LedgerEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The DSO's gate-closure clearing ({@link GateClosureClearing}) on the DSO's instance with the ledger in
 * memory behind the {@link Ledger} port: it reads the day's book through the port, clears it, places
 * the orders (each endorsed by the offer's own aggregator: the in-memory ledger refuses an order endorsed
 * by another) and closes the day's open requests. The book: a request of 2 kW in slot 68 and 3 kW in slot 70, an Aggregator1 offer for slot
 * 68, an Aggregator2 offer for slot 70, and a dear Aggregator1 offer of another home for slot 69, which
 * nothing asks for.
 */
@QuarkusTest
@TestProfile(InMemoryLedgerProfile.Dso.class)
@TestSecurity(user = "dso-operator", roles = "dso", attributes = @SecurityAttribute(key = "msp", value = "DsoMSP"))
class GateClosureSuccessPathsTest {
    /** The order of o-1 the clearing places. */
    private static final FlexOrder ORDER_O_1 =
            new FlexOrder("ord-o-1", "DsoMSP", "o-1", BigDecimal.ONE, FlexOrderState.ACCEPTED);

    private static final String DAY = "2030-06-01";

    @Inject
    InMemoryLedger ledger;

    @BeforeEach
    void book() {
        ledger.clear();
        ledger.as("Aggregator1MSP")
                .createOffer(
                        "seed-1",
                        InMemoryLedger.offerInput(
                                offer("o-1", "Aggregator1MSP", "home-001", "68", "2.0", "0.21"), "Aggregator1MSP"));
        ledger.as("Aggregator2MSP")
                .createOffer(
                        "seed-2",
                        InMemoryLedger.offerInput(
                                offer("o-2", "Aggregator2MSP", "home-201", "70", "3.0", "0.30"), "Aggregator2MSP"));
        ledger.as("Aggregator1MSP")
                .createOffer(
                        "seed-3",
                        InMemoryLedger.offerInput(
                                offer("o-3", "Aggregator1MSP", "home-002", "69", "4.0", "5.00"), "Aggregator1MSP"));
        ledger.createRequest(
                "seed-r",
                InMemoryLedger.requestInput(
                        "{\"id\":\"r-1\",\"congestionPointId\":\"TX1\",\"day\":\"" + DAY
                                + "\",\"kwBySlot\":{\"68\":2,\"70\":3},\"unservedPenalty\":2}",
                        "DsoMSP"));
    }

    private static String offer(String id, String aggregator, String home, String slot, String kw, String price) {
        return "{\"id\":\"" + id + "\",\"aggregatorMsp\":\"" + aggregator + "\",\"congestionPointId\":\"TX1\","
                + "\"assetId\":\"" + home + "\",\"day\":\"" + DAY + "\",\"kwBySlot\":{\"" + slot + "\":" + kw
                + "},\"price\":" + price + ",\"minActivation\":0.5}";
    }

    @Inject
    Ledger port;

    @Inject
    LedgerEvents events;

    /**
     * A clearing service on the port (the application's own is disabled in the tests: {@code
     * flex.clearing.enabled=false}), searching for 2 s at most.
     */
    private GateClosureClearing clearing() {
        return new GateClosureClearing(port, events, true, 2, 8);
    }

    @Test
    void theDsosInstanceClears() {
        assertThat(clearing().active()).isTrue();
    }

    @Test
    void theProvisionalClearingAcceptsTheOffersTheRequestNeedsAndWritesNothing() {
        ClearingResult provisional = clearing().provisional(LocalDate.parse(DAY));

        assertThat(provisional.accepted().get("o-1")).isPositive();
        assertThat(provisional.accepted().get("o-2")).isPositive();
        assertThat(provisional.accepted().getOrDefault("o-3", 0.0)).isZero();
        given().when().get("/api/orders?day=" + DAY).then().statusCode(200).body("records", empty());
        given().when().get("/api/requests/r-1").then().statusCode(200).body("state", equalTo("OPEN"));
    }

    @Test
    void atGateClosureTheOrdersArePlacedWithTheirAggregatorsAndTheRequestClosed() {
        GateClosureReport report = clearing().clearAndOrder(LocalDate.parse(DAY));

        // One clearing request per slot of the ledger's request.
        assertThat(report.requests()).isEqualTo(2);
        assertThat(report.offers()).isEqualTo(3);
        assertThat(report.refused()).isEmpty();
        assertThat(report.placed()).isEqualTo(2);
        assertThat(report.alreadyPlaced()).isZero();
        assertThat(report.closedRequests()).containsExactly("r-1");
        assertThat(report.orders())
                .extracting(OrderPlan::orderId, OrderPlan::aggregatorMsp)
                .containsExactlyInAnyOrder(tuple("ord-o-1", "Aggregator1MSP"), tuple("ord-o-2", "Aggregator2MSP"));
        given().when()
                .get("/api/orders?day=" + DAY)
                .then()
                .statusCode(200)
                .body("records.id", containsInAnyOrder("ord-o-1", "ord-o-2"))
                .body("records.aggregatorMsp", containsInAnyOrder("Aggregator1MSP", "Aggregator2MSP"))
                .body("records.state", contains("ACCEPTED", "ACCEPTED"));
        given().when().get("/api/offers/o-1").then().statusCode(200).body("state", equalTo("ORDERED"));
        given().when().get("/api/offers/o-3").then().statusCode(200).body("state", equalTo("OFFERED"));
        given().when().get("/api/requests/r-1").then().statusCode(200).body("state", equalTo("CLOSED"));
    }

    @Test
    void clearingAgainPlacesNothingTwice() {
        GateClosureClearing clearing = clearing();
        assertThat(clearing.clearAndOrder(LocalDate.parse(DAY)).placed()).isEqualTo(2);

        GateClosureReport again = clearing.clearAndOrder(LocalDate.parse(DAY));

        assertThat(again.requests()).isZero();
        assertThat(again.placed()).isZero();
        assertThat(again.refused()).isEmpty();
        assertThat(again.closedRequests()).isEmpty();
        given().when()
                .get("/api/orders?day=" + DAY)
                .then()
                .statusCode(200)
                .body("records.id", containsInAnyOrder("ord-o-1", "ord-o-2"));
    }

    @Test
    void anOfferOrderedBeforeIsNotOrderedAgain() {
        // An earlier, interrupted run placed o-1's order but closed nothing.
        ledger.placeClearedOrder("Aggregator1MSP", ORDER_O_1);

        GateClosureReport report = clearing().clearAndOrder(LocalDate.parse(DAY));

        assertThat(report.placed()).isEqualTo(1);
        assertThat(report.alreadyPlaced()).isZero();
        assertThat(report.orders()).extracting(OrderPlan::orderId).containsExactly("ord-o-2");
        assertThat(report.closedRequests()).containsExactly("r-1");
    }

    @Test
    void anOrderEndorsedByAnotherAggregatorIsNotCommitted() {
        // What the clearing must not do: name another aggregator than the offer's as the order's endorser.
        assertThatThrownBy(() -> ledger.placeClearedOrder("Aggregator2MSP", ORDER_O_1))
                .isInstanceOf(ChaincodeRejection.class)
                .hasMessageContaining("ENDORSEMENT_POLICY_FAILURE");
        given().when().get("/api/offers/o-1").then().statusCode(200).body("state", equalTo("OFFERED"));
    }
}
