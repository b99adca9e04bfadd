package io.flexledger.agents.sim;

import io.flexledger.agents.campaign.ClearingFiles;
import io.flexledger.agents.campaign.DayRun;
import io.flexledger.agents.grid.LvNetwork;
import io.flexledger.agents.grid.PontypoolNetwork;
import io.flexledger.agents.report.DaySummary;
import io.flexledger.agents.scenario.GeneratedHome;
import io.flexledger.agents.scenario.Household;
import io.flexledger.agents.scenario.Scenario;
import io.flexledger.agents.scenario.ScenarioGenerator;
import io.flexledger.agents.scenario.TypicalDay;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code flex simulate}: the Pontypool simulator.
 *
 * <ul>
 *   <li>{@code --scenario S --day D [--export DIR]} runs one day in-process and prints a summary;
 *       with {@code --export} it also writes every home-day (formats section 1) with an index and the
 *       day's clearing problems (formats section 2) with their results;
 *   <li>{@code --campaign [--out DIR] [--scenarios A-B] [--days A-B]} runs scenario-days in parallel
 *       and writes the KPI report;
 *   <li>{@code --grid-baseline --scenario S --day D [--seed N] [--base-only]} prints the power flow
 *       of the day without optimisation, slot by slot, and the congested slots;
 *   <li>{@code --scenario S --day D --live [...]} plays the day on the ledger ({@code LiveCommand}).
 * </ul>
 *
 * Exit 0: done; 2: bad usage (the message names the option); 1: the files could not be written.
 */
public final class SimulateCommand {

    static final String USAGE = """
            usage: flex simulate --scenario S --day D [--export DIR] [--seed N] [--no-community]
                   flex simulate --campaign [--out DIR] [--scenarios A-B] [--days A-B] [--threads N] [--seed N]
                                 [--no-community]
                   flex simulate --grid-baseline --scenario S --day D [--seed N] [--base-only]

              --scenario S       penetration scenario 1..12 (1: no smart technology, 12: high); also s05
              --day D            typical day 1..15: winter, spring, summer, autumn, cold snap, each as
                                 weekday, Saturday, Sunday (1 = winter weekday); also d03
                                 with both and no other job: run the day in-process (CEMS per home, each
                                 aggregator's community market, DSO power flow and requests, the
                                 community's leftover flexibility offered, clearing, orders, power flow
                                 after flexibility) and print a summary
              --export DIR       also write every home-day as DIR/<id>.json (formats section 1) with
                                 DIR/index.json, and the day's clearing problems (one per congestion point
                                 with requests, formats section 2) as DIR/clearing/<id>.json, each with
                                 the simulator's result as DIR/clearing/<id>.result.json
              --campaign         run every scenario x day, write DIR/report.md with PNG charts and
                                 DIR/days.csv; progress on standard error
              --out DIR          campaign output folder (default campaign-report)
              --scenarios A-B    campaign scenarios (default 1-12); also a single number
              --days A-B         campaign days (default 1-15)
              --threads N        worker threads (default: the number of cores)
              --no-community     the aggregators run no community market (UC2): they forward every
                                 offer of their homes to the DSO
              --grid-baseline    print the power flow of the day without optimisation: per slot the
                                 transformer loading, feeder head currents, voltage range, congestion
              --base-only        baseline with the inflexible base load and PV only (devices left out);
                                 default: devices run uncontrolled at their habitual times
              --seed N           campaign seed (default 2017); same seed, same home-days, byte for byte
              --live             with --scenario and --day: the agents as clients of marketplace-api on
                                 the running stack (./flex up); see flex simulate --live --help
              --help             this text
            """;

    private SimulateCommand() {}

    // Timefold's metrics warn when solvers run side by side; the command prints its own progress
    private static final java.util.logging.Logger METRICS_LOG = java.util.logging.Logger.getLogger("io.micrometer");

