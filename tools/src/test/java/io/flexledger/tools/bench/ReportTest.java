package io.flexledger.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {
    private static PhaseResult run(String name, int committed, double wall, Map<String, Double> cpu) {
        double[] ms = new double[committed];
        for (int i = 0; i < committed; i++) {
            ms[i] = i + 1;
        }
        return new PhaseResult(name, 100, committed, 100 - committed, 3, 16, wall, new Latencies(ms), cpu);
    }

    private static Map<String, Double> cpu(Object... nameSeconds) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < nameSeconds.length; i += 2) {
            m.put((String) nameSeconds[i], ((Number) nameSeconds[i + 1]).doubleValue());
        }
        return m;
    }

    @Test
    void throughputAndCpuAreCountedPerCommittedOffer() {
        PhaseResult r = run("api", 80, 4.0, cpu("api.aggregator1", 8.0, "peer0.dso", 4.0));
        assertThat(r.offersPerSecond()).isEqualTo(20.0);
        assertThat(r.cpuPerOffer("api.aggregator1")).isEqualTo(0.1);
        assertThat(r.cpuPerOffer("peer0.dso")).isEqualTo(0.05);
        assertThat(r.cpuPerOffer("absent")).isNaN();
        assertThat(r.totalCpuPerOffer()).isCloseTo(0.15, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void nothingCommittedHasNoCpuPerOffer() {
        PhaseResult r = run("api", 0, 4.0, cpu("peer0.dso", 4.0));
        assertThat(r.cpuPerOffer("peer0.dso")).isNaN();
        assertThat(r.offersPerSecond()).isZero();
    }

    @Test
    void theDifferenceKeepsProcessesSeenTwiceAndNeverGoesNegative() {
        Map<String, Double> d =
                PhaseResult.difference(cpu("a", 1.0, "b", 5.0, "gone", 1.0), cpu("a", 3.5, "b", 4.0, "new", 9.0));
        assertThat(d).containsExactly(Map.entry("a", 2.5), Map.entry("b", 0.0));
    }

    @Test
    void theRatioIsTheApisThroughputOverTheGateways() {
        PhaseResult api = run("api", 100, 2.0, cpu());
        PhaseResult gateway = run("gateway", 100, 1.0, cpu());
        assertThat(Report.ratio(api, gateway)).isEqualTo(0.5);
        assertThat(Report.ratio(api, null)).isNaN();
        assertThat(Report.ratio(api, run("gateway", 0, 1.0, cpu()))).isNaN();
    }

    @Test
    void theTableHasARowPerRunTheRatioAndTheCpuPerProcessHeaviestFirst() {
        List<PhaseResult> runs = List.of(
                run("api", 100, 2.0, cpu("peer0.dso", 1.0, "api.aggregator1", 3.0)),
                run("gateway", 100, 1.0, cpu("peer0.dso", 1.5, "api.aggregator1", 0.1)));
        String table = Report.table(runs);
        assertThat(table).contains("api / gateway throughput: 0.50");
        assertThat(table).containsPattern("api\\s+100\\s+100\\s+0\\s+3\\s+50\\.0\\s+50\\s+95\\s+99\\s+100");
        assertThat(table).containsPattern("gateway\\s+100\\s+100\\s+0\\s+3\\s+100\\.0");
        assertThat(table.indexOf("api.aggregator1")).isLessThan(table.indexOf("peer0.dso"));
        assertThat(table).containsPattern("api\\.aggregator1\\s+30\\.00\\s+1\\.00");
        assertThat(table).containsPattern("total\\s+40\\.00\\s+16\\.00");
    }

    @Test
    void theJsonCarriesEveryFigureAndNullWhereThereIsNone() throws Exception {
        List<PhaseResult> runs = List.of(run("api", 50, 2.0, cpu("peer0.dso", 1.0)));
        JsonNode json = new ObjectMapper().readTree(Report.json(runs));
        JsonNode api = json.path("runs").get(0);
        assertThat(api.path("name").asText()).isEqualTo("api");
        assertThat(api.path("committed").asInt()).isEqualTo(50);
        assertThat(api.path("errors").asInt()).isEqualTo(50);
        assertThat(api.path("offersPerSecond").asDouble()).isEqualTo(25.0);
        assertThat(api.path("latencyMs").path("p50").asDouble()).isEqualTo(25.0);
        assertThat(api.path("latencyMs").path("p99").asDouble()).isEqualTo(50.0);
        assertThat(api.path("cpuSecondsPerOffer").path("peer0.dso").asDouble()).isEqualTo(0.02);
        assertThat(json.path("apiOverGateway").isNull()).isTrue();
    }
}
