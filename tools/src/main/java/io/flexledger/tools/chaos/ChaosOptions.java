package io.flexledger.tools.chaos;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The options of {@code ./flex chaos}; a wrong one is refused with a message naming it.
 *
 * @param kinds the kinds of process to kill, in order, one fault each
 * @param durationSeconds how long the load runs (the faults spread over it)
 * @param warmupSeconds load before the first fault (the baseline window)
 * @param offerClients concurrent clients posting offers
 * @param readingsPerSecond signed readings published per second
 * @param recoverSeconds how long to wait, after the load, for every killed process to be healthy
 * @param seed chooses which process of a kind is killed
 * @param reportFile where to write the JSON report, or null
 */
public record ChaosOptions(
        List<Kind> kinds,
        int durationSeconds,
        int warmupSeconds,
        int offerClients,
        double readingsPerSecond,
        int recoverSeconds,
        long seed,
        String reportFile) {

    /** A kind of process, and which of the stack's processes are of it. */
    public enum Kind {
        ORDERER("orderer"),
        PEER("peer0."),
        API("api.aggregator"),
        CHAINCODE("chaincode."),
        BRIDGE("device-bridge"),
        POSTGRES("postgres"),
        MOSQUITTO("mosquitto"),
        KEYCLOAK("keycloak");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }

        /** Whether process {@code name} is of this kind. */
        public boolean matches(String name) {
            return name.startsWith(prefix);
        }

        /** The name used on the command line. */
        public String option() {
            return this == BRIDGE ? "bridge" : name().toLowerCase(Locale.ROOT);
        }

        static Kind of(String option) {
            for (Kind k : values()) {
                if (k.option().equals(option)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("--kill: unknown kind '" + option + "' (known: "
                    + String.join(",", Arrays.stream(values()).map(Kind::option).toList()) + ", or all)");
        }
    }

    static final String USAGE = """
            usage: ./flex chaos [--kill KINDS|all] [--duration S] [--warmup S] [--offer-clients N]
                                [--readings-per-second R] [--recover S] [--seed N] [--report FILE]
              KINDS: comma-separated, of orderer,peer,api,chaincode,bridge,postgres,mosquitto,keycloak
              defaults: --kill all --duration 300 --warmup 10 --offer-clients 4
                        --readings-per-second 5 --recover 180""";

    /** Parses the command line. */
    public static ChaosOptions parse(String... args) {
        List<Kind> kinds = List.of(Kind.values());
        int duration = 300;
        int warmup = 10;
        int clients = 4;
        double rate = 5;
        int recover = 180;
        long seed = System.nanoTime();
        String report = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                throw new IllegalArgumentException(USAGE);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + " needs a value\n" + USAGE);
            }
            String v = args[++i];
            switch (a) {
                case "--kill" -> kinds = kinds(v);
                case "--duration" -> duration = positive(a, v, 10, 3600);
                case "--warmup" -> warmup = positive(a, v, 1, 600);
                case "--offer-clients" -> clients = positive(a, v, 1, 64);
                case "--readings-per-second" -> rate = positive(a, v, 1, 200);
                case "--recover" -> recover = positive(a, v, 10, 1800);
                case "--seed" -> seed = positive(a, v, 0, Integer.MAX_VALUE);
                case "--report" -> report = v;
                default -> throw new IllegalArgumentException("unknown option " + a + "\n" + USAGE);
            }
        }
        if (warmup >= duration) {
            throw new IllegalArgumentException(
                    "--warmup (" + warmup + " s) must be shorter than --duration (" + duration + " s)");
        }
        return new ChaosOptions(kinds, duration, warmup, clients, rate, recover, seed, report);
    }

    private static List<Kind> kinds(String v) {
        if (v.equals("all")) {
            return List.of(Kind.values());
        }
        List<Kind> out = new ArrayList<>();
        for (String part : v.split(",")) {
            if (!part.isBlank()) {
                out.add(Kind.of(part.trim()));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("--kill: name at least one kind, or all");
        }
        return out;
    }

    private static int positive(String option, String v, int min, int max) {
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new IllegalArgumentException(option + ": " + v + " is not in " + min + ".." + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": '" + v + "' is not a whole number");
        }
    }
}
