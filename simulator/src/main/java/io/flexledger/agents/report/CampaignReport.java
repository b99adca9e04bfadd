package io.flexledger.agents.report;

import io.flexledger.agents.campaign.Campaign;
import io.flexledger.agents.campaign.DayKpis;
import io.flexledger.agents.campaign.DayRun;
import io.flexledger.agents.scenario.ScenarioGenerator;
import io.flexledger.agents.scenario.TypicalDay;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the campaign report: {@code report.md} (KPI tables per scenario, the rules behind them and
 * the CEMS solve-time distribution), PNG charts ({@code peaks.png}, {@code congestion.png},
 * {@code worst-day.png}) and {@code days.csv} (every KPI of every scenario-day).
 */
public final class CampaignReport {

    /** The report's file name. */
    public static final String REPORT = "report.md";

    private static final double H = ScenarioGenerator.SLOT_MINUTES / 60.0;

    private CampaignReport() {}

    /** Writes the report into {@code dir}; returns the path of {@code report.md}. */
    public static Path write(Path dir, Campaign.Result result, ScenarioGenerator generator) throws IOException {
        Files.createDirectories(dir);
        double rated = generator.network().transformer().ratedKva();
        List<ScenarioKpis> scenarios = scenarios(result.days());
        writeCsv(dir.resolve("days.csv"), result.days());
        charts(dir, scenarios, result.days(), rated);
        Path report = dir.resolve(REPORT);
        Files.writeString(report, markdown(result, scenarios, generator), StandardCharsets.UTF_8);
        return report;
    }

    /** The scenario aggregates, in scenario order. */
    public static List<ScenarioKpis> scenarios(List<DayRun.DayOutcome> days) {
        Map<Integer, List<DayKpis>> by = new TreeMap<>();
        for (DayRun.DayOutcome d : days) {
            by.computeIfAbsent(d.kpis().scenario(), k -> new ArrayList<>()).add(d.kpis());
        }
        List<ScenarioKpis> out = new ArrayList<>();
        for (List<DayKpis> list : by.values()) {
            out.add(ScenarioKpis.of(list, H));
        }
        return out;
    }