    /** Entry point. */
    public static void main(String[] args) {
        METRICS_LOG.setLevel(java.util.logging.Level.SEVERE);
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command and returns its exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (java.util.Arrays.asList(args).contains("--live")) {
            // the agents as clients of marketplace-api on the ledger: the live-agents module
            err.println("simulate: --live runs the live agents (module live-agents): flex simulate --live ...");
            return 2;
        }
        Options o;
        try {
            o = Options.parse(args);
        } catch (UsageException e) {
            err.println("simulate: " + e.getMessage());
            err.println("try: flex simulate --help");
            return 2;
        }
        if (o.help) {
            out.print(USAGE);
            return 0;
        }
        LvNetwork network = PontypoolNetwork.create();
        ScenarioGenerator generator = new ScenarioGenerator(network, o.seed);
        if (o.campaign) {
            return CampaignCommand.run(generator, o.scenarios, o.days, o.threads, !o.noCommunity, o.outDir, out, err);
        }
        List<GeneratedHome> homes = generator.generate(o.scenario, o.day);
        if (o.gridBaseline) {
            printBaseline(out, generator, o, homes);
            return 0;
        }
        if (o.exportDir != null) {
            try {
                Path index = HomeDayExport.write(o.exportDir, generator, o.scenario, o.day, homes);
                out.printf(
                        "wrote %d home-days of scenario %s, day %s (%s) to %s, index %s%n",
                        homes.size(), o.scenario.code(), o.day.code(), o.day.label(), o.exportDir, index);
            } catch (IOException e) {
                err.println("simulate: cannot write to " + o.exportDir + ": " + e.getMessage());
                return 1;
            }
        }
        DayRun.DayOutcome outcome;
        ExecutorService pool =
                Executors.newFixedThreadPool(o.threads, io.flexledger.agents.campaign.Campaign.daemons());
        try {
            outcome = DayRun.standard(network, !o.noCommunity).run(o.scenario, o.day, homes, pool);
        } finally {
            pool.shutdownNow();
        }
        DaySummary.print(out, outcome, network.transformer().ratedKva());
        if (o.exportDir != null) {
            Path dir = o.exportDir.resolve("clearing");
            try {
                Files.createDirectories(dir);
                for (DayRun.Market m : outcome.markets()) {
                    Path f = ClearingFiles.write(dir, m.problem(), m.result());
                    out.println("wrote clearing problem " + f);
                }
            } catch (IOException e) {
                err.println("simulate: cannot write to " + dir + ": " + e.getMessage());
                return 1;
            }
        }
        return 0;
    }

