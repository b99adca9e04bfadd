package io.flexledger.agents.cems;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.agents.cems.io.HomeDayJson;
import io.flexledger.agents.cems.model.CemsResult;
import io.flexledger.agents.cems.model.HomeDay;
import io.flexledger.clearing.testing.Formats;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Solves generated home-days and has the format's independent checker verify every result. */
class GeneratedDaysCheckTest {

    private static final int DAYS = 20;

    @Test
    void everyResultPassesTheStrictChecker(@TempDir Path dir) throws Exception {
        Formats.assumeChecker();
        CemsOptimiser optimiser = new CemsOptimiser();
        for (int seed = 0; seed < DAYS; seed++) {
            HomeDay day = HomeDayGenerator.generate(5000 + seed);
            CemsResult result = optimiser.solve(day);
            Path problem = dir.resolve(day.id() + ".json");
            Path answer = dir.resolve(day.id() + ".result.json");
            Files.writeString(problem, HomeDayJson.write(day));
            Files.writeString(answer, HomeDayJson.write(result));
            String verdict = Formats.check(problem, answer);
            assertThat(verdict).as(day.id()).startsWith("OK home-day " + day.id());
            double recomputed = Double.parseDouble(
                    verdict.substring(verdict.indexOf("objective=") + 10).trim());
            assertThat(recomputed).as(day.id()).isCloseTo(result.bill(), org.assertj.core.api.Assertions.within(1e-6));
        }
    }

    @Test
    void theCheckerRejectsATamperedResult(@TempDir Path dir) throws Exception {
        Formats.assumeChecker();
        HomeDay day = HomeDayGenerator.generate(7);
        CemsResult r = new CemsOptimiser().solve(day);
        r.importKw()[40] += 0.5; // breaks the power balance of slot 40
        Path problem = dir.resolve("p.json");
        Path answer = dir.resolve("r.json");
        Files.writeString(problem, HomeDayJson.write(day));
        Files.writeString(answer, HomeDayJson.write(r));
        assertThat(Formats.check(problem, answer)).startsWith("VIOLATION");
    }
}
