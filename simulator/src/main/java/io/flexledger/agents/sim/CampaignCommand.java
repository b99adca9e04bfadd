package io.flexledger.agents.sim;

import io.flexledger.agents.campaign.Campaign;
import io.flexledger.agents.report.CampaignReport;
import io.flexledger.agents.scenario.Scenario;
import io.flexledger.agents.scenario.ScenarioGenerator;
import io.flexledger.agents.scenario.TypicalDay;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code flex simulate --campaign}: runs the scenario-days with a progress bar and writes the report. */
final class CampaignCommand {

    private CampaignCommand() {}

    static int run(
            ScenarioGenerator generator,
            int[] scenarioRange,
            int[] dayRange,
            int threads,
            boolean community,
            Path outDir,
            PrintStream out,
            PrintStream err) {
        List<Scenario> scenarios = new ArrayList<>();
        for (int s = scenarioRange[0]; s <= scenarioRange[1]; s++) {
            scenarios.add(Scenario.of(s));
        }
        List<TypicalDay> days = new ArrayList<>();
        for (int d = dayRange[0]; d <= dayRange[1]; d++) {
            days.add(TypicalDay.of(d));
        }
        int homes = generator.network().homeCount();
        ProgressBar bar = new ProgressBar(err, homes);
        Campaign.Result result =
                Campaign.run(generator, scenarios, days, threads, community, p -> bar.update(p[0], p[1]));
        bar.finish();
        out.printf(
                Locale.ROOT,
                "campaign: %d scenario-days, %d home-day optimisations, %.1f s wall on %d threads (seed %d)%n",
                result.days().size(),
                result.days().size() * homes,
                result.wallSeconds(),
                result.threads(),
                generator.seed());
        try {
            Path report = CampaignReport.write(outDir, result, generator);
            out.println("report: " + report);
        } catch (IOException e) {
            err.println("simulate: cannot write the report to " + outDir + ": " + e.getMessage());
            return 1;
        }
        return 0;
    }

    /** A one-line progress bar on standard error: done/total days and home-days, rate, ETA. */
    static final class ProgressBar {
        private final PrintStream err;
        private final int homesPerDay;
        private final long start = System.nanoTime();

        ProgressBar(PrintStream err, int homesPerDay) {
            this.err = err;
            this.homesPerDay = homesPerDay;
        }

        void update(int done, int total) {
            err.print("\r" + line(done, total, (System.nanoTime() - start) / 1e9, homesPerDay));
            err.flush();
        }

        void finish() {
            err.println();
        }

        /** The bar's text for {@code done} of {@code total} days after {@code seconds}. */
        static String line(int done, int total, double seconds, int homesPerDay) {
            int width = 30;
            int filled = total == 0 ? width : (int) ((long) width * done / total);
            double rate = seconds > 0 ? done * homesPerDay / seconds : 0;
            // ETA: the remaining home-days at the rate so far
            double eta = rate > 0 ? (total - done) * homesPerDay / rate : 0;
            return String.format(
                    Locale.ROOT,
                    "[%s%s] %d/%d days, %d/%d home-days, %.0f home-days/s, elapsed %s, ETA %s ",
                    "#".repeat(filled),
                    ".".repeat(width - filled),
                    done,
                    total,
                    done * homesPerDay,
                    total * homesPerDay,
                    rate,
                    clock(seconds),
                    clock(eta));
        }

        static String clock(double seconds) {
            long s = Math.round(seconds);
            return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
        }
    }
}
