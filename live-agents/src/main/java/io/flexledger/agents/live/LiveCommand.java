package io.flexledger.agents.live;

import io.flexledger.agents.grid.PontypoolNetwork;
import io.flexledger.agents.scenario.Scenario;
import io.flexledger.agents.scenario.ScenarioGenerator;
import io.flexledger.agents.scenario.TypicalDay;
import io.flexledger.client.ApiProblemException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * {@code flex simulate --scenario S --day D --live}: one typical day played on the ledger by the agents
 * as clients of marketplace-api (see {@link LiveDay}).
 *
 * <p>Exit 0: done (also when nothing was congested: the report says so); 1: the stack refused or did
 * not answer (the message gives the reason); 2: bad usage (the message names the option).
 */
public final class LiveCommand {

    static final String USAGE = """
            usage: flex simulate --scenario S --day D --live [--homes N] [--date YYYY-MM-DD]
                                 [--force-request KW] [--run-id ID] [--json FILE] [--seed N]
                                 [--threads N] [--posters N] [--no-community]
                                 [--community-gate SECONDS]

              the agents as clients of marketplace-api on the running stack (./flex up): the DSO registers
              TX1 and F1..F4, each aggregator its homes (agr-1 the even ones, agr-2 the odd ones), the CEMS
              agents optimise, the DSO posts requests where the baseline's power flow is congested, each
              aggregator runs its community market (UC2: its homes become members of the community agent,
              the day is opened, the members' firm and flexible orders are posted, the operator's instance
              clears at the community gate and offers the leftover flexibility to the DSO), the aggregators
              post offers answering the requests (cut to the leftover), the DSO clears the day
              (POST /api/clearing/DAY) and reads the orders back; a report on standard output, progress on
              standard error

              --homes N          the first N homes of the network take part (default 184); the others
                                 draw nothing in the power flow
              --date YYYY-MM-DD  the market day the typical day is played on (default: the day after
                                 tomorrow in Europe/London); its gate must close more than 20 min from now
              --force-request KW when no request can be posted (no congestion with these homes), request
                                 KW kW at TX1 over the hour of the highest baseline load anyway
              --run-id ID        prefix of this run's request and offer ids (lv-..., default from the clock)
              --json FILE        also write the report as JSON
              --seed N           scenario seed (default 2017)
              --threads N        CEMS threads (default: the number of cores)
              --posters N        concurrent POSTs (default 8)
              --no-community     no community market: the aggregators forward every offer to the DSO
              --community-gate SECONDS
                                 the community gate closes SECONDS after the day is opened, plus 0.5 s
                                 per order to post (default 30; 5..3600)

              addresses: FLEX_KEYCLOAK_URL, FLEX_API_DSO, FLEX_API_AGGREGATOR1, FLEX_API_AGGREGATOR2,
              FLEX_API_COMMUNITY (default: the local stack); secrets: DSO_AGENT_SECRET,
              AGGREGATOR1_AGENT_SECRET, AGGREGATOR2_AGENT_SECRET, COMMUNITY_AGENT_SECRET (default: the
              local stack's demo secrets)
            """;

    private LiveCommand() {}

    // Timefold's metrics warn when solvers run side by side; the command prints its own progress
    private static final java.util.logging.Logger METRICS_LOG = java.util.logging.Logger.getLogger("io.micrometer");

