package io.flexledger.agents.dso;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.agents.cems.flex.FlexOffer;
import io.flexledger.agents.grid.GridState;
import io.flexledger.agents.grid.LvNetwork;
import io.flexledger.agents.grid.PontypoolNetwork;
import io.flexledger.agents.grid.PowerFlow;
import io.flexledger.clearing.model.ClearingProblem;
import io.flexledger.clearing.model.ClearingResult;
import io.flexledger.clearing.model.Offer;
import io.flexledger.clearing.model.Request;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DsoAgentTest {

    private static final LvNetwork NET = PontypoolNetwork.create();
    private static final int N = NET.homeCount();
    private static final int SLOTS = 4;

    // every home draws kw[t] in slot t
    private static double[][] flat(double... kwBySlot) {
        double[][] out = new double[N][];
        for (int h = 0; h < N; h++) {
            out[h] = kwBySlot.clone();
        }
        return out;
    }

    private static double[][] loads(double[][] kw) {
        double[][] out = new double[N][];
        for (int h = 0; h < N; h++) {
            out[h] = Arrays.stream(kw[h]).map(v -> Math.max(v, 0)).toArray();
        }
        return out;
    }

    @Test
    void noRequestWhereTheForecastIsUncongested() {
        DsoAgent dso = new DsoAgent(NET, DsoAgent.Settings.defaults());
        double[][] kw = flat(0.5, 1.0, 1.5, 0.2);
        GridDay day = dso.forecast(kw, loads(kw));
        for (int t = 0; t < SLOTS; t++) {
            assertThat(day.congested(t)).isFalse();
            for (CongestionPoint p : dso.points()) {
                assertThat(DsoAgent.need(day, p, 100, t)).isNull();
            }
        }
    }

    @Test
    void anOverloadedTransformerGetsADownRequestJustLargeEnoughToRelieveIt() {
        DsoAgent dso = new DsoAgent(NET, DsoAgent.Settings.defaults());
        // 184 homes at 3.5 kW: about 680 kVA through a 500 kVA transformer
        double[][] kw = flat(0.5, 3.5, 0.5, 0.5);
        double[][] load = loads(kw);
        GridDay day = dso.forecast(kw, load);
        CongestionPoint tx = CongestionPoint.transformer(NET);
        assertThat(day.transformerOverloaded(1)).isTrue();
        assertThat(DsoAgent.need(day, tx, day.netKw(1), 1)).isEqualTo(FlexOffer.Direction.DOWN);
        assertThat(DsoAgent.need(day, tx, day.netKw(0), 0)).isNull();

        Request r = dso.request(tx, FlexOffer.Direction.DOWN, 1, kw, load).request();
        assertThat(r.id()).isEqualTo("r-TX1-1");
        assertThat(r.congestionPoint()).isEqualTo("TX1");
        assertThat(r.slot()).isEqualTo(1);
        assertThat(r.unservedPenaltyEurPerKwh()).isEqualTo(1.0);
        // the requested kW spread over the homes relieves the transformer ...
        assertThat(overloadedAfter(kw, load, 1, r.kw())).isFalse();
        // ... and the request is not much more than needed: without the 5% margin it would not
        assertThat(overloadedAfter(kw, load, 1, r.kw() / 1.05 - 0.2)).isTrue();
    }

    @Test
    void exportOverTheRatingNeedsUpwardFlexibility() {
        DsoAgent dso = new DsoAgent(NET, DsoAgent.Settings.defaults());
        double[][] kw = flat(0.5, -3.6, 0.5, 0.5);
        GridDay day = dso.forecast(kw, loads(kw));
        CongestionPoint tx = CongestionPoint.transformer(NET);
        assertThat(day.transformerOverloaded(1)).isTrue();
        assertThat(DsoAgent.need(day, tx, day.netKw(1), 1)).isEqualTo(FlexOffer.Direction.UP);
        Request r = dso.request(tx, FlexOffer.Direction.UP, 1, kw, loads(kw)).request();
        assertThat(r.kw()).isPositive();
    }

    @Test
    void feederRequestsCountOnlyTheFeedersHomes() {
        CongestionPoint f3 = CongestionPoint.feeder(NET, 2);
        assertThat(f3.id()).isEqualTo("F3");
        long under = java.util.stream.IntStream.range(0, N)
                .filter(h -> f3.covers(NET, h))
                .count();
        assertThat(under).isEqualTo(46);
        assertThat(CongestionPoint.transformer(NET).covers(NET, 0)).isTrue();
    }

    @Test
    void clearingBuysTheCheaperOfferAndLeavesTheRestUnserved() {
        DsoAgent dso = new DsoAgent(
                NET, new DsoAgent.Settings(1.0, 0.05, io.flexledger.clearing.solver.SearchLimit.steps(50)));
        Request r = new Request("r-TX1-1", "TX1", 1, 5.0, 1.0);
        Offer cheap = new Offer("a", "agr-1", "TX1", "h1", new int[] {1}, new double[] {3.0}, 0.2, 0.1);
        Offer dear = new Offer("b", "agr-2", "TX1", "h2", new int[] {1}, new double[] {3.0}, 0.5, 0.1);
        ClearingProblem p = DsoAgent.problem("t", 15, SLOTS, List.of(r), List.of(cheap, dear));
        ClearingResult res = dso.clear(p);
        // 3 kW from the cheap offer, 2 kW of the dearer one (both below the 1 EUR/kWh penalty)
        assertThat(res.accepted().get("a")).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(res.accepted().get("b")).isCloseTo(2.0 / 3.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(res.unservedKw().get("r-TX1-1")).isCloseTo(0.0, org.assertj.core.data.Offset.offset(1e-6));
    }

    private static boolean overloadedAfter(double[][] kw, double[][] load, int t, double reductionKw) {
        PowerFlow pf = new PowerFlow(NET);
        GridState s = pf.newState();
        double[] p = new double[N];
        double[] q = new double[N];
        for (int h = 0; h < N; h++) {
            p[h] = kw[h][t] - reductionKw / N;
            q[h] = GridDay.reactiveKvar(load[h][t]);
        }
        pf.solve(p, q, s);
        return s.transformerOverloaded();
    }
}
