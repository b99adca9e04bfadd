package io.flexledger.clearing.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class PricingTest {

    // one 1-hour slot, retail 0.30, feed-in 0.04: bids 0.28 (2 kW) and 0.50 (1 kW, capped at 0.30),
    // asks 0.05 (1 kW), 0.10 (2 kW) and 0.20 (1 kW, unmatched)
    private static CommunityDay day() {
        return new CommunityDay(
                "p",
                "agr",
                60,
                1,
                new double[] {0.30},
                new double[] {0.04},
                List.of(new Feeder("A", 10, 10)),
                List.of(
                        new CommunityOrder("b1", "h1", "A", 0, Side.BUY, false, 2, 0.28),
                        new CommunityOrder("b2", "h2", "A", 0, Side.BUY, false, 1, 0.50),
                        new CommunityOrder("s1", "h3", "A", 0, Side.SELL, false, 1, 0.05),
                        new CommunityOrder("s2", "h1", "A", 0, Side.SELL, true, 2, 0.10),
                        new CommunityOrder("s3", "h4", "A", 0, Side.SELL, false, 1, 0.20)));
    }

    private static final double[] MATCHED = {2, 1, 1, 2, 0};

    @Test
    void payAsClearChargesTheMidpointOfTheMarginalBidAndAsk() {
        PricedMatch priced = Pricing.price(day(), MATCHED, PricingRule.PAY_AS_CLEAR);
        double p = (0.28 + 0.10) / 2;
        assertThat(priced.clearingPriceEurPerKwh()[0]).isCloseTo(p, within(1e-12));
        assertThat(priced.amountEur()).containsExactly(new double[] {2 * p, p, p, 2 * p, 0}, within(1e-12));
        assertThat(priced.aggregatorBalanceEur()).isCloseTo(0.0, within(1e-12));
        // h1 bought 2 kWh and sold 2 kWh at the same price: nets to zero
        Settlement h1 = priced.settlements().get(0);
        assertThat(h1.home()).isEqualTo("h1");
        assertThat(h1.boughtKwh()).isEqualTo(2.0);
        assertThat(h1.soldKwh()).isEqualTo(2.0);
        assertThat(h1.netEur()).isCloseTo(0.0, within(1e-12));
        assertThat(priced.settlements()).extracting(Settlement::home).containsExactly("h1", "h2", "h3");
    }

    @Test
    void payAsBidChargesEveryOrderItsOwnEffectivePrice() {
        PricedMatch priced = Pricing.price(day(), MATCHED, PricingRule.PAY_AS_BID);
        // b2's bid of 0.50 is capped at the retail price 0.30
        assertThat(priced.amountEur()).containsExactly(new double[] {2 * 0.28, 0.30, 0.05, 2 * 0.10, 0}, within(1e-12));
        assertThat(Double.isNaN(priced.clearingPriceEurPerKwh()[0])).isTrue();
        double welfare = 2 * 0.28 + 0.30 - 0.05 - 2 * 0.10;
        assertThat(priced.aggregatorBalanceEur()).isCloseTo(welfare, within(1e-12));
    }

    @Test
    void aSlotWithoutTradesHasNoPrice() {
        PricedMatch priced = Pricing.price(day(), new double[5], PricingRule.PAY_AS_CLEAR);
        assertThat(Double.isNaN(priced.clearingPriceEurPerKwh()[0])).isTrue();
        assertThat(priced.settlements()).isEmpty();
    }

    @Test
    void onSolvedDaysNoBuyerPaysAboveItsBidAndNoSellerGetsBelowItsAsk() {
        for (long seed : new long[] {11, 12, 13}) {
            CommunityDay day = CommunityInstances.random(seed, 10, 6, 2, 0.3);
            Matching m = new CommunityMarket(CommunityLimit.moves(3_000)).match(day);
            for (PricingRule rule : PricingRule.values()) {
                PricedMatch priced = Pricing.price(day, m.matchedKw(), rule);
                double[] lowestBid = new double[day.slots()];
                double[] highestAsk = new double[day.slots()];
                java.util.Arrays.fill(lowestBid, Double.POSITIVE_INFINITY);
                java.util.Arrays.fill(highestAsk, Double.NEGATIVE_INFINITY);
                for (int i = 0; i < day.orders().size(); i++) {
                    CommunityOrder o = day.orders().get(i);
                    double kwh = m.matchedKw(i) * day.slotHours();
                    if (kwh == 0) {
                        assertThat(priced.amountEur()[i]).isZero();
                        continue;
                    }
                    double unit = priced.amountEur()[i] / kwh;
                    if (o.buys()) {
                        assertThat(unit).isLessThanOrEqualTo(o.limitPriceEurPerKwh() + 1e-12);
                        assertThat(unit).isLessThanOrEqualTo(day.importPrice(o.slot()) + 1e-12);
                        lowestBid[o.slot()] = Math.min(lowestBid[o.slot()], day.effectivePrice(o));
                    } else {
                        assertThat(unit).isGreaterThanOrEqualTo(o.limitPriceEurPerKwh() - 1e-12);
                        assertThat(unit).isGreaterThanOrEqualTo(day.exportPrice(o.slot()) - 1e-12);
                        highestAsk[o.slot()] = Math.max(highestAsk[o.slot()], day.effectivePrice(o));
                    }
                }
                if (rule == PricingRule.PAY_AS_CLEAR) {
                    boolean crossed = false;
                    for (int t = 0; t < day.slots(); t++) {
                        if (!Double.isFinite(lowestBid[t])) {
                            continue;
                        }
                        if (lowestBid[t] >= highestAsk[t]) {
                            assertThat(priced.clearingPriceEurPerKwh()[t]).isBetween(highestAsk[t], lowestBid[t]);
                        } else {
                            // a loss-making match forced by a feeder limit: the aggregator pays the gap
                            crossed = true;
                        }
                    }
                    if (crossed) {
                        assertThat(priced.aggregatorBalanceEur()).isNegative();
                    } else {
                        assertThat(priced.aggregatorBalanceEur()).isCloseTo(0.0, within(1e-9));
                    }
                } else {
                    assertThat(priced.aggregatorBalanceEur()).isCloseTo(m.welfareEur(), within(1e-9));
                }
            }
        }
    }
}
