package io.flexledger.tools.chaos;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every acknowledged record against what the ledger or the database holds: lost (acknowledged, not
 * there), duplicated (there more than once, or there with other content than acknowledged).
 */
public final class Reconciliation {
    private Reconciliation() {}

    /**
     * The outcome for one kind of record.
     *
     * @param acknowledged records the clients were told were taken
     * @param found of those, found exactly once with the acknowledged content
     * @param lost acknowledged but not found
     * @param duplicated found more than once, or found with content other than acknowledged
     */
    public record Outcome(int acknowledged, int found, List<String> lost, List<String> duplicated) {
        /** Whether nothing was lost or duplicated. */
        public boolean clean() {
            return lost.isEmpty() && duplicated.isEmpty();
        }
    }

    /**
     * Compares acknowledged records (key to content) with stored ones (key and content, one entry per
     * stored copy). Stored records nobody acknowledged (a try whose answer was lost) are not errors.
     */
    public static Outcome of(Map<String, String> acknowledged, Collection<Map.Entry<String, String>> stored) {
        Map<String, List<String>> byKey = new HashMap<>();
        for (var e : stored) {
            byKey.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
        }
        List<String> lost = new ArrayList<>();
        List<String> duplicated = new ArrayList<>();
        int found = 0;
        for (var e : acknowledged.entrySet()) {
            List<String> copies = byKey.getOrDefault(e.getKey(), List.of());
            if (copies.isEmpty()) {
                lost.add(e.getKey());
            } else if (copies.size() > 1) {
                duplicated.add(e.getKey() + " (" + copies.size() + " copies)");
            } else if (!copies.get(0).equals(e.getValue())) {
                duplicated.add(e.getKey() + " (stored " + copies.get(0) + ", acknowledged " + e.getValue() + ")");
            } else {
                found++;
            }
        }
        lost.sort(null);
        duplicated.sort(null);
        return new Outcome(acknowledged.size(), found, lost, duplicated);
    }
}
