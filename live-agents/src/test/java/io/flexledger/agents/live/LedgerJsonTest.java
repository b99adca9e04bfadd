package io.flexledger.agents.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.agents.dso.CongestionPoint;
import io.flexledger.agents.grid.LvNetwork;
import io.flexledger.agents.grid.PontypoolNetwork;
import io.flexledger.clearing.model.Offer;
import java.time.LocalDate;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The bodies the live agents post: the ledger's scales, rounded the safe way. */
class LedgerJsonTest {

    private static final LvNetwork NET = PontypoolNetwork.create();
    private static final MarketDay DAY = new MarketDay(LocalDate.of(2026, 6, 3));

    @Test
    void anOffersKwIsRoundedDownAndItsPriceUp() {
        Offer o = new Offer(
                "x",
                "agr-1",
                "F1",
                "pontypool-001-s12-d01",
                new int[] {68, 69, 70},
                new double[] {0.0, 0.30000000000000004, 1.23456},
                0.1234501,
                0.1);

        ObjectNode body = LedgerJson.offer("lv-1-F1-h001-down-69-2", "pontypool-001", "lv-1-req-F1", DAY, o);

        assertThat(body.toString())
                .isEqualTo(
                        "{\"id\":\"lv-1-F1-h001-down-69-2\",\"congestionPointId\":\"F1\","
                                + "\"assetId\":\"pontypool-001\",\"day\":\"2026-06-03\",\"requestId\":\"lv-1-req-F1\","
                                + "\"kwBySlot\":{\"68\":0.000,\"69\":0.300,\"70\":1.234},\"price\":0.12346,\"minActivation\":0.1}");
        assertThat(LedgerJson.movesSomething(body)).isTrue();
    }

    @Test
    void anOfferThatRoundsToNothingMovesNothing() {
        Offer o = new Offer("x", "agr-1", "F1", "a", new int[] {70}, new double[] {0.0004}, 0.1, 1.0);
        assertThat(LedgerJson.movesSomething(LedgerJson.offer("lv-1-x", "a", "r", DAY, o)))
                .isFalse();
    }

    @Test
    void aRequestsKwIsRoundedUp() {
        SortedMap<Integer, Double> kw = new TreeMap<>();
        kw.put(72, 12.3001);
        kw.put(73, 4.0);
        ObjectNode body = LedgerJson.request("lv-1-req-TX1", "TX1", DAY, kw, 1.0);
        assertThat(body.toString())
                .isEqualTo("{\"id\":\"lv-1-req-TX1\",\"congestionPointId\":\"TX1\",\"day\":\"2026-06-03\","
                        + "\"kwBySlot\":{\"72\":12.301,\"73\":4.000},\"unservedPenalty\":1.00000}");
    }

    @Test
    void congestionPointsCarryTheirRatings() {
        ObjectNode tx = LedgerJson.congestionPoint(NET, CongestionPoint.transformer(NET));
        ObjectNode f2 = LedgerJson.congestionPoint(NET, CongestionPoint.feeder(NET, 1));
        assertThat(tx.toString()).isEqualTo("{\"id\":\"TX1\",\"kind\":\"TRANSFORMER\",\"capacityKw\":500.000}");
        // a 380 A head cable, three phases at 230 V
        assertThat(f2.toString())
                .isEqualTo("{\"id\":\"F2\",\"kind\":\"FEEDER\",\"parentId\":\"TX1\",\"capacityKw\":262.200}");
    }

    @Test
    void aHomeIsRegisteredAtItsFeederWithPrivateDetails() {
        LvNetwork.Home home = NET.homes().get(60);
        ObjectNode body = LedgerJson.asset(NET, home, 13.8, "00ff".repeat(8));
        assertThat(body.path("id").asText()).isEqualTo("pontypool-061");
        assertThat(body.path("congestionPointId").asText())
                .isEqualTo(NET.feederIds().get(home.feeder()));
        assertThat(body.path("home").path("assetId").asText()).isEqualTo("pontypool-061");
        assertThat(body.path("home").path("address").asText()).isEqualTo("61 Pontypool Row, Pontypool");
        assertThat(body.path("home").path("connectionCapacityKw").toString()).isEqualTo("13.800");
        assertThat(body.path("home").path("salt").asText()).hasSize(32);
    }

    @Test
    void idsOutsideTheLedgersRuleAreRefused() {
        Offer o = new Offer("x", "agr-1", "F1", "a", new int[] {70}, new double[] {1}, 0.1, 1.0);
        assertThatThrownBy(() -> LedgerJson.offer("x".repeat(65), "a", "r", DAY, o))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not match");
        assertThatThrownBy(() -> LedgerJson.offer("lv 1", "a", "r", DAY, o))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
