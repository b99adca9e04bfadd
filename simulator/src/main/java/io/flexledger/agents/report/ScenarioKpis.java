package io.flexledger.agents.report;

import io.flexledger.agents.campaign.DayKpis;
import java.util.List;

/**
 * The KPIs of one scenario over its simulated days: peaks are the highest of any day, energies,
 * hours, bills and flexibility are sums over the days (each typical day counted once).
 *
 * @param scenario scenario number
 * @param days number of days
 * @param homes homes per day
 * @param peakUncontrolledKva highest transformer kVA without CEMS
 * @param peakBeforeKva highest transformer kVA on the baseline
 * @param peakAfterKva highest transformer kVA after flexibility
 * @param loadingBeforePct highest transformer loading on the baseline, percent of rating
 * @param loadingAfterPct highest transformer loading after flexibility, percent of rating
 * @param energyBeforeKvah apparent energy through the transformer on the baseline, kVAh
 * @param energyAfterKvah the same after flexibility
 * @param congestedHoursBefore hours with any congestion on the baseline
 * @param congestedHoursAfter the same after flexibility
 * @param overloadHoursBefore hours with the transformer over its rating on the baseline
 * @param overloadHoursAfter the same after flexibility
 * @param voltageHoursBefore hours with a voltage out of band on the baseline
 * @param voltageHoursAfter the same after flexibility
 * @param billBeforeEur the homes' bills on the baseline, EUR
 * @param billAfterEur the homes' bills after flexibility, before payments, EUR
 * @param paymentsEur flexibility payments to the homes, EUR
 * @param pvUsedKwh PV produced on the baseline, kWh
 * @param selfConsumedBeforeKwh PV consumed on site on the baseline, kWh
 * @param pvUsedAfterKwh PV produced after flexibility, kWh
 * @param selfConsumedAfterKwh PV consumed on site after flexibility, kWh
 * @param requestedKwh flexibility requested, kWh
 * @param offeredKwh flexibility offered (largest offer per home and point), kWh
 * @param orderedKwh flexibility ordered, kWh
 * @param unservedKwh requested flexibility left unserved, kWh
 * @param procurementEur what the DSO paid, EUR
 * @param worstDay the day with the highest baseline peak
 */
