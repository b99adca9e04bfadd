package io.flexledger.clearing.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A clearing result (formats README section 2).
 *
 * @param id the problem id
 * @param costEur procurement cost plus unserved penalty, EUR
 * @param accepted every offer with a fraction above zero, by offer id, in input order
 * @param unservedKw the unserved kW of every request, by request id, in input order
 * @param solveMillis wall time of the solve
 */
public record ClearingResult(
        String id, double costEur, Map<String, Double> accepted, Map<String, Double> unservedKw, long solveMillis) {

    public ClearingResult {
        accepted = Collections.unmodifiableMap(new LinkedHashMap<>(accepted));
        unservedKw = Collections.unmodifiableMap(new LinkedHashMap<>(unservedKw));
    }
}
