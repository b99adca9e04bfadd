package io.flexledger.clearing.cli;

import io.flexledger.clearing.io.MalformedProblemException;
import io.flexledger.clearing.io.ProblemParser;
import io.flexledger.clearing.io.ResultWriter;
import io.flexledger.clearing.model.ClearingProblem;
import io.flexledger.clearing.model.ClearingResult;
import io.flexledger.clearing.model.Offer;
import io.flexledger.clearing.solver.Clearer;
import io.flexledger.clearing.solver.SearchLimit;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code flex clear FILE [--seconds N] [--steps N] [--target-gap P] [--quiet]}: reads a clearing problem (formats README
 * section 2) and prints its {@code clearing-result} on standard output.
 *
 * <p>Exit 0: result printed. Exit 2: malformed file or arguments, one line on standard error naming the
 * JSON path. Exit 3: no answer with a finite cost exists. Because unserved kW is unbounded, every
 * well-formed problem whose numbers are finite has a feasible answer (accept nothing, leave every
 * request unserved); exit 3 is therefore reached only when even that answer's cost overflows a double
 * (penalty times kW beyond 1.8e308).
 *
 * <p>Without {@code --seconds} the search stops 4 s after the start in any case, and once it has gone one
 * millisecond per offer (at least 0.3 s) up to 400 offers, 1 s beyond, and 100 steps without a better
 * solution ({@link SearchLimit#standard}). {@code --steps N} runs exactly N local-search steps (reproducible). {@code --target-gap P}
 * also stops as soon as the proven gap (the cost against the Lagrangian lower bound, percent, as the result's
 * {@code provenGapPct}) is at most P; P is a number {@code >= 0}. The result carries the bound
 * ({@code lowerBound}) and the gap. Without {@code --target-gap}, an answer proven within 0.001 % of the
 * optimum ends the clearing all the same. Progress lines (with each phase's time since the solve's start)
 * go to standard error unless {@code --quiet}.
 */
public final class ClearCommand {

    private static final String USAGE = "flex clear FILE [--seconds N] [--steps N] [--target-gap P] [--quiet]";

    /**
     * Two searches side by side both register Timefold's metrics; the metrics library's warning about the
     * second registration is not for the command's user (held here: a logger's level lives as long as it).
     */
    private static final java.util.logging.Logger METRICS_LOG = java.util.logging.Logger.getLogger("io.micrometer");

    private ClearCommand() {}

    public static void main(String[] args) {
        METRICS_LOG.setLevel(java.util.logging.Level.SEVERE);
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String file = null;
        SearchLimit limit = SearchLimit.standard();
        boolean quiet = false;
        double targetGap = -1.0;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--seconds") || a.equals("--steps")) {
                if (i + 1 >= args.length) {
                    err.println("flex clear: " + a + " needs a value");
                    return 2;
                }
                String v = args[++i];
                try {
                    if (a.equals("--seconds")) {
                        double s = Double.parseDouble(v);
                        if (!(s > 0) || Double.isInfinite(s)) {
                            throw new NumberFormatException();
                        }
                        limit = SearchLimit.seconds(s);
                    } else {
                        long n = Long.parseLong(v);
                        if (n <= 0) {
                            throw new NumberFormatException();
                        }
                        limit = SearchLimit.steps(n);
                    }
                } catch (NumberFormatException e) {
                    err.println("flex clear: " + a + " must be a positive number, got '" + v + "'");
                    return 2;
                }
            } else if (a.equals("--target-gap")) {
                if (i + 1 >= args.length) {
                    err.println("flex clear: --target-gap needs a value (a gap in percent, >= 0)");
                    return 2;
                }
                String v = args[++i];
                double g;
                try {
                    g = Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    g = Double.NaN;
                }
                if (!(g >= 0.0) || Double.isInfinite(g)) {
                    err.println("flex clear: --target-gap must be a number >= 0 (percent), got '" + v + "'");
                    return 2;
                }
                targetGap = g;
            } else if (a.equals("--quiet")) {
                quiet = true;
            } else if (a.startsWith("--") || file != null) {
                err.println("flex clear: unexpected argument '" + a + "' (usage: " + USAGE + ")");
                return 2;
            } else {
                file = a;
            }
        }
        if (file == null) {
            err.println("flex clear: no problem file (usage: " + USAGE + ")");
            return 2;
        }
        String text;
        try {
            text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            err.println("$: cannot read " + file + " (" + e.getMessage() + ")");
            return 2;
        }
        ClearingProblem problem;
        try {
            problem = new ProblemParser().parse(text);
        } catch (MalformedProblemException e) {
            err.println(e.getMessage());
            return 2;
        }
        for (int i = 0; i < problem.offers().size(); i++) {
            Offer o = problem.offers().get(i);
            if (!Double.isFinite(o.priceEurPerKwh() * problem.slotHours() * o.totalKw())) {
                err.println("$.offers[" + i + "].price: price * h * total kW is not a finite number");
                return 2;
            }
        }
        double unservedAll = 0.0;
        for (var r : problem.requests()) {
            unservedAll += r.unservedPenaltyEurPerKwh() * problem.slotHours() * r.kw();
        }
        if (!Double.isFinite(unservedAll)) {
            err.println("$.requests: no answer with a finite cost (the unserved penalties overflow)");
            return 3;
        }
        if (targetGap >= 0.0) {
            limit = limit.withTargetGap(targetGap);
        }
        PrintStream progress = err;
        ClearingResult result = new Clearer(limit, quiet ? line -> {} : progress::println).clear(problem);
        if (!Double.isFinite(result.costEur())) {
            err.println("cost: no answer with a finite cost");
            return 3;
        }
        out.println(new ResultWriter().write(result));
        out.flush();
        return 0;
    }
}
