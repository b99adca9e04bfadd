package io.flexledger.ittests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** An offer posted through one organisation's API and peer is read back through another's. */
@ExtendWith(FlexStack.class)
class OfferAcrossOrganisationsIT {
    @BeforeAll
    static void registry() {
        Market.congestionPoints();
    }

    @Test
    void offerPostedByAggregator1IsReadBackByTheDso() {
        String home = Market.home("Aggregator1MSP");
        String id = Market.uniqueId("o");

        Response posted =
                Api.post("Aggregator1MSP").body(Market.offer(id, home)).post("/api/offers");
        posted.then().statusCode(201);
        assertThat(posted.header("Ledger-Transaction-Id")).matches("[0-9a-f]{64}");
        assertThat(Long.parseLong(posted.header("Ledger-Block-Number"))).isPositive();

        // The DSO's peer commits Aggregator1's block a moment after Aggregator1's peer does.
        DeliveryDay.awaitOffer("DsoMSP", id);
        JsonPath read = Api.as("DsoMSP")
                .get("/api/offers/{id}", id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        JsonPath written = posted.jsonPath();
        assertThat(read.getString("id")).isEqualTo(id);
        assertThat(read.getString("aggregatorMsp")).isEqualTo("Aggregator1MSP");
        assertThat(read.getString("assetId")).isEqualTo(home);
        assertThat(read.getString("congestionPointId")).isEqualTo("F1");
        assertThat(read.getMap("kwBySlot")).isEqualTo(written.getMap("kwBySlot"));
        assertThat(read.getString("price")).isEqualTo(written.getString("price"));
        assertThat(read.getString("minActivation")).isEqualTo(written.getString("minActivation"));
        assertThat(new java.math.BigDecimal(read.getString("kwBySlot.69"))).isEqualByComparingTo("2.5");
    }

    @Test
    void theDsoCannotPostAnOffer() {
        Api.post("DsoMSP")
                .body(Market.offer(Market.uniqueId("o"), "home-x"))
                .post("/api/offers")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void anUnknownOfferIs404() {
        Api.as("DsoMSP")
                .get("/api/offers/{id}", Market.uniqueId("missing"))
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("OFFER_NOT_FOUND"));
    }

    @Test
    void aMalformedOfferIsRefusedWithTheFieldNamed() {
        String home = Market.home("Aggregator1MSP");
        Api.post("Aggregator1MSP")
                .body(Market.offer(Market.uniqueId("o"), home).replace("\"minActivation\":0.5", "\"minActivation\":2"))
                .post("/api/offers")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("$.minActivation"));
    }

    @Test
    void anOfferForAnotherAggregatorsHomeIsRefusedByTheChaincode() {
        String home = Market.home("Aggregator2MSP");
        Api.post("Aggregator1MSP")
                .body(Market.offer(Market.uniqueId("o"), home))
                .post("/api/offers")
                .then()
                .statusCode(403)
                .body("code", equalTo("OFFER_ASSET_NOT_OWNED"));
    }
}
