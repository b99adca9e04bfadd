package io.flexledger.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LatenciesTest {
    @Test
    void percentilesAreNearestRankOverTheSortedLatencies() {
        double[] ms = new double[100];
        for (int i = 0; i < 100; i++) {
            ms[i] = 100 - i; // 100 .. 1, unsorted on purpose
        }
        Latencies l = new Latencies(ms);
        assertThat(l.percentile(50)).isEqualTo(50);
        assertThat(l.percentile(95)).isEqualTo(95);
        assertThat(l.percentile(99)).isEqualTo(99);
        assertThat(l.percentile(100)).isEqualTo(100);
        assertThat(l.max()).isEqualTo(100);
        assertThat(l.mean()).isEqualTo(50.5);
    }

    @Test
    void aSmallSampleRoundsTheRankUp() {
        Latencies l = new Latencies(new double[] {10, 20, 30});
        assertThat(l.percentile(50)).isEqualTo(20);
        assertThat(l.percentile(95)).isEqualTo(30);
        assertThat(l.percentile(1)).isEqualTo(10);
    }

    @Test
    void noLatenciesGiveNoFigures() {
        Latencies l = new Latencies(new double[0]);
        assertThat(l.percentile(50)).isNaN();
        assertThat(l.max()).isNaN();
    }

    @Test
    void aPercentileOutsideTheRangeIsRefused() {
        Latencies l = new Latencies(new double[] {1});
        assertThatThrownBy(() -> l.percentile(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> l.percentile(101)).isInstanceOf(IllegalArgumentException.class);
    }
}
