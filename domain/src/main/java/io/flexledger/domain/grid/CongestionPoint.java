package io.flexledger.domain.grid;

import io.flexledger.domain.units.Kilowatts;
import io.flexledger.domain.validation.Violations;
import java.util.Optional;

/**
 * A place in the grid where the DSO watches for congestion: the transformer, or one of its feeders.
 *
 * @param id the identifier, e.g. {@code TX1} or {@code TX1-F2}
 * @param kind transformer or feeder
 * @param parentId the transformer a feeder hangs from; null for a transformer
 * @param capacityKw the loading limit at this point
 */
public record CongestionPoint(String id, CongestionPointKind kind, String parentId, Kilowatts capacityKw) {
    public CongestionPoint {
        Violations v = new Violations();
        v.id(id, "id");
        v.present(kind, "kind");
        if (kind == CongestionPointKind.FEEDER) {
            // A feeder always hangs from a transformer.
            v.id(parentId, "parentId");
        } else if (kind == CongestionPointKind.TRANSFORMER) {
            // A transformer is the root of its grid.
            v.check(parentId == null, "parentId", "must be absent for a transformer");
        }
        if (v.present(capacityKw, "capacityKw")) {
            // A limit must be positive to mean anything.
            v.check(capacityKw.value().signum() > 0, "capacityKw", "must be > 0");
        }
        v.throwIfAny();
    }

    /** The parent transformer, if this is a feeder. */
    public Optional<String> parent() {
        return Optional.ofNullable(parentId);
    }
}
