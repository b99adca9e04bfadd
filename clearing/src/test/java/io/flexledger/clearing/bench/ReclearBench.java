package io.flexledger.clearing.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.clearing.io.ProblemParser;
import io.flexledger.clearing.io.ResultWriter;
import io.flexledger.clearing.model.ClearingProblem;
import io.flexledger.clearing.model.ClearingResult;
import io.flexledger.clearing.model.Offer;
import io.flexledger.clearing.solver.Clearer;
import io.flexledger.clearing.solver.ClearingSession;
import io.flexledger.clearing.solver.SearchLimit;
import io.flexledger.clearing.testing.Formats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Warm re-clearing against a cold solve of the same length: opens a session on a generated instance,
 * then alternates revoking the most used accepted offer and adding a new offer (a copy of an accepted
 * offer's slots and kW on a new asset at the same congestion point, 10 % cheaper). After each change:
 * the re-clearing's time and cost, the cost of a cold {@link Clearer} run given as many seconds as the
 * re-clearing took, on the same changed order book (after any cold clearing the re-clearing left running
 * has ended), and the answer's proven gap. Each result, with the
 * changed problem, goes through the checker when one is given.
 *
 * <p>Arguments: {@code ID HOMES SEED COLD_SECONDS CHANGES OUT_DIR [CHECK]}; with the system property
 * {@code reclear.steps=N}, step-limited as described at {@link #run(String, int, long, double, int, Path,
 * String, long)}.
 */
