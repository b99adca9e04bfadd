package io.flexledger.agents.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.agents.cems.CemsOptimiser;
import io.flexledger.agents.cems.io.HomeDayJson;
import io.flexledger.agents.cems.model.CemsResult;
import io.flexledger.agents.cems.model.HomeDay;
import io.flexledger.agents.grid.PontypoolNetwork;
import io.flexledger.agents.scenario.GeneratedHome;
import io.flexledger.agents.scenario.Scenario;
import io.flexledger.agents.scenario.ScenarioGenerator;
import io.flexledger.agents.scenario.TypicalDay;
import io.flexledger.clearing.testing.Formats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generated home-days are solved by the CEMS optimiser and its results pass check.py --strict. */
class ExportedDaysSolveTest {

    @Test
    void sampleOfGeneratedHomeDaysSolvesAndPassesTheStrictChecker(@TempDir Path dir) throws Exception {
        Formats.assumeChecker();
        ScenarioGenerator gen = new ScenarioGenerator(PontypoolNetwork.create(), ScenarioGenerator.DEFAULT_SEED);
        List<HomeDay> sample = new ArrayList<>();
        // a spread of days and homes: every kind of device appears in the sample
        int[][] picks = {{12, 13}, {12, 7}, {8, 2}, {5, 11}};
        for (int[] sd : picks) {
            List<GeneratedHome> homes = gen.generate(Scenario.of(sd[0]), TypicalDay.of(sd[1]));
            for (int i = 0; i < homes.size(); i += 37) {
                sample.add(homes.get(i).day());
            }
            homes.stream()
                    .map(GeneratedHome::day)
                    .filter(d -> d.battery() != null
                            && d.ev() != null
                            && !d.deferrable().isEmpty())
                    .findFirst()
                    .ifPresent(sample::add);
        }
        assertThat(sample.stream().anyMatch(d -> d.battery() != null)).isTrue();
        assertThat(sample.stream().anyMatch(d -> d.ev() != null)).isTrue();
        assertThat(sample.stream().anyMatch(d -> !d.interruptible().isEmpty())).isTrue();
        assertThat(sample.stream().anyMatch(d -> !d.deferrable().isEmpty())).isTrue();

        CemsOptimiser optimiser = new CemsOptimiser();
        for (HomeDay d : sample) {
            Path problem = dir.resolve(d.id() + ".json");
            Path answer = dir.resolve(d.id() + ".result.json");
            Files.writeString(problem, HomeDayJson.write(d));
            CemsResult r = optimiser.solve(d);
            Files.writeString(answer, HomeDayJson.write(r));
            String verdict = Formats.check(problem, answer);
            assertThat(verdict).as(d.id()).startsWith("OK");
        }
    }
}
