package io.flexledger.agents.cems.model;

import java.util.List;
import java.util.Objects;

/**
 * One home's day as the CEMS sees it (formats/README.md section 1, {@code kind: home-day}).
 *
 * <p>Powers are kW averaged over a slot, energies kWh, prices EUR/kWh. Arrays indexed by slot have
 * exactly {@code slots} entries. The record does not copy its arrays: treat them as read-only; like
 * every record with array components, its {@code equals} compares arrays by identity (compare the
 * JSON of {@code HomeDayJson.write} for value equality).
 *
 * @param id identifier echoed in the result
 * @param slotMinutes length of one slot in minutes
 * @param slots number of slots in the day
 * @param importPrice EUR/kWh paid for imported energy, per slot
 * @param exportPrice EUR/kWh received for exported energy, per slot (never above the import price)
 * @param maxImportKw hard import limit of the connection
 * @param maxExportKw hard export limit of the connection
 * @param baseLoadKw inflexible demand per slot
 * @param pvKw available PV power per slot (may be curtailed)
 * @param battery the home battery, or {@code null} when there is none
 * @param ev the electric vehicle, or {@code null} when there is none
 * @param deferrable appliances that run once, uninterrupted, inside a window (never null)
 * @param interruptible loads that need an energy within a window at any power up to a limit (never null)
 */
public record HomeDay(
        String id,
        int slotMinutes,
        int slots,
        double[] importPrice,
        double[] exportPrice,
        double maxImportKw,
        double maxExportKw,
        double[] baseLoadKw,
        double[] pvKw,
        Battery battery,
        Ev ev,
        List<Deferrable> deferrable,
        List<Interruptible> interruptible) {

    /** Normalises absent device lists to empty lists. */
    public HomeDay {
        Objects.requireNonNull(id, "id");
        deferrable = deferrable == null ? List.of() : List.copyOf(deferrable);
        interruptible = interruptible == null ? List.of() : List.copyOf(interruptible);
    }

    /** Length of one slot in hours ({@code slotMinutes / 60}). */
    public double hoursPerSlot() {
        return slotMinutes / 60.0;
    }

    /**
     * A stationary battery.
     *
     * @param capacityKwh usable capacity, upper SoC bound
     * @param maxChargeKw charging power limit (grid side)
     * @param maxDischargeKw discharging power limit (grid side)
     * @param chargeEfficiency fraction of charged energy stored, in (0, 1]
     * @param dischargeEfficiency fraction of stored energy delivered, in (0, 1]
     * @param initialSocKwh state of charge at the start of slot 0
     * @param minSocKwh lower SoC bound at every slot boundary
     * @param finalSocKwh SoC at the end of the day must be at least this
     */
    public record Battery(
            double capacityKwh,
            double maxChargeKw,
            double maxDischargeKw,
            double chargeEfficiency,
            double dischargeEfficiency,
            double initialSocKwh,
            double minSocKwh,
            double finalSocKwh) {}

    /**
     * An electric vehicle that charges only in {@code [arrivalSlot, departureSlot)}.
     *
     * @param arrivalSlot first slot it can charge
     * @param departureSlot first slot it is gone (exclusive end of the window)
     * @param energyKwh energy it must receive, exactly
     * @param maxChargeKw charging power limit
     */
    public record Ev(int arrivalSlot, int departureSlot, double energyKwh, double maxChargeKw) {}

    /**
     * An appliance that runs exactly once, uninterrupted, with a fixed power profile.
     *
     * @param name unique among the deferrables of the home
     * @param profileKw power in each slot of the run, starting at the start slot
     * @param earliestStartSlot the run may not start before this slot
     * @param latestEndSlot the run must end by this slot (start + profile length &lt;= latestEndSlot)
     */
    public record Deferrable(String name, double[] profileKw, int earliestStartSlot, int latestEndSlot) {

        /** Number of slots the run lasts. */
        public int length() {
            return profileKw.length;
        }
    }

    /**
     * A load that needs exactly {@code energyKwh} at any power in {@code [0, maxKw]} inside
     * {@code [earliestSlot, latestSlot)}.
     *
     * @param name unique among the interruptibles of the home
     * @param energyKwh energy to deliver, exactly
     * @param maxKw power limit
     * @param earliestSlot first slot of the window
     * @param latestSlot exclusive end of the window
     */
    public record Interruptible(String name, double energyKwh, double maxKw, int earliestSlot, int latestSlot) {}
}
