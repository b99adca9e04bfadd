package io.flexledger.clearing.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.clearing.bench.InstanceGenerator;
import io.flexledger.clearing.core.Evaluation;
import io.flexledger.clearing.io.ProblemParser;
import io.flexledger.clearing.io.ResultWriter;
import io.flexledger.clearing.model.ClearingProblem;
import io.flexledger.clearing.model.ClearingResult;
import io.flexledger.clearing.model.Offer;
import io.flexledger.clearing.testing.Formats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Warm re-clearing after one revoked or one new offer; step-limited, so every run is reproducible. */
class ClearingSessionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static ObjectNode book(int homes, long seed) throws Exception {
        return (ObjectNode) JSON.readTree(InstanceGenerator.generate("g", homes, seed));
    }

    private static ClearingProblem parse(ObjectNode book) throws Exception {
        return new ProblemParser().parse(JSON.writeValueAsString(book));
    }

    // Adds an offer to the book (JSON) and returns it as parsed.
    private static Offer add(ObjectNode book, String id, String point, String asset, int slot, double kw, double price)
            throws Exception {
        ObjectNode o = ((ArrayNode) book.get("offers")).addObject();
        o.put("id", id);
        o.put("aggregator", "agr-new");
        o.put("congestionPoint", point);
        o.put("asset", asset);
        o.putObject("kwBySlot").put(Integer.toString(slot), kw);
        o.put("price", price);
        o.put("minActivation", 0.0);
        ClearingProblem grown = parse(book);
        return grown.offers().get(grown.offers().size() - 1);
    }

    private static double[] fractions(ClearingProblem problem, ClearingResult result) {
        double[] f = new double[problem.offers().size()];
        for (int o = 0; o < f.length; o++) {
            f[o] = result.accepted().getOrDefault(problem.offers().get(o).id(), 0.0);
        }
        return f;
    }

    private static void assertFeasibleWithBound(ClearingProblem problem, ClearingResult result) {
        assertThat(Evaluation.violation(problem, fractions(problem, result))).isNull();
        assertThat(result.lowerBoundEur()).isPresent();
        double lb = result.lowerBoundEur().getAsDouble();
        assertThat(lb).isLessThanOrEqualTo(result.costEur());
        assertThat(result.provenGapPct().getAsDouble())
                .isCloseTo(100.0 * (result.costEur() - lb) / Math.max(Math.abs(lb), 1.0), within(1e-9));
    }

    private static String mostUsed(ClearingResult result) {
        return result.accepted().entrySet().stream()
                .max(Map.Entry.<String, Double>comparingByValue().thenComparing(Map.Entry::getKey))
                .orElseThrow()
                .getKey();
    }

    @Test
    void anOpenedSessionAnswersAtOnceAndItsColdClearingIsNoDearer() throws Exception {
        ClearingProblem problem = parse(book(20, 5));
        try (ClearingSession session = ClearingSession.open(problem, SearchLimit.steps(100))) {
            ClearingResult first = session.current();
            assertFeasibleWithBound(problem, first);
            ClearingResult cold = session.settled();
            assertFeasibleWithBound(problem, cold);
            assertThat(cold.costEur()).isLessThanOrEqualTo(first.costEur() + 1e-9);
        }
    }

    @Test
    void aReclearAfterARevocationNeverKeepsTheRevokedOffer() throws Exception {
        ClearingProblem problem = parse(book(20, 5));
        try (ClearingSession session = ClearingSession.open(problem, SearchLimit.steps(100))) {
            for (int k = 0; k < 4; k++) {
                String victim = mostUsed(session.settled());
                ClearingResult after = session.revoke(victim);
                assertThat(after.accepted()).doesNotContainKey(victim);
                assertFeasibleWithBound(problem, after);
            }
        }
    }

    @Test
    void aReclearAfterANewOfferMayUseIt() throws Exception {
        ObjectNode book = book(20, 5);
        ClearingProblem problem = parse(book);
        try (ClearingSession session = ClearingSession.open(problem, SearchLimit.steps(100))) {
            // nearly free and large: any clearing that can use it, does
            Offer cheap = add(book, "new-cheap", "TX1", "new-asset", 73, 40.0, 0.0001);
            ClearingResult after = session.offer(cheap);
            assertThat(after.accepted()).containsKey("new-cheap");
            ClearingProblem grown = parse(book);
            assertFeasibleWithBound(grown, after);
            // the bound of the grown book is evaluated anew: still below a cold clearing of it
            ClearingResult cold = new Clearer(SearchLimit.steps(500), line -> {}).clear(grown);
            assertThat(after.lowerBoundEur().getAsDouble()).isLessThanOrEqualTo(cold.costEur() + 1e-9);
        }
    }

    @Test
    void aReclearIsNeverWorseThanThePreviousAnswerWhenNothingRelevantChanged() throws Exception {
        ObjectNode book = book(20, 5);
        ClearingProblem problem = parse(book);
        try (ClearingSession session = ClearingSession.open(problem, SearchLimit.steps(100))) {
            ClearingResult before = session.settled();
            String unused = problem.offers().stream()
                    .map(Offer::id)
                    .filter(id -> !before.accepted().containsKey(id))
                    .findFirst()
                    .orElseThrow();
            ClearingResult afterRevoke = session.revoke(unused);
            assertThat(afterRevoke.costEur()).isLessThanOrEqualTo(before.costEur() + 1e-9);
            // far too dear to be worth anything
            Offer dear = add(book, "new-dear", "TX1", "new-asset", 73, 5.0, 1000.0);
            ClearingResult afterDear = session.offer(dear);
            assertThat(afterDear.accepted()).doesNotContainKey("new-dear");
            assertThat(afterDear.costEur()).isLessThanOrEqualTo(afterRevoke.costEur() + 1e-9);
            // at a congestion point without requests
            Offer elsewhere = add(book, "new-elsewhere", "NOWHERE", "new-asset-2", 73, 5.0, 0.01);
            ClearingResult afterElsewhere = session.offer(elsewhere);
            assertThat(afterElsewhere.accepted()).doesNotContainKey("new-elsewhere");
            assertThat(afterElsewhere.costEur()).isLessThanOrEqualTo(afterDear.costEur() + 1e-9);
            assertFeasibleWithBound(parse(book), afterElsewhere);
        }
    }

    @Test
    void aReclearOnlyTouchesTheComponentOfTheChange() throws Exception {
        // two transformers (184 homes and 6): no asset offers at both, so they are cleared apart
        ClearingProblem problem = parse(book(190, 3));
        try (ClearingSession session = ClearingSession.open(problem, SearchLimit.steps(100))) {
            ClearingResult before = session.settled();
            String victim = before.accepted().keySet().stream()
                    .filter(id -> problem.offers().stream()
                            .anyMatch(o ->
                                    o.id().equals(id) && o.congestionPoint().startsWith("TX2")))
                    .findFirst()
                    .orElseThrow();
            ClearingResult after = session.revoke(victim);
            for (Offer o : problem.offers()) {
                if (o.congestionPoint().startsWith("TX1")) {
                    assertThat(after.accepted().get(o.id()))
                            .as(o.id())
                            .isEqualTo(before.accepted().get(o.id()));
                }
            }
            assertThat(after.accepted()).doesNotContainKey(victim);
            assertFeasibleWithBound(problem, after);
        }
    }

    // The order book without the revoked offers, as a cold clearing reads it.
    private static ClearingProblem without(ObjectNode book, Set<String> revoked) throws Exception {
        ObjectNode copy = book.deepCopy();
        ArrayNode kept = copy.putArray("offers");
        for (var o : book.get("offers")) {
            if (!revoked.contains(o.get("id").asText())) {
                kept.add(o);
            }
        }
        return parse(copy);
    }

    @ParameterizedTest(name = "{0} homes, seed {1}, {2} steps")
    @CsvSource({"33, 7, 100", "33, 8, 100", "24, 9, 100", "20, 5, 200"})
    void aReclearIsNeverDearerThanAColdClearingOfTheSameStepsOfTheChangedBook(int homes, long seed, int steps)
            throws Exception {
        ObjectNode book = book(homes, seed);
        ClearingProblem problem = parse(book);
        Set<String> revoked = new HashSet<>();
        try (ClearingSession session = ClearingSession.open(problem, SearchLimit.steps(steps))) {
            for (int k = 0; k < 6; k++) {
                ClearingResult before = session.settled();
                ClearingResult warm;
                if (k % 2 == 0) {
                    // the most used offer: the change that leaves the largest hole
                    String victim = mostUsed(before);
                    revoked.add(victim);
                    warm = session.revoke(victim);
                } else {
                    // a cheaper copy of the most used offer, on a new asset at the same point
                    String model = mostUsed(before);
                    Offer like = session.problem().offers().stream()
                            .filter(o -> o.id().equals(model))
                            .findFirst()
                            .orElseThrow();
                    int slot = like.slots()[0];
                    warm = session.offer(add(
                            book,
                            "new-" + k,
                            like.congestionPoint(),
                            "new-asset-" + k,
                            slot,
                            like.kw()[0],
                            like.priceEurPerKwh() * 0.9));
                }
                ClearingProblem now = without(book, revoked);
                assertThat(warm.accepted().keySet()).doesNotContainAnyElementsOf(revoked);
                // the cost the answer claims is the cost of what it accepts, in the changed order book
                double[] f = fractions(now, warm);
                assertThat(Evaluation.violation(now, f)).isNull();
                assertThat(warm.costEur())
                        .isCloseTo(Evaluation.costEur(now, f, Evaluation.unservedKw(now, f)), within(1e-9));
                ClearingResult cold = new Clearer(SearchLimit.steps(steps), line -> {}).clear(now);
                assertThat(warm.costEur()).as("change %d", k).isLessThanOrEqualTo(cold.costEur() + 1e-9);
                assertThat(warm.lowerBoundEur().getAsDouble()).isLessThanOrEqualTo(cold.costEur() + 1e-9);
            }
        }
    }

    @Test
    void aColdClearingLeftRunningIsTakenInOnlyIntoTheOrderBookItCleared() throws Exception {
        ObjectNode book = book(33, 7);
        ClearingProblem problem = parse(book);
        // a re-clearing budget of 1 ms: the component's cold clearing (10 ms at least) goes on in the
        // background after each answer
        try (ClearingSession session = ClearingSession.open(problem, SearchLimit.seconds(1), 1)) {
            ClearingResult opened = session.settled();
            String first = mostUsed(opened);
            ClearingResult afterFirst = session.revoke(first);
            assertThat(afterFirst.accepted()).doesNotContainKey(first);
            // the next change comes while that cold clearing (of the book before it) runs: a nearly free
            // offer of the asset of an accepted offer, in one of its slots, so that the two cannot both be
            // sold; the cold clearing's answer, which may sell the old one, must not be taken in after it
            String sibling = mostUsed(afterFirst);
            Offer old = session.problem().offers().stream()
                    .filter(o -> o.id().equals(sibling))
                    .findFirst()
                    .orElseThrow();
            Offer rival =
                    add(book, "new-rival", old.congestionPoint(), old.asset(), old.slots()[0], old.kw()[0], 0.0001);
            ClearingResult afterSecond = session.offer(rival);
            ClearingResult waited = session.awaitReclear();
            Set<String> revoked = Set.of(first);
            ClearingProblem now = without(book, revoked);
            for (ClearingResult r : new ClearingResult[] {afterSecond, waited, session.current()}) {
                assertThat(r.accepted().keySet()).doesNotContainAnyElementsOf(revoked);
                double[] f = fractions(now, r);
                assertThat(Evaluation.violation(now, f)).isNull();
                assertThat(r.costEur())
                        .isCloseTo(Evaluation.costEur(now, f, Evaluation.unservedKw(now, f)), within(1e-9));
                assertThat(r.lowerBoundEur().getAsDouble()).isLessThanOrEqualTo(r.costEur());
            }
            // taking in a cold clearing never makes the answer dearer
            assertThat(waited.costEur()).isLessThanOrEqualTo(afterSecond.costEur() + 1e-9);
            assertFeasibleWithBound(now, waited);
        }
    }

    @Test
    void everyReclearPassesTheStrictChecker() throws Exception {
        Formats.assumeChecker();
        ObjectNode book = book(20, 5);
        ClearingProblem problem = parse(book);
        try (ClearingSession session = ClearingSession.open(problem, SearchLimit.steps(100))) {
            ClearingResult revoked = session.revoke(mostUsed(session.settled()));
            check(book, revoked, "revoked");
            ClearingResult added = session.offer(add(book, "new-1", "F2", "new-asset", 72, 3.0, 0.02));
            check(book, added, "added");
        }
    }

    private void check(ObjectNode book, ClearingResult result, String name) throws Exception {
        Path problemFile = dir.resolve(name + ".json");
        Path resultFile = dir.resolve(name + ".result.json");
        Files.writeString(problemFile, JSON.writeValueAsString(book));
        Files.writeString(resultFile, new ResultWriter().write(result) + "\n");
        assertThat(Formats.check(problemFile, resultFile)).startsWith("OK clearing g");
    }
}