    static String markdown(Campaign.Result result, List<ScenarioKpis> scenarios, ScenarioGenerator gen) {
        double rated = gen.network().transformer().ratedKva();
        StringBuilder md = new StringBuilder();
        int homes = gen.network().homeCount();
        md.append("# Pontypool campaign report\n\n");
        md.append(String.format(
                Locale.ROOT,
                "%d scenario-days (%d home-day optimisations), seed %d, %d homes, transformer %s %.0f kVA. "
                        + "Run in %.1f s wall on %d worker threads.\n\n",
                result.days().size(),
                result.days().size() * homes,
                gen.seed(),
                homes,
                gen.network().transformer().id(),
                rated,
                result.wallSeconds(),
                result.threads()));
        md.append("**Before** is the grid with every home on its CEMS-optimised schedule (the baseline the DSO "
                + "forecasts); **after** is the grid once the DSO's ordered flexibility runs. **Uncontrolled** "
                + "(context) is the same day with no CEMS: devices at their habitual times, battery idle. "
                + "Peaks are the highest slot of any day of the scenario; hours, energies, bills and "
                + "flexibility are sums over its typical days (each counted once, not weighted to a year).\n\n");

        md.append("## Did flexibility relieve the grid?\n\n");
        md.append(verdict(scenarios, rated)).append("\n\n");
        md.append("![Transformer peak per scenario](peaks.png)\n\n");
        md.append("![Congestion hours per scenario](congestion.png)\n\n");
        DayRun.DayOutcome worst = worstDay(result.days());
        if (worst != null) {
            md.append(String.format(
                    Locale.ROOT,
                    "![Transformer loading on the worst day](worst-day.png)\n\n"
                            + "Worst day: scenario s%02d, day d%02d (%s), baseline peak %.1f kVA, after flexibility "
                            + "%.1f kVA.\n\n",
                    worst.kpis().scenario(),
                    worst.kpis().day(),
                    TypicalDay.of(worst.kpis().day()).label(),
                    worst.kpis().peakBeforeKva(),
                    worst.kpis().peakAfterKva()));
        }

        md.append("## Grid KPIs per scenario\n\n");
        md.append("| scenario | peak uncontrolled kVA | peak before kVA | peak after kVA | loading before % "
                + "| loading after % | energy before MVAh | energy after MVAh | congestion h before "
                + "| congestion h after | TX overload h before | TX overload h after | voltage h before "
                + "| voltage h after |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (ScenarioKpis s : scenarios) {
            md.append(String.format(
                    Locale.ROOT,
                    "| s%02d | %.1f | %.1f | %.1f | %.1f | %.1f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |\n",
                    s.scenario(),
                    s.peakUncontrolledKva(),
                    s.peakBeforeKva(),
                    s.peakAfterKva(),
                    s.loadingBeforePct(),
                    s.loadingAfterPct(),
                    s.energyBeforeKvah() / 1000,
                    s.energyAfterKvah() / 1000,
                    s.congestedHoursBefore(),
                    s.congestedHoursAfter(),
                    s.overloadHoursBefore(),
                    s.overloadHoursAfter(),
                    s.voltageHoursBefore(),
                    s.voltageHoursAfter()));
        }
        md.append("\n## Homes and market KPIs per scenario\n\n");
        md.append("| scenario | bills before EUR | bills after EUR | paid to homes EUR | bill/home/day before EUR "
                + "| net bill/home/day after EUR | self-consumption before | self-consumption after "
                + "| requested kWh | offered kWh | ordered kWh | unserved kWh | DSO paid EUR "
                + "| reinforcement deferred |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (ScenarioKpis s : scenarios) {
            md.append(String.format(
                    Locale.ROOT,
                    "| s%02d | %.2f | %.2f | %.2f | %.3f | %.3f | %s | %s | %.1f | %.1f | %.1f | %.1f | %.2f | %s |\n",
                    s.scenario(),
                    s.billBeforeEur(),
                    s.billAfterEur(),
                    s.paymentsEur(),
                    s.billPerHomeDayBeforeEur(),
                    s.netBillPerHomeDayAfterEur(),
                    pct(s.selfConsumptionBefore()),
                    pct(s.selfConsumptionAfter()),
                    s.requestedKwh(),
                    s.offeredKwh(),
                    s.orderedKwh(),
                    s.unservedKwh(),
                    s.procurementEur(),
                    reinforcement(s)));
        }
        md.append(communityTable(result.days()));
        md.append("\n## Rules behind the numbers\n\n");
        md.append("- **Congestion**: the transformer's worst phase current over its rating, any cable over its "
                + "rating, or any voltage outside 0.94-1.10 pu (docs/decisions/0004). A congestion hour is a "
                + "15-minute slot with any of them, times 0.25 h.\n");
        md.append("- **Energy through the transformer**: apparent power summed over the day's slots (kVAh, "
                + "losses and reactive power included).\n");
        md.append("- **Bills** are the homes' energy bills under their tariffs; **after** is before the "
                + "flexibility payments, which are listed apart; the net bill per home-day subtracts them.\n");
        md.append("- **Self-consumption**: PV consumed on site (PV used minus export, per slot) over PV used.\n");
        md.append("- **Flexibility**: requested = the DSO's requests in kWh; offered = the largest offer of "
                + "each home at each congestion point (a home's offers are alternatives); ordered = accepted "
                + "fraction times offer energy; DSO paid = procurement cost without penalties.\n");
        md.append(String.format(
                Locale.ROOT,
                "- **Reinforcement deferred**: the transformer must be reinforced when its worst-phase loading "
                        + "exceeds 100%% on some day. Headroom = years of peak growth at %.1f%%/year until the "
                        + "loading reaches 100%%. The column shows whether flexibility avoids a reinforcement "
                        + "the baseline needs, or how many years of headroom it adds.\n",
                100 * ScenarioKpis.PEAK_GROWTH_PER_YEAR));
        md.append("- The market rules (request sizing, offers, clearing order) are in "
                + "docs/decisions/0006-campaign-and-report.md; every KPI of every day is in days.csv.\n\n");
        md.append(solveTimes(result.days()));
        return md.toString();
    }