public record ScenarioKpis(
        int scenario,
        int days,
        int homes,
        double peakUncontrolledKva,
        double peakBeforeKva,
        double peakAfterKva,
        double loadingBeforePct,
        double loadingAfterPct,
        double energyBeforeKvah,
        double energyAfterKvah,
        double congestedHoursBefore,
        double congestedHoursAfter,
        double overloadHoursBefore,
        double overloadHoursAfter,
        double voltageHoursBefore,
        double voltageHoursAfter,
        double billBeforeEur,
        double billAfterEur,
        double paymentsEur,
        double pvUsedKwh,
        double selfConsumedBeforeKwh,
        double pvUsedAfterKwh,
        double selfConsumedAfterKwh,
        double requestedKwh,
        double offeredKwh,
        double orderedKwh,
        double unservedKwh,
        double procurementEur,
        int worstDay) {

    /** Annual growth of the peak assumed by the reinforcement rule (1.5% a year). */
    public static final double PEAK_GROWTH_PER_YEAR = 0.015;

    /** Aggregates the days of one scenario (all with that scenario number, at least one). */
    public static ScenarioKpis of(List<DayKpis> days, double hoursPerSlot) {
        if (days.isEmpty()) {
            throw new IllegalArgumentException("no days");
        }
        int scenario = days.get(0).scenario();
        double pu = 0;
        double pb = 0;
        double pa = 0;
        double lb = 0;
        double la = 0;
        double eb = 0;
        double ea = 0;
        int cb = 0;
        int ca = 0;
        int ob = 0;
        int oa = 0;
        int vb = 0;
        int va = 0;
        double bb = 0;
        double ba = 0;
        double pay = 0;
        double pv = 0;
        double scb = 0;
        double pva = 0;
        double sca = 0;
        double req = 0;
        double off = 0;
        double ord = 0;
        double uns = 0;
        double cost = 0;
        int worst = days.get(0).day();
        for (DayKpis d : days) {
            // every day must belong to the scenario being aggregated
            if (d.scenario() != scenario) {
                throw new IllegalArgumentException("day of scenario " + d.scenario() + " in scenario " + scenario);
            }
            pu = Math.max(pu, d.peakUncontrolledKva());
            if (d.peakBeforeKva() > pb) {
                pb = d.peakBeforeKva();
                worst = d.day();
            }
            pa = Math.max(pa, d.peakAfterKva());
            lb = Math.max(lb, d.peakLoadingBeforePct());
            la = Math.max(la, d.peakLoadingAfterPct());
            eb += d.energyBeforeKvah();
            ea += d.energyAfterKvah();
            cb += d.congestedSlotsBefore();
            ca += d.congestedSlotsAfter();
            ob += d.overloadSlotsBefore();
            oa += d.overloadSlotsAfter();
            vb += d.voltageSlotsBefore();
            va += d.voltageSlotsAfter();
            bb += d.billBeforeEur();
            ba += d.billAfterEur();
            pay += d.paymentsEur();
            pv += d.pvUsedKwh();
            scb += d.selfConsumedBeforeKwh();
            pva += d.pvUsedAfterKwh();
            sca += d.selfConsumedAfterKwh();
            req += d.requestedKwh();
            off += d.offeredKwh();
            ord += d.orderedKwh();
            uns += d.unservedKwh();
            cost += d.procurementEur();
        }
        return new ScenarioKpis(
                scenario,
                days.size(),
                days.get(0).homes(),
                pu,
                pb,
                pa,
                lb,
                la,
                eb,
                ea,
                cb * hoursPerSlot,
                ca * hoursPerSlot,
                ob * hoursPerSlot,
                oa * hoursPerSlot,
                vb * hoursPerSlot,
                va * hoursPerSlot,
                bb,
                ba,
                pay,
                pv,
                scb,
                pva,
                sca,
                req,
                off,
                ord,
                uns,
                cost,
                worst);
    }

    /** The average bill of a home per day on the baseline, EUR. */
    public double billPerHomeDayBeforeEur() {
        return billBeforeEur / (homes * (double) days);
    }

    /** The average net bill of a home per day after flexibility (bill minus payments), EUR. */
    public double netBillPerHomeDayAfterEur() {
        return (billAfterEur - paymentsEur) / (homes * (double) days);
    }

    /** Share of PV consumed on site on the baseline, or NaN without PV. */
    public double selfConsumptionBefore() {
        return pvUsedKwh > 0 ? selfConsumedBeforeKwh / pvUsedKwh : Double.NaN;
    }

    /** Share of PV consumed on site after flexibility, or NaN without PV. */
    public double selfConsumptionAfter() {
        return pvUsedAfterKwh > 0 ? selfConsumedAfterKwh / pvUsedAfterKwh : Double.NaN;
    }

    /**
     * Reinforcement rule: the years of peak growth at {@link #PEAK_GROWTH_PER_YEAR} the transformer
     * still absorbs before its worst-phase loading reaches 100%; 0 when it is already over.
     */
    public static double headroomYears(double loadingPct) {
        if (loadingPct <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        // loading * (1 + g)^years = 100
        return loadingPct >= 100 ? 0 : Math.log(100 / loadingPct) / Math.log(1 + PEAK_GROWTH_PER_YEAR);
    }

    /** Years of reinforcement deferred by flexibility: headroom after minus headroom before (>= 0). */
    public double reinforcementDeferredYears() {
        return Math.max(0, headroomYears(loadingAfterPct) - headroomYears(loadingBeforePct));
    }
}
