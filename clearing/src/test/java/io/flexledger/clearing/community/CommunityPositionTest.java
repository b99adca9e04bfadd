package io.flexledger.clearing.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.flexledger.clearing.model.Offer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommunityPositionTest {

    // 6 one-hour slots; h1 behind A: a 2 kW battery ask (0.10, slots 0-5; 0.20 in slot 1 for 1 kW more),
    // a firm load of 1 kW; h2 behind B: firm PV of 3 kW
    private static CommunityDay day(double maxExportA) {
        List<CommunityOrder> orders = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            orders.add(new CommunityOrder("bat" + t, "h1", "A", t, Side.SELL, true, 2, 0.10));
            orders.add(new CommunityOrder("load" + t, "h1", "A", t, Side.BUY, false, 1, 0.30));
            orders.add(new CommunityOrder("pv" + t, "h2", "B", t, Side.SELL, false, 3, 0.0));
        }
        orders.add(new CommunityOrder("bat1b", "h1", "A", 1, Side.SELL, true, 1, 0.20));
        double[] imp = {0.3, 0.3, 0.3, 0.3, 0.3, 0.3};
        double[] exp = {0.04, 0.04, 0.04, 0.04, 0.04, 0.04};
        return new CommunityDay(
                "pos",
                "agr-1",
                60,
                6,
                imp,
                exp,
                List.of(new Feeder("A", 10, maxExportA), new Feeder("B", 10, 10)),
                orders);
    }

    @Test
    void leftoverBatteryBecomesBlockOffersOfOneAssetAtMostOncePerSlot() {
        CommunityDay day = day(10);
        double[] matched = new double[day.orders().size()]; // the load bought from the PV: nothing flexible matched
        for (int t = 0; t < 6; t++) {
            matched[3 * t + 1] = 1;
            matched[3 * t + 2] = 1;
        }
        CommunityPosition pos = CommunityPosition.of(day, matched, new OfferTerms(4, 0.25));
        // residual: 1 kW load - 3 kW PV = -2 kW in every slot
        assertThat(pos.residualNetImportKw()).containsOnly(-2.0);
        assertThat(pos.leftoverFlexibilityKw()).containsExactly(2, 3, 2, 2, 2, 2);
        assertThat(pos.offers()).hasSize(2);
        Offer first = pos.offers().get(0);
        assertThat(first.id()).isEqualTo("agr-1:h1:0");
        assertThat(first.asset()).isEqualTo("h1");
        assertThat(first.congestionPoint()).isEqualTo("A");
        assertThat(first.aggregator()).isEqualTo("agr-1");
        assertThat(first.slots()).containsExactly(0, 1, 2, 3);
        assertThat(first.kw()).containsExactly(2, 3, 2, 2);
        // kWh-weighted: (2*0.10 + 2*0.10 + 1*0.20 + 2*0.10 + 2*0.10) / 9
        assertThat(first.priceEurPerKwh()).isCloseTo(1.0 / 9.0, within(1e-12));
        assertThat(first.minActivation()).isEqualTo(0.25);
        assertThat(pos.offers().get(1).slots()).containsExactly(4, 5);
        Set<String> assetSlots = new HashSet<>();
        for (Offer o : pos.offers()) {
            for (int s : o.slots()) {
                assertThat(assetSlots.add(o.asset() + "@" + s)).isTrue();
            }
        }
    }

    @Test
    void leftoverIsCutToTheFeederExportHeadroomAndMatchedFlexibilityIsNotOfferedAgain() {
        // A: firm load 1 kW, export limit 0.5 kW -> at most 1.5 kW more injection
        CommunityDay day = day(0.5);
        double[] matched = new double[day.orders().size()];
        matched[0] = 1.0; // slot 0: 1 kW of the battery sold to h1's own load
        matched[1] = 1.0;
        CommunityPosition pos = CommunityPosition.of(day, matched, OfferTerms.standard());
        // slot 0: net at A = 1 - 1 = 0, headroom 0.5, leftover 1 kW -> 0.5; slot 1: 3 kW leftover -> 1.5
        assertThat(pos.leftoverFlexibilityKw()[0]).isCloseTo(0.5, within(1e-12));
        assertThat(pos.leftoverFlexibilityKw()[1]).isCloseTo(1.5, within(1e-12));
        assertThat(pos.leftoverFlexibilityKw()[2]).isCloseTo(1.5, within(1e-12));
        // residual in slot 0: 1 load - 3 PV - 1 battery = -3; slot 2: 1 - 3 = -2
        assertThat(pos.residualNetImportKw()[0]).isCloseTo(-3.0, within(1e-12));
        assertThat(pos.residualNetImportKw()[2]).isCloseTo(-2.0, within(1e-12));
    }

    @Test
    void theClearedDayPostsItsOffersAndPricesTogether() {
        CommunityResult r = new CommunityMarket(CommunityLimit.moves(2_000))
                .clear(day(10), PricingRule.PAY_AS_CLEAR, OfferTerms.standard());
        assertThat(r.id()).isEqualTo("pos");
        assertThat(r.matching().feasible()).isTrue();
        // the load (bid 0.30) buys from the PV (ask raised to the feed-in price 0.04) rather than the battery
        assertThat(r.matching().matchedKw(2)).isCloseTo(1.0, within(1e-9));
        assertThat(r.matching().matchedKw(0)).isZero();
        assertThat(r.prices().clearingPriceEurPerKwh()[0]).isCloseTo((0.30 + 0.04) / 2, within(1e-12));
        assertThat(r.position().offers()).isNotEmpty();
    }
}
