package io.flexledger.marketplaceapi.clearing;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.clearing.model.ClearingProblem;
import io.flexledger.clearing.model.ClearingResult;
import io.flexledger.clearing.solver.Clearer;
import io.flexledger.clearing.solver.SearchLimit;
import io.flexledger.contract.codec.MarketRecords;
import io.flexledger.contract.codec.MarketRecords.StoredOrder;
import io.flexledger.domain.market.FlexOffer;
import io.flexledger.domain.market.FlexOrder;
import io.flexledger.domain.market.FlexOrderState;
import io.flexledger.domain.market.FlexRequest;
import io.flexledger.domain.time.MarketRules;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarketProblemsTest {
    private static final LocalDate DAY = LocalDate.of(2030, 6, 3);

    private static FlexRequest request(String id, String state) {
        return MarketRecords.storedRequest(MarketRecords.stored("""
                {"id":"%s","dsoMsp":"DsoMSP","congestionPointId":"F1","day":"2030-06-03",
                 "kwBySlot":{"70":"4.000","71":"3.000"},"unservedPenalty":"2.00000","state":"%s"}
                """.formatted(id, state)));
    }

    private static FlexOffer offer(String id, String asset, String state, String price) {
        return MarketRecords.storedOffer(MarketRecords.stored("""
                {"id":"%s","aggregatorMsp":"Aggregator1MSP","congestionPointId":"F1","assetId":"%s",
                 "day":"2030-06-03","kwBySlot":{"70":"2.000","71":"2.000"},"price":"%s",
                 "minActivation":"0.5","state":"%s"}
                """.formatted(id, asset, price, state)));
    }

    @Test
    void splitsEachOpenRequestIntoOneClearingRequestPerSlot() {
        ClearingProblem p = MarketProblems.of(
                MarketRules.DEFAULT.period(DAY),
                List.of(request("r-1", "OPEN"), request("r-2", "CLOSED")),
                List.of(),
                List.of());

        assertThat(p.requests())
                .extracting(r -> r.id() + " " + r.congestionPoint() + " " + r.slot() + " " + r.kw())
                .containsExactly("r-1@70 F1 70 4.0", "r-1@71 F1 71 3.0");
        assertThat(p.slotMinutes()).isEqualTo(15);
        assertThat(p.slots()).isEqualTo(96);
    }

    @Test
    void takesOnlyLiveOffers() {
        ClearingProblem p = MarketProblems.of(
                MarketRules.DEFAULT.period(DAY),
                List.of(request("r-1", "OPEN")),
                List.of(offer("o-1", "h-1", "OFFERED", "0.2"), offer("o-2", "h-2", "REVOKED", "0.1")),
                List.of());

        assertThat(p.offers()).extracting(o -> o.id()).containsExactly("o-1");
        assertThat(p.offers().get(0).slots()).containsExactly(70, 71);
        assertThat(p.offers().get(0).minActivation()).isEqualTo(0.5);
    }

    @Test
    void leavesOutOffersOfAnAssetAlreadySoldInOneOfTheirSlots() {
        // h-1 is sold in its slots by an accepted order; the order of h-2 is cancelled.
        StoredOrder order = MarketRecords.storedOrder(
                new FlexOrder("ord-x", "DsoMSP", "x", BigDecimal.ONE, FlexOrderState.ACCEPTED),
                offer("x", "h-1", "OFFERED", "0.2"),
                Instant.EPOCH,
                "tx-x");
        StoredOrder cancelled = MarketRecords.storedOrder(
                new FlexOrder("ord-y", "DsoMSP", "y", BigDecimal.ONE, FlexOrderState.CANCELLED),
                offer("y", "h-2", "OFFERED", "0.2"),
                Instant.EPOCH,
                "tx-y");
        ClearingProblem p = MarketProblems.of(
                MarketRules.DEFAULT.period(DAY),
                List.of(request("r-1", "OPEN")),
                List.of(offer("o-1", "h-1", "OFFERED", "0.2"), offer("o-2", "h-2", "OFFERED", "0.2")),
                List.of(order, cancelled));

        assertThat(p.offers()).extracting(o -> o.id()).containsExactly("o-2");
    }

    @Test
    void ordersTheCheapestOfferThatCoversTheRequest() {
        ClearingProblem p = MarketProblems.of(
                MarketRules.DEFAULT.period(DAY),
                List.of(request("r-1", "OPEN")),
                List.of(
                        offer("o-cheap", "h-1", "OFFERED", "0.10"),
                        offer("o-dear", "h-2", "OFFERED", "0.30"),
                        offer("o-mid", "h-3", "OFFERED", "0.20")),
                List.of());

        ClearingResult result = new Clearer(SearchLimit.steps(200), s -> {}).clear(p);
        List<OrderPlan> plans = OrderPlan.of(p, result);

        // 4 kW then 3 kW are needed: both 2 kW blocks of the cheaper offers are worth buying (penalty 2 EUR/kWh).
        assertThat(plans).extracting(OrderPlan::offerId).contains("o-cheap", "o-mid");
        assertThat(plans).allSatisfy(plan -> {
            assertThat(plan.orderId()).isEqualTo("ord-" + plan.offerId());
            assertThat(plan.activation()).isBetween(new BigDecimal("0.5"), BigDecimal.ONE);
        });
    }
}
