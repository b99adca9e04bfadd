package io.flexledger.domain.participants;

import io.flexledger.domain.units.Kilowatts;
import io.flexledger.domain.validation.Violations;

/**
 * Prosumer-level details of a home: kept in a private data collection shared only by the home's
 * aggregator and the DSO; the public ledger holds only their hash.
 *
 * @param assetId the home's asset id
 * @param address the postal address
 * @param meterId the smart meter's id
 * @param connectionCapacityKw the grid connection's limit
 */
public record HomeDetails(String assetId, String address, String meterId, Kilowatts connectionCapacityKw) {
    public HomeDetails {
        Violations v = new Violations();
        v.id(assetId, "assetId");
        v.text(address, "address", 300);
        v.id(meterId, "meterId");
        if (v.present(connectionCapacityKw, "connectionCapacityKw")) {
            // A connection must be able to carry some power.
            v.check(connectionCapacityKw.value().signum() > 0, "connectionCapacityKw", "must be > 0");
        }
        v.throwIfAny();
    }
}