public final class ReclearBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReclearBench() {}

    /** One re-clearing's figures. */
    public record Row(
            String change, long warmMs, double warmCost, double coldCost, double provenGapPct, String check) {}

    public static void main(String[] args) throws Exception {
        List<Row> rows = run(
                args[0],
                Integer.parseInt(args[1]),
                Long.parseLong(args[2]),
                Double.parseDouble(args[3]),
                Integer.parseInt(args[4]),
                Path.of(args[5]),
                args.length > 6 ? args[6] : null,
                Long.getLong("reclear.steps", 0L));
        print(args[0], rows);
    }

    static List<Row> run(String id, int homes, long seed, double coldSeconds, int changes, Path out, String check)
            throws Exception {
        return run(id, homes, seed, coldSeconds, changes, out, check, 0);
    }

    /**
     * As above; with {@code steps > 0} the session (opening and re-clearings) and each cold solve run that
     * many search steps instead of a time (reproducible: the warm/cold ratios do not depend on the machine's
     * load).
     */
    static List<Row> run(
            String id, int homes, long seed, double coldSeconds, int changes, Path out, String check, long steps)
            throws Exception {
        Files.createDirectories(out);
        ObjectNode book = (ObjectNode) JSON.readTree(InstanceGenerator.generate(id, homes, seed));
        ClearingProblem problem = new ProblemParser().parse(JSON.writeValueAsString(book));
        SearchLimit limit = steps > 0
                ? SearchLimit.steps(steps)
                : coldSeconds > 0 ? SearchLimit.seconds(coldSeconds) : SearchLimit.standard();
        List<Row> rows = new ArrayList<>();
        Set<String> revoked = new HashSet<>();
        try (ClearingSession session = ClearingSession.open(problem, limit)) {
            session.settled();
            System.out.printf(
                    "%s: %d offers, opened cold: cost %.6f, proven gap %.3f %%, %d ms; re-clearing aims at %d ms%n",
                    id,
                    problem.offers().size(),
                    session.current().costEur(),
                    session.current().provenGapPct().orElse(Double.NaN),
                    session.current().solveMillis(),
                    ClearingSession.defaultReclearMillis(problem.offers().size()));
            for (int k = 0; k < changes; k++) {
                ClearingResult before = session.current();
                ClearingResult after;
                String change;
                if (k % 2 == 0) {
                    String victim = mostUsed(before.accepted(), revoked);
                    revoked.add(victim);
                    change = "revoke " + victim;
                    after = session.revoke(victim);
                } else {
                    Offer model = session.problem()
                            .offers()
                            .get(offerIndex(session.problem(), mostUsed(before.accepted(), revoked)));
                    ObjectNode added = newOffer(book, model, k);
                    ((ArrayNode) book.get("offers")).add(added);
                    ClearingProblem grown = new ProblemParser().parse(JSON.writeValueAsString(book));
                    Offer offer = grown.offers().get(grown.offers().size() - 1);
                    change = "add " + offer.id();
                    after = session.offer(offer);
                }
                // a cold clearing the re-clearing left running in the background is waited for (and taken
                // in for the next change) before the cold solve, which thus has the machine to itself
                session.awaitReclear();
                ClearingProblem now = withoutRevoked(book, revoked);
                double seconds = Math.max(0.01, after.solveMillis() / 1000.0);
                ClearingResult cold = new Clearer(
                                steps > 0 ? SearchLimit.steps(steps) : SearchLimit.seconds(seconds), line -> {})
                        .clear(now);
                String verdict = "(not run)";
                if (after.accepted().keySet().stream().anyMatch(revoked::contains)) {
                    verdict = "REVOKED OFFER STILL ACCEPTED";
                } else if (check != null) {
                    Path problemFile = out.resolve(id + ".reclear-" + k + ".json");
                    Path resultFile = out.resolve(id + ".reclear-" + k + ".result.json");
                    Files.writeString(problemFile, JSON.writeValueAsString(withoutRevokedNode(book, revoked)));
                    Files.writeString(resultFile, new ResultWriter().write(after) + "\n");
                    String text = Formats.python(check, problemFile.toString(), resultFile.toString(), "--strict");
                    verdict = text.length() > 40 ? text.substring(0, 40) : text;
                }
                rows.add(new Row(
                        change,
                        after.solveMillis(),
                        after.costEur(),
                        cold.costEur(),
                        after.provenGapPct().orElse(Double.NaN),
                        verdict));
            }
        }
        return rows;
    }

    static void print(String id, List<Row> rows) {
        System.out.printf(
                "%-16s %8s %14s %14s %9s %9s | %s%n",
                "change", "warm ms", "warm cost", "cold cost", "warm/cold", "proven %", "check --strict");
        for (Row r : rows) {
            System.out.printf(
                    "%-16s %8d %14.6f %14.6f %9.5f %9.3f | %s%n",
                    r.change(),
                    r.warmMs(),
                    r.warmCost(),
                    r.coldCost(),
                    r.warmCost() / r.coldCost(),
                    r.provenGapPct(),
                    r.check());
        }
        System.out.println(summary(id, rows));
    }

    /** One line: the median re-clearing time and the median and worst warm/cold cost ratio. */
    static String summary(String id, List<Row> rows) {
        long[] ms = rows.stream().mapToLong(Row::warmMs).sorted().toArray();
        double[] ratio = rows.stream()
                .mapToDouble(r -> r.warmCost() / r.coldCost())
                .sorted()
                .toArray();
        long bad = rows.stream()
                .filter(r -> !r.check().startsWith("OK") && !r.check().equals("(not run)"))
                .count();
        return String.format(
                "%s re-clearing: median %d ms (min %d, max %d) over %d changes; warm/cold cost median %.5f"
                        + " (best %.5f, worst %.5f); %d failed the checker",
                id,
                ms[ms.length / 2],
                ms[0],
                ms[ms.length - 1],
                ms.length,
                ratio[ratio.length / 2],
                ratio[0],
                ratio[ratio.length - 1],
                bad);
    }

    private static String mostUsed(Map<String, Double> accepted, Set<String> revoked) {
        return accepted.entrySet().stream()
                .filter(e -> !revoked.contains(e.getKey()))
                .max(Map.Entry.<String, Double>comparingByValue().thenComparing(Map.Entry::getKey))
                .orElseThrow()
                .getKey();
    }

    private static int offerIndex(ClearingProblem p, String id) {
        for (int o = 0; o < p.offers().size(); o++) {
            if (p.offers().get(o).id().equals(id)) {
                return o;
            }
        }
        throw new IllegalArgumentException(id);
    }

    private static ObjectNode newOffer(ObjectNode book, Offer model, int k) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", "new-" + k);
        o.put("aggregator", model.aggregator());
        o.put("congestionPoint", model.congestionPoint());
        o.put("asset", "new-asset-" + k);
        ObjectNode kw = o.putObject("kwBySlot");
        for (int i = 0; i < model.slots().length; i++) {
            kw.put(Integer.toString(model.slots()[i]), model.kw()[i]);
        }
        o.put("price", Math.round(model.priceEurPerKwh() * 0.9 * 1e4) / 1e4);
        o.put("minActivation", model.minActivation());
        return o;
    }

    private static JsonNode withoutRevokedNode(ObjectNode book, Set<String> revoked) {
        ObjectNode copy = book.deepCopy();
        ArrayNode kept = JSON.createArrayNode();
        for (JsonNode o : book.get("offers")) {
            if (!revoked.contains(o.get("id").asText())) {
                kept.add(o);
            }
        }
        copy.set("offers", kept);
        return copy;
    }

    private static ClearingProblem withoutRevoked(ObjectNode book, Set<String> revoked) throws Exception {
        return new ProblemParser().parse(JSON.writeValueAsString(withoutRevokedNode(book, revoked)));
    }
}
