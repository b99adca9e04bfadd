package io.flexledger.clearing.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommunityMarketTest {

    /** Timefold's welfare may fall short of the LP optimum by at most this (micro-EUR rounding per order). */
    private static final double TOLERANCE_EUR = 1e-4;

    /** The search alone, from nothing matched, within this share of the optimum after 100,000 moves. */
    private static final double SEARCH_ONLY_TOLERANCE = 0.0005;

    private static final long[] SEEDS = {1, 2, 3, 4, 5, 6};

    @Test
    void welfareMatchesTheLpOptimumOnSeededDays() {
        for (long seed : SEEDS) {
            CommunityDay day = CommunityInstances.random(seed, 12, 8, 3, 0.3);
            double optimum = CommunityLp.solve(day).welfareEur();
            Matching m = new CommunityMarket(CommunityLimit.moves(5_000)).match(day);
            assertThat(m.feasible()).as("seed %d", seed).isTrue();
            assertThat(m.welfareEur()).as("seed %d", seed).isCloseTo(optimum, within(TOLERANCE_EUR));
            assertRulesHold(day, m.matchedKw());
        }
    }

    @Test
    void theTimefoldSearchAloneReachesTheOptimumFromNothingMatched() {
        for (long seed : new long[] {1, 2, 3}) {
            CommunityDay day = CommunityInstances.random(seed, 12, 8, 3, 0.0);
            double optimum = CommunityLp.solve(day).welfareEur();
            Matching m = new CommunityMarket(CommunityLimit.moves(100_000)).match(day, false);
            assertThat(m.feasible()).as("seed %d", seed).isTrue();
            assertThat(m.welfareEur())
                    .as("seed %d", seed)
                    .isGreaterThanOrEqualTo(optimum * (1 - SEARCH_ONLY_TOLERANCE));
            assertThat(m.welfareEur()).as("seed %d", seed).isLessThanOrEqualTo(optimum + TOLERANCE_EUR);
            assertRulesHold(day, m.matchedKw());
        }
    }

    @Test
    void aMoveLimitGivesTheSameAnswerEveryTime() {
        CommunityDay day = CommunityInstances.random(9, 10, 6, 2, 0.2);
        Matching a = new CommunityMarket(CommunityLimit.moves(20_000)).match(day, false);
        Matching b = new CommunityMarket(CommunityLimit.moves(20_000)).match(day, false);
        assertThat(a.matchedKw()).containsExactly(b.matchedKw());
        assertThat(a.score()).isEqualTo(b.score());
    }

    @Test
    void aFeederExportLimitBindsAndTheDearerLocalSellerFillsIn() {
        // h1 behind A has a cheap battery (3 kW at 0.05) but A may export only 1 kW; h2 behind B buys 3 kW
        // and h3 behind B sells 3 kW of PV at 0.20
        CommunityDay day = day(1.0);
        for (boolean meritStart : new boolean[] {true, false}) {
            Matching m = new CommunityMarket(CommunityLimit.moves(20_000)).match(day, meritStart);
            assertThat(m.matchedKw(0)).isCloseTo(1.0, within(1e-9));
            assertThat(m.matchedKw(1)).isCloseTo(3.0, within(1e-9));
            assertThat(m.matchedKw(2)).isCloseTo(2.0, within(1e-9));
            assertThat(m.welfareEur()).isCloseTo(0.30 * 3 - 0.05 * 1 - 0.20 * 2, within(TOLERANCE_EUR));
            assertThat(m.welfareEur()).isCloseTo(CommunityLp.solve(day).welfareEur(), within(TOLERANCE_EUR));
        }
        // without the limit the battery serves the whole demand
        Matching free = new CommunityMarket(CommunityLimit.moves(5_000)).match(day(10.0));
        assertThat(free.matchedKw(0)).isCloseTo(3.0, within(1e-9));
        assertThat(free.welfareEur()).isCloseTo(0.30 * 3 - 0.05 * 3, within(TOLERANCE_EUR));
    }

    @Test
    void nothingTradesWhenEveryAskIsAboveEveryBid() {
        CommunityDay day = new CommunityDay(
                "d",
                "agr",
                60,
                1,
                new double[] {0.30},
                new double[] {0.05},
                List.of(new Feeder("A", 10, 10)),
                List.of(
                        new CommunityOrder("b", "h1", "A", 0, Side.BUY, false, 2, 0.10),
                        new CommunityOrder("s", "h2", "A", 0, Side.SELL, false, 2, 0.12)));
        Matching m = new CommunityMarket(CommunityLimit.moves(2_000)).match(day);
        assertThat(m.matchedKw()).containsOnly(0.0);
        assertThat(m.welfareEur()).isZero();
    }

    static CommunityDay day(double maxExportA) {
        return new CommunityDay(
                "binding",
                "agr-1",
                60,
                1,
                new double[] {0.30},
                new double[] {0.04},
                List.of(new Feeder("A", 10, maxExportA), new Feeder("B", 10, 10)),
                List.of(
                        new CommunityOrder("bat", "h1", "A", 0, Side.SELL, true, 3, 0.05),
                        new CommunityOrder("load", "h2", "B", 0, Side.BUY, false, 3, 0.35),
                        new CommunityOrder("pv", "h3", "B", 0, Side.SELL, false, 3, 0.20)));
    }

    // Balance per slot and the feeder limits (widened to a firm baseline beyond them), recomputed in kW.
    private static void assertRulesHold(CommunityDay day, double[] kw) {
        double[] net = new double[day.slots()];
        double[][] flow = new double[day.feeders().size()][day.slots()];
        double[][] base = new double[day.feeders().size()][day.slots()];
        List<String> feederIds = day.feeders().stream().map(Feeder::id).toList();
        for (int i = 0; i < kw.length; i++) {
            CommunityOrder o = day.orders().get(i);
            assertThat(kw[i]).isBetween(0.0, o.kw());
            double sign = o.buys() ? 1 : -1;
            net[o.slot()] += sign * kw[i];
            int f = feederIds.indexOf(o.feeder());
            if (o.flexible()) {
                flow[f][o.slot()] += sign * kw[i];
            } else {
                base[f][o.slot()] += sign * o.kw();
            }
        }
        for (int t = 0; t < day.slots(); t++) {
            assertThat(net[t]).as("balance in slot %d", t).isCloseTo(0.0, within(1e-9));
            for (int f = 0; f < feederIds.size(); f++) {
                Feeder feeder = day.feeders().get(f);
                double total = base[f][t] + flow[f][t];
                assertThat(total).isLessThanOrEqualTo(Math.max(feeder.maxImportKw(), base[f][t]) + 1e-9);
                assertThat(-total).isLessThanOrEqualTo(Math.max(feeder.maxExportKw(), -base[f][t]) + 1e-9);
            }
        }
    }
}
