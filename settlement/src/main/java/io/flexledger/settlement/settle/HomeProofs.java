package io.flexledger.settlement.settle;

import io.flexledger.client.reading.DayReadings;
import io.flexledger.contract.codec.SettlementRecords.ProvenReading;
import io.flexledger.domain.metering.MeterReading;
import io.flexledger.settlement.ledger.MarketLedger;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A home's signed meter readings of some slots of a day with their Merkle proofs, from the device
 * bridge, as the ledger's settlements take them: one reading of a registered meter of the home per slot,
 * in the bridge's order. Shared by the settlement of DSO orders and of community members.
 */
final class HomeProofs {
    private HomeProofs() {}

    /** The readings of {@code slots}; throws {@link IllegalStateException} naming what is missing. */
    static List<ProvenReading> readings(MarketLedger ledger, LocalDate day, String assetId, Set<Integer> slots) {
        Set<String> meters = new HashSet<>(ledger.meters(assetId));
        if (meters.isEmpty()) {
            throw new IllegalStateException("home " + assetId + " has no registered meter");
        }
        DayReadings home;
        try {
            home = ledger.readings(day, assetId);
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new IllegalStateException(
                    "the bridge's readings of " + assetId + " are not valid: " + e.getMessage(), e);
        }
        List<ProvenReading> readings = new ArrayList<>();
        Set<Integer> covered = new HashSet<>();
        for (ProvenReading r : home.readings()) {
            MeterReading reading = r.reading();
            int slot = reading.slot();
            if (meters.contains(reading.deviceId()) && slots.contains(slot) && covered.add(slot)) {
                readings.add(r);
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
