package io.flexledger.settlement.settle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.flexledger.client.reading.ReadingCodec;
import io.flexledger.domain.metering.MeterReading;
import io.flexledger.settlement.ledger.HomeReadings;
import io.flexledger.settlement.ledger.LedgerRecords;
import io.flexledger.settlement.ledger.MarketLedger;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A home's signed meter readings of some slots of a day with their Merkle proofs, from the device
 * bridge, as the ledger's settlements take them: one reading of a registered meter of the home per slot,
 * in the bridge's order. Shared by the settlement of DSO orders and of community members.
 */
final class HomeProofs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HomeProofs() {}

    /** The readings of {@code slots}; throws {@link IllegalStateException} naming what is missing. */
    static ArrayNode readings(MarketLedger ledger, LocalDate day, String assetId, Set<Integer> slots) {
        Set<String> meters = new HashSet<>(ledger.meters(assetId));
        if (meters.isEmpty()) {
            throw new IllegalStateException("home " + assetId + " has no registered meter");
        }
        HomeReadings home;
        try {
            home = LedgerRecords.homeReadings(ledger.readings(day, assetId));
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new IllegalStateException(
                    "the bridge's readings of " + assetId + " are not valid: " + e.getMessage(), e);
        }
        ArrayNode readings = JSON.createArrayNode();
        Set<Integer> covered = new HashSet<>();
        for (HomeReadings.ProvenReading r : home.readings()) {
            MeterReading reading = r.signed().reading();
            int slot = reading.slot();
            if (meters.contains(reading.deviceId()) && slots.contains(slot) && covered.add(slot)) {
                readings.add(ReadingCodec.toJson(r.signed(), r.proof()));
            }
        }
        List<Integer> missing =
                slots.stream().filter(slot -> !covered.contains(slot)).sorted().toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("no meter reading of " + assetId + " for slot(s) " + missing);
        }
        return readings;
    }
}