    private static void printBaseline(PrintStream out, ScenarioGenerator gen, Options o, List<GeneratedHome> homes) {
        LvNetwork net = gen.network();
        GridBaseline.Demand demand = o.baseOnly ? GridBaseline.Demand.BASE_ONLY : GridBaseline.Demand.UNCONTROLLED;
        List<GridBaseline.Slot> slots = GridBaseline.run(net, homes, demand);
        int n = net.homeCount();
        Scenario s = o.scenario;
        int pv = 0;
        int ev = 0;
        int smart = 0;
        int heater = 0;
        int battery = 0;
        for (Household hh : gen.households()) {
            pv += hh.has(Household.Technology.PV, s, n) ? 1 : 0;
            ev += hh.has(Household.Technology.EV, s, n) ? 1 : 0;
            smart += hh.has(Household.Technology.SMART_APPLIANCES, s, n) ? 1 : 0;
            heater += hh.has(Household.Technology.HEATER, s, n) ? 1 : 0;
            battery += hh.hasBattery(s, n) ? 1 : 0;
        }
        out.printf(
                Locale.ROOT,
                "grid baseline: scenario %s, day %s (%s), seed %d, %d homes, %s%n",
                s.code(),
                o.day.code(),
                o.day.label(),
                gen.seed(),
                n,
                o.baseOnly ? "base load and PV only" : "devices uncontrolled at their habitual times, no CEMS");
        out.printf(
                Locale.ROOT,
                "homes with PV %d, battery %d (idle), EV %d, smart appliances %d, water heater %d%n",
                pv,
                battery,
                ev,
                smart,
                heater);
        out.printf(
                Locale.ROOT,
                "transformer %s %.0f kVA; feeder head ratings are per phase; voltage band %.2f-%.2f pu%n%n",
                net.transformer().id(),
                net.transformer().ratedKva(),
                io.flexledger.agents.grid.GridState.V_MIN_PU,
                io.flexledger.agents.grid.GridState.V_MAX_PU);
        StringBuilder header = new StringBuilder("slot  time   net kW  TX1 kVA  TX1 %");
        for (String f : net.feederIds()) {
            header.append(String.format(Locale.ROOT, "  %4s A", f));
        }
        header.append("   Vmin   Vmax  congestion");
        out.println(header);
        double peakKva = 0;
        int peakSlot = 0;
        double energyKwh = 0;
        List<Integer> congested = new ArrayList<>();
        Set<String> kinds = new LinkedHashSet<>();
        for (GridBaseline.Slot row : slots) {
            StringBuilder line = new StringBuilder(String.format(
                    Locale.ROOT,
                    "%4d  %s  %6.1f  %7.1f  %5.1f",
                    row.slot(),
                    time(row.slot()),
                    row.netKw(),
                    row.transformerKva(),
                    row.transformerPct()));
            for (double a : row.feederHeadA()) {
                line.append(String.format(Locale.ROOT, "  %6.1f", a));
            }
            line.append(String.format(Locale.ROOT, "  %.3f  %.3f  ", row.minVoltagePu(), row.maxVoltagePu()));
            line.append(row.violations().isEmpty() ? "-" : String.join("; ", row.violations()));
            out.println(line);
            if (row.transformerKva() > peakKva) {
                peakKva = row.transformerKva();
                peakSlot = row.slot();
            }
            energyKwh += row.transformerKva() * 0.25;
            if (!row.violations().isEmpty()) {
                congested.add(row.slot());
                for (String v : row.violations()) {
                    kinds.add(v.replaceAll(" [0-9.]+( pu|%)$", ""));
                }
            }
        }
        out.println();
        out.printf(
                Locale.ROOT,
                "transformer peak %.1f kVA (%.1f%% of rating) at %s; apparent energy through it %.0f kVAh%n",
                peakKva,
                slots.get(peakSlot).transformerPct(),
                time(peakSlot),
                energyKwh);
        out.printf(
                Locale.ROOT,
                "congested slots: %d of %d (%.2f h)%s%n",
                congested.size(),
                slots.size(),
                congested.size() * 0.25,
                congested.isEmpty() ? "" : ": " + ranges(congested) + "; " + String.join(", ", kinds));
    }

    // contiguous slot runs as clock-time ranges, e.g. 17:00-19:15
    private static String ranges(List<Integer> slots) {
        List<String> out = new ArrayList<>();
        int start = slots.get(0);
        int prev = start;
        for (int i = 1; i <= slots.size(); i++) {
            int cur = i < slots.size() ? slots.get(i) : -2;
            if (cur != prev + 1) {
                out.add(time(start) + "-" + time(prev + 1));
                start = cur;
            }
            prev = cur;
        }
        return String.join(", ", out);
    }

    private static String time(int slot) {
        int minutes = slot * ScenarioGenerator.SLOT_MINUTES;
        return String.format(Locale.ROOT, "%02d:%02d", minutes / 60, minutes % 60);
    }

    /** A usage error; its message names the option. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    /** Parsed command line. */
    static final class Options {
        boolean help;
        boolean gridBaseline;
        boolean baseOnly;
        boolean campaign;
        boolean live;
        boolean noCommunity;
        Path exportDir;
        Path outDir = Path.of("campaign-report");
        int[] scenarios = {1, Scenario.ALL.size()};
        int[] days = {1, TypicalDay.COUNT};
        int threads = Runtime.getRuntime().availableProcessors();
        Scenario scenario;
        TypicalDay day;
        long seed = ScenarioGenerator.DEFAULT_SEED;