    /** Entry point ({@code flex simulate --live}). */
    public static void main(String[] args) {
        METRICS_LOG.setLevel(java.util.logging.Level.SEVERE);
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command and returns its exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, System.getenv(), Clock.systemUTC());
    }

    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env, Clock clock) {
        Parsed p;
        try {
            p = Parsed.parse(args, clock);
        } catch (IllegalArgumentException e) {
            err.println("simulate: " + e.getMessage());
            err.println("try: flex simulate --live --help");
            return 2;
        }
        if (p.help) {
            out.print(USAGE);
            return 0;
        }
        try {
            p.options.market().requirePlayable(clock, ScenarioGenerator.SLOTS, LiveDay.LEAD);
        } catch (IllegalArgumentException e) {
            err.println("simulate: " + e.getMessage());
            return 2;
        }
        LiveEndpoints endpoints = LiveEndpoints.local(env);
        LiveEndpoints.Clients clients = endpoints.connect(env, Duration.ofMinutes(2));
        ScenarioGenerator generator = new ScenarioGenerator(PontypoolNetwork.create(), p.seed);
        LiveOutcome outcome;
        try {
            outcome = new LiveDay(generator, clients, err).run(p.options);
        } catch (ApiProblemException e) {
            err.println("simulate: the stack refused: " + e.getMessage());
            if (e.status() == 503) {
                err.println("simulate: is the stack up? ./flex status (start it with ./flex up)");
            }
            return 1;
        }
        outcome.print(out);
        if (p.json != null) {
            try {
                Files.writeString(p.json, outcome.toJson().toPrettyString() + "\n");
            } catch (IOException e) {
                err.println("simulate: cannot write " + p.json + ": " + e.getMessage());
                return 1;
            }
        }
        return 0;
    }

    /** The parsed command line. */
    static final class Parsed {
        boolean help;
        LiveDay.Options options;
        long seed = ScenarioGenerator.DEFAULT_SEED;
        Path json;

        static Parsed parse(String[] args, Clock clock) {
            Parsed p = new Parsed();
            Scenario scenario = null;
            TypicalDay day = null;
            int homes = PontypoolNetwork.HOMES;
            MarketDay market = MarketDay.defaultDay(clock);
            Double force = null;
            String runId = LiveDay.newRunId();
            int threads = Runtime.getRuntime().availableProcessors();
            int posters = 8;
            boolean community = true;
            int communityGate = 30;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--live" -> {}
                    case "--help", "-h" -> p.help = true;
                    case "--scenario" ->
                        scenario = Scenario.of(bounded(value(args, ++i, a), a, 1, Scenario.ALL.size(), 's'));
                    case "--day" -> day = TypicalDay.of(bounded(value(args, ++i, a), a, 1, TypicalDay.COUNT, 'd'));
                    case "--homes" -> homes = bounded(value(args, ++i, a), a, 1, PontypoolNetwork.HOMES, ' ');
                    case "--date" -> market = new MarketDay(date(value(args, ++i, a)));
                    case "--force-request" -> force = kw(value(args, ++i, a));
                    case "--run-id" -> runId = runId(value(args, ++i, a));
                    case "--json" -> p.json = Path.of(value(args, ++i, a));
                    case "--seed" -> p.seed = seed(value(args, ++i, a));
                    case "--threads" -> threads = bounded(value(args, ++i, a), a, 1, 64, ' ');
                    case "--posters" -> posters = bounded(value(args, ++i, a), a, 1, 64, ' ');
                    case "--no-community" -> community = false;
                    case "--community-gate" -> communityGate = bounded(value(args, ++i, a), a, 5, 3600, ' ');
                    default -> throw new IllegalArgumentException("unknown option '" + a + "' with --live");
                }
            }
            if (p.help) {
                return p;
            }
            if (scenario == null) {
                throw new IllegalArgumentException("--scenario is required with --live (1..12)");
            }
            if (day == null) {
                throw new IllegalArgumentException("--day is required with --live (1..15)");
            }
            p.options = new LiveDay.Options(
                    scenario,
                    day,
                    homes,
                    market,
                    force,
                    runId,
                    threads,
                    posters,
                    community,
                    Duration.ofSeconds(communityGate));
            return p;
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length || args[i].startsWith("--")) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        static int bounded(String v, String option, int min, int max, char prefix) {
            String digits = v.length() > 1 && Character.toLowerCase(v.charAt(0)) == prefix ? v.substring(1) : v;
            // a whole number within the option's range
            if (!digits.matches("[0-9]{1,4}") || Integer.parseInt(digits) < min || Integer.parseInt(digits) > max) {
                throw new IllegalArgumentException(
                        option + " expects a whole number in " + min + ".." + max + ", got '" + v + "'");
            }
            return Integer.parseInt(digits);
        }

        static LocalDate date(String v) {
            try {
                return LocalDate.parse(v);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--date expects YYYY-MM-DD, got '" + v + "'");
            }
        }

        static double kw(String v) {
            double kw;
            try {
                kw = Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--force-request expects kW, got '" + v + "'");
            }
            // a request asks for some load reduction, at most the transformer's rating
            if (!(kw > 0) || kw > 500) {
                throw new IllegalArgumentException("--force-request expects kW in (0, 500], got '" + v + "'");
            }
            return kw;
        }

        static String runId(String v) {
            // the run id prefixes ledger ids, and marks the run's offers as a live run's
            if (!v.startsWith(LiveDay.RUN_PREFIX) || !v.matches("[A-Za-z0-9._:-]{4,24}")) {
                throw new IllegalArgumentException("--run-id must start with " + LiveDay.RUN_PREFIX
                        + " and have 4..24 of A-Z a-z 0-9 . _ : -, got '" + v + "'");
            }
            return v;
        }

        private static long seed(String v) {
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--seed must be an integer, got '" + v + "'");
            }
        }
    }
}