    /** The UC2 table: per scenario and in all, the community markets' figures; empty without them. */
    static String communityTable(List<DayRun.DayOutcome> days) {
        Map<Integer, List<DayRun.DayOutcome>> by = new TreeMap<>();
        for (DayRun.DayOutcome d : days) {
            if (d.community() != null) {
                by.computeIfAbsent(d.kpis().scenario(), k -> new ArrayList<>()).add(d);
            }
        }
        if (by.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder();
        md.append("\n## Community markets (UC2) per scenario\n\n");
        md.append("Each aggregator clears its homes' planned import and export against each other (pay-as-clear) "
                + "before the DSO's markets, and offers the DSO what its community's position leaves of its "
                + "homes' downward flexibility (docs/decisions/0006). Gain: what a home saves (buying) or earns "
                + "(selling) against its own tariff's retail and feed-in prices; per home-day over all "
                + "home-days (a home that did not trade gains 0). DSO need: the requested kWh; ordered from the "
                + "leftover: the ordered kWh of offers that came from the communities' leftover, and its share "
                + "of the need (above 100 % when the accepted blocks deliver more than was requested, as "
                + "block offers do).\n\n");
        md.append("| scenario | traded kWh | clearing price min / mean / max EUR/kWh | homes' gain EUR "
                + "| gain per home-day mean EUR | worst home-day EUR | DSO need kWh | leftover offered kWh "
                + "| ordered from the leftover kWh | % of the need |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|\n");
        List<DayRun.DayOutcome> all = new ArrayList<>();
        for (Map.Entry<Integer, List<DayRun.DayOutcome>> e : by.entrySet()) {
            md.append(communityRow(String.format(Locale.ROOT, "s%02d", e.getKey()), e.getValue()));
            all.addAll(e.getValue());
        }
        md.append(communityRow("all", all));
        long millis = 0;
        for (DayRun.DayOutcome d : all) {
            millis += d.community().clearMillis();
        }
        md.append(String.format(
                Locale.ROOT,
                "\nThe community clearings took %.1f s of wall time in all over the worker threads (%d "
                        + "scenario-days, two aggregators each).\n",
                millis / 1000.0,
                all.size()));
        return md.toString();
    }

    private static String communityRow(String name, List<DayRun.DayOutcome> days) {
        double traded = 0;
        double min = Double.NaN;
        double max = Double.NaN;
        double priceKwh = 0;
        double gain = 0;
        double worst = Double.NaN;
        int homeDays = 0;
        double need = 0;
        double leftover = 0;
        double met = 0;
        for (DayRun.DayOutcome d : days) {
            var c = d.community();
            traded += c.tradedKwh();
            if (!Double.isNaN(c.priceMinEurPerKwh())) {
                min = Double.isNaN(min) ? c.priceMinEurPerKwh() : Math.min(min, c.priceMinEurPerKwh());
                max = Double.isNaN(max) ? c.priceMaxEurPerKwh() : Math.max(max, c.priceMaxEurPerKwh());
            }
            priceKwh += c.priceKwhEur();
            gain += c.gainEur();
            worst = Double.isNaN(worst) ? c.worstGainEur() : Math.min(worst, c.worstGainEur());
            homeDays += c.homes();
            need += d.kpis().requestedKwh();
            leftover += c.leftoverKwh();
            met += c.leftoverOrderedKwh();
        }
        return String.format(
                Locale.ROOT,
                "| %s | %.1f | %s | %.2f | %.4f | %.4f | %.1f | %.1f | %.1f | %s |\n",
                name,
                traded,
                priceRange(min, priceKwh, traded, max),
                gain,
                homeDays > 0 ? gain / homeDays : 0.0,
                Double.isNaN(worst) ? 0.0 : worst,
                need,
                leftover,
                met,
                need > 0 ? String.format(Locale.ROOT, "%.1f%%", 100 * met / need) : "-");
    }

    /** "min / kWh-weighted mean / max" of clearing prices, or "-" without trades. */
    public static String priceRange(double min, double priceKwh, double tradedKwh, double max) {
        if (Double.isNaN(min) || !(tradedKwh > 0)) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.3f / %.3f / %.3f", min, priceKwh / tradedKwh, max);
    }

    static String verdict(List<ScenarioKpis> scenarios, double rated) {
        int congested = 0;
        int relieved = 0;
        double hoursBefore = 0;
        double hoursAfter = 0;
        double peakCut = 0;
        for (ScenarioKpis s : scenarios) {
            hoursBefore += s.congestedHoursBefore();
            hoursAfter += s.congestedHoursAfter();
            if (s.congestedHoursBefore() > 0) {
                congested++;
                if (s.congestedHoursAfter() < s.congestedHoursBefore()) {
                    relieved++;
                }
                peakCut = Math.max(peakCut, s.peakBeforeKva() - s.peakAfterKva());
            }
        }
        if (congested == 0) {
            return "No scenario-day was congested on the baseline, so the DSO requested no flexibility.";
        }
        return String.format(
                Locale.ROOT,
                "%d of %d scenarios were congested on the baseline (%.2f congestion hours in all); flexibility "
                        + "reduced congestion in %d of them, to %.2f hours in all (%.0f%% less). The largest cut "
                        + "of a scenario's peak was %.1f kVA (rating %.0f kVA).",
                congested,
                scenarios.size(),
                hoursBefore,
                relieved,
                hoursAfter,
                hoursBefore > 0 ? 100 * (hoursBefore - hoursAfter) / hoursBefore : 0,
                peakCut,
                rated);
    }

    static String reinforcement(ScenarioKpis s) {
        double before = ScenarioKpis.headroomYears(s.loadingBeforePct());
        double after = ScenarioKpis.headroomYears(s.loadingAfterPct());
        if (before == 0 && after == 0) {
            return "no: still over rating";
        }
        if (before == 0) {
            return String.format(Locale.ROOT, "yes: under rating, %.1f y headroom", after);
        }
        return String.format(Locale.ROOT, "not needed (+%.1f y headroom)", Math.max(0, after - before));
    }

    static String pct(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    static String solveTimes(List<DayRun.DayOutcome> days) {
        int n = 0;
        for (DayRun.DayOutcome d : days) {
            n += d.solveMs().length;
        }
        double[] all = new double[n];
        int i = 0;
        double sum = 0;
        for (DayRun.DayOutcome d : days) {
            for (double m : d.solveMs()) {
                all[i++] = m;
                sum += m;
            }
        }
        if (n == 0) {
            return "";
        }
        Arrays.sort(all);
        return String.format(
                Locale.ROOT,
                "## CEMS solve times\n\n%d home-day optimisations (wall time per solve, model build included, "
                        + "ms): mean %.2f, median %.2f, p90 %.2f, p95 %.2f, p99 %.2f, max %.1f; total %.1f s of "
                        + "solver time over the worker threads.\n",
                n,
                sum / (double) n,
                quantile(all, 0.5),
                quantile(all, 0.9),
                quantile(all, 0.95),
                quantile(all, 0.99),
                all[n - 1],
                sum / 1000.0);
    }

    /** The q-quantile of sorted values (nearest rank). */
    public static double quantile(double[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static DayRun.DayOutcome worstDay(List<DayRun.DayOutcome> days) {
        DayRun.DayOutcome worst = null;
        for (DayRun.DayOutcome d : days) {
            if (worst == null || d.kpis().peakBeforeKva() > worst.kpis().peakBeforeKva()) {
                worst = d;
            }
        }
        return worst;
    }

    static void charts(Path dir, List<ScenarioKpis> scenarios, List<DayRun.DayOutcome> days, double rated)
            throws IOException {
        List<String> names = new ArrayList<>();
        int k = scenarios.size();
        double[] unc = new double[k];
        double[] before = new double[k];
        double[] after = new double[k];
        double[] hb = new double[k];
        double[] ha = new double[k];
        for (int i = 0; i < k; i++) {
            ScenarioKpis s = scenarios.get(i);
            names.add(String.format(Locale.ROOT, "s%02d", s.scenario()));
            unc[i] = s.peakUncontrolledKva();
            before[i] = s.peakBeforeKva();
            after[i] = s.peakAfterKva();
            hb[i] = s.congestedHoursBefore();
            ha[i] = s.congestedHoursAfter();
        }
        Charts.Reference rating =
                new Charts.Reference(rated, String.format(Locale.ROOT, "transformer rating %.0f kVA", rated));
        Charts.bars(
                dir.resolve("peaks.png"),
                "Transformer peak per scenario (highest slot of any day)",
                "scenario (rising penetration of PV, batteries, EVs, smart appliances)",
                "peak apparent power, kVA",
                names,
                List.of(
                        new Charts.Series("uncontrolled (no CEMS)", unc),
                        new Charts.Series("before flexibility (CEMS baseline)", before),
                        new Charts.Series("after flexibility", after)),
                rating);
        Charts.bars(
                dir.resolve("congestion.png"),
                "Congestion hours per scenario (sum over its typical days)",
                "scenario",
                "hours with transformer, cable or voltage congestion, h",
                names,
                List.of(new Charts.Series("before flexibility", hb), new Charts.Series("after flexibility", ha)),
                null);
        DayRun.DayOutcome worst = worstDay(days);
        if (worst != null) {
            List<String> clock = new ArrayList<>();
            for (int t = 0; t <= worst.kvaBefore().length; t++) {
                int m = t * ScenarioGenerator.SLOT_MINUTES;
                clock.add(String.format(Locale.ROOT, "%02d:%02d", m / 60, m % 60));
            }
            clock.remove(clock.size() - 1);
            Charts.lines(
                    dir.resolve("worst-day.png"),
                    String.format(
                            Locale.ROOT,
                            "Transformer loading, worst day: s%02d d%02d (%s)",
                            worst.kpis().scenario(),
                            worst.kpis().day(),
                            TypicalDay.of(worst.kpis().day()).label()),
                    "time of day (15-minute slots)",
                    "apparent power through the transformer, kVA",
                    clock,
                    8,
                    List.of(
                            new Charts.Series("uncontrolled (no CEMS, context)", worst.kvaUncontrolled()),
                            new Charts.Series("before flexibility (CEMS baseline)", worst.kvaBefore()),
                            new Charts.Series("after flexibility", worst.kvaAfter())),
                    rating);
        }
    }

    static void writeCsv(Path file, List<DayRun.DayOutcome> days) throws IOException {
        StringBuilder csv = new StringBuilder();
        var components = DayKpis.class.getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            csv.append(i == 0 ? "" : ",").append(components[i].getName());
        }
        csv.append('\n');
        for (DayRun.DayOutcome d : days) {
            for (int i = 0; i < components.length; i++) {
                Object v;
                try {
                    v = components[i].getAccessor().invoke(d.kpis());
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
                csv.append(i == 0 ? "" : ",").append(v instanceof Double x ? String.format(Locale.ROOT, "%.4f", x) : v);
            }
            csv.append('\n');
        }
        Files.writeString(file, csv.toString(), StandardCharsets.UTF_8);
    }
}