        static Options parse(String[] args) throws UsageException {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--help", "-h" -> o.help = true;
                    case "--grid-baseline" -> o.gridBaseline = true;
                    case "--base-only" -> o.baseOnly = true;
                    case "--export" -> o.exportDir = Path.of(value(args, ++i, a));
                    case "--scenario" -> o.scenario = scenario(value(args, ++i, a));
                    case "--day" -> o.day = day(value(args, ++i, a));
                    case "--seed" -> o.seed = seed(value(args, ++i, a));
                    case "--campaign" -> o.campaign = true;
                    case "--live" -> o.live = true;
                    case "--no-community" -> o.noCommunity = true;
                    case "--out" -> o.outDir = Path.of(value(args, ++i, a));
                    case "--scenarios" -> o.scenarios = range(value(args, ++i, a), a, Scenario.ALL.size());
                    case "--days" -> o.days = range(value(args, ++i, a), a, TypicalDay.COUNT);
                    case "--threads" -> o.threads = (int) range(value(args, ++i, a), a, 64)[0];
                    default -> throw new UsageException("unknown option '" + a + "'");
                }
            }
            if (o.help) {
                return o;
            }
            if (o.live) {
                return o;
            }
            if (o.campaign) {
                // a campaign covers ranges, not one scenario-day
                if (o.scenario != null || o.day != null || o.exportDir != null || o.gridBaseline) {
                    throw new UsageException(
                            "--campaign takes --scenarios/--days ranges, not --scenario, --day, --export or --grid-baseline");
                }
                return o;
            }
            if (o.scenario == null && o.day == null && o.exportDir == null && !o.gridBaseline) {
                throw new UsageException(
                        "say what to do: --scenario S --day D [--export DIR], --grid-baseline or --campaign");
            }
            if (o.scenario == null) {
                throw new UsageException("--scenario is required (1..12)");
            }
            if (o.day == null) {
                throw new UsageException("--day is required (1..15)");
            }
            if (o.noCommunity && o.gridBaseline) {
                throw new UsageException("--no-community does not apply to --grid-baseline (no market runs)");
            }
            if (o.baseOnly && !o.gridBaseline) {
                throw new UsageException("--base-only applies to --grid-baseline only");
            }
            return o;
        }

        /** {@code A-B} or {@code A} within 1..max, as {from, to} inclusive. */
        static int[] range(String v, String option, int max) throws UsageException {
            String[] parts = v.split("-", -1);
            if (parts.length > 2) {
                throw new UsageException(option + " expects A-B or A, got '" + v + "'");
            }
            Integer a = number(parts[0], ' ');
            Integer b = parts.length == 2 ? number(parts[1], ' ') : a;
            // both ends inside 1..max, in order
            if (a == null || b == null || a < 1 || b > max || a > b) {
                throw new UsageException(option + " expects A-B with 1 <= A <= B <= " + max + ", got '" + v + "'");
            }
            return new int[] {a, b};
        }

        private static String value(String[] args, int i, String option) throws UsageException {
            if (i >= args.length || args[i].startsWith("--")) {
                throw new UsageException(option + " needs a value");
            }
            return args[i];
        }

        static Scenario scenario(String v) throws UsageException {
            Integer n = number(v, 's');
            // scenarios are 1..12
            if (n == null || n < 1 || n > Scenario.ALL.size()) {
                throw new UsageException(
                        "unknown scenario '" + v + "' (expected 1.." + Scenario.ALL.size() + ", e.g. 5 or s05)");
            }
            return Scenario.of(n);
        }

        static TypicalDay day(String v) throws UsageException {
            Integer n = number(v, 'd');
            // typical days are 1..15
            if (n == null || n < 1 || n > TypicalDay.COUNT) {
                throw new UsageException(
                        "unknown day '" + v + "' (expected 1.." + TypicalDay.COUNT + ", e.g. 3 or d03)");
            }
            return TypicalDay.of(n);
        }

        private static long seed(String v) throws UsageException {
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new UsageException("--seed must be an integer, got '" + v + "'");
            }
        }

        private static Integer number(String v, char prefix) {
            String digits = v.length() > 1 && Character.toLowerCase(v.charAt(0)) == prefix ? v.substring(1) : v;
            if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(Character::isDigit)) {
                return null;
            }
            return Integer.parseInt(digits);
        }
    }
}
