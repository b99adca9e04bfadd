package io.flexledger.clearing.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * A clearing result (formats README section 2).
 *
 * @param id the problem id
 * @param costEur procurement cost plus unserved penalty, EUR
 * @param accepted every offer with a fraction above zero, by offer id, in input order
 * @param unservedKw the unserved kW of every request, by request id, in input order
 * @param solveMillis wall time of the solve
 * @param lowerBoundEur a proven lower bound on the cost of every feasible answer, EUR, at most
 *     {@code costEur}; empty when the solve proved none (the result's optional {@code lowerBound})
 */
public record ClearingResult(
        String id,
        double costEur,
        Map<String, Double> accepted,
        Map<String, Double> unservedKw,
        long solveMillis,
        OptionalDouble lowerBoundEur) {

    public ClearingResult {
        accepted = Collections.unmodifiableMap(new LinkedHashMap<>(accepted));
        unservedKw = Collections.unmodifiableMap(new LinkedHashMap<>(unservedKw));
        if (lowerBoundEur.isPresent()
                && (Double.isNaN(lowerBoundEur.getAsDouble()) || lowerBoundEur.getAsDouble() > costEur)) {
            throw new IllegalArgumentException(
                    "lower bound " + lowerBoundEur.getAsDouble() + " is not a number at most the cost " + costEur);
        }
    }

    /** A result without a proven bound. */
    public ClearingResult(
            String id, double costEur, Map<String, Double> accepted, Map<String, Double> unservedKw, long solveMillis) {
        this(id, costEur, accepted, unservedKw, solveMillis, OptionalDouble.empty());
    }

    /**
     * The proven gap, percent: {@code 100 * (cost - lowerBound) / max(|lowerBound|, 1 EUR)}, the
     * normalisation of the format's optimality gap (the result's optional {@code provenGapPct}); empty
     * without a bound.
     */
    public OptionalDouble provenGapPct() {
        if (lowerBoundEur.isEmpty() || Double.isInfinite(lowerBoundEur.getAsDouble())) {
            return OptionalDouble.empty();
        }
        double lb = lowerBoundEur.getAsDouble();
        return OptionalDouble.of(100.0 * (costEur - lb) / Math.max(Math.abs(lb), 1.0));
    }
}
