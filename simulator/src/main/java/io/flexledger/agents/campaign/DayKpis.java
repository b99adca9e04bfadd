package io.flexledger.agents.campaign;

import io.flexledger.agents.aggregator.AggregatorAgent;
import io.flexledger.agents.aggregator.CemsAgent;
import io.flexledger.agents.aggregator.Schedule;
import io.flexledger.agents.dso.GridDay;
import io.flexledger.agents.scenario.Scenario;
import io.flexledger.agents.scenario.TypicalDay;
import io.flexledger.clearing.model.Offer;
import io.flexledger.clearing.model.Request;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The KPIs of one scenario-day. "Before" is the homes' optimised schedules (the baseline the DSO
 * forecasts), "after" is what they run once the ordered flexibility is applied; "uncontrolled" is the
 * same day without any CEMS (for context).
 *
 * @param scenario scenario number
 * @param day typical-day number
 * @param homes number of homes
 * @param peakUncontrolledKva transformer peak without CEMS, kVA
 * @param peakBeforeKva transformer peak on the baseline, kVA
 * @param peakAfterKva transformer peak after flexibility, kVA
 * @param peakLoadingBeforePct highest transformer loading (worst phase current over rating) on the
 *     baseline, percent
 * @param peakLoadingAfterPct the same after flexibility, percent
 * @param energyBeforeKvah apparent energy through the transformer on the baseline, kVAh
 * @param energyAfterKvah apparent energy through the transformer after flexibility, kVAh
 * @param congestedSlotsBefore slots with any congestion (transformer, cable or voltage) on the baseline
 * @param congestedSlotsAfter the same after flexibility
 * @param overloadSlotsBefore slots with the transformer over its rating on the baseline
 * @param overloadSlotsAfter the same after flexibility
 * @param voltageSlotsBefore slots with a voltage outside 0.94-1.10 pu on the baseline
 * @param voltageSlotsAfter the same after flexibility
 * @param billBeforeEur the homes' energy bills on the baseline, EUR
 * @param billAfterEur the homes' energy bills after flexibility, EUR (before flexibility payments)
 * @param paymentsEur what the homes were paid for delivered flexibility, EUR
 * @param pvUsedKwh PV produced after curtailment on the baseline, kWh
 * @param selfConsumedBeforeKwh PV consumed on site on the baseline (PV used minus export), kWh
 * @param pvUsedAfterKwh PV produced after flexibility, kWh
 * @param selfConsumedAfterKwh PV consumed on site after flexibility, kWh
 * @param requestedKwh flexibility the DSO requested, kWh
 * @param offers number of offers
 * @param offeredKwh flexibility offered: the largest offer of each home at each point, kWh
 * @param orderedKwh flexibility ordered (accepted fraction times offer energy), kWh
 * @param unservedKwh requested flexibility left unserved, kWh
 * @param procurementEur what the DSO paid for the flexibility (clearing cost without penalties), EUR
 * @param orders number of orders
 */
public record DayKpis(
        int scenario,
        int day,
        int homes,
        double peakUncontrolledKva,
        double peakBeforeKva,
        double peakAfterKva,
        double peakLoadingBeforePct,
        double peakLoadingAfterPct,
        double energyBeforeKvah,
        double energyAfterKvah,
        int congestedSlotsBefore,
        int congestedSlotsAfter,
        int overloadSlotsBefore,
        int overloadSlotsAfter,
        int voltageSlotsBefore,
        int voltageSlotsAfter,
        double billBeforeEur,
        double billAfterEur,
        double paymentsEur,
        double pvUsedKwh,
        double selfConsumedBeforeKwh,
        double pvUsedAfterKwh,
        double selfConsumedAfterKwh,
        double requestedKwh,
        int offers,
        double offeredKwh,
        double orderedKwh,
        double unservedKwh,
        double procurementEur,
        int orders) {

    /** The KPIs of a day from its agents, power flows and markets. */
    public static DayKpis of(
            Scenario scenario,
            TypicalDay day,
            List<CemsAgent> agents,
            GridDay uncontrolled,
            GridDay before,
            GridDay after,
            List<DayRun.Market> markets) {
        double h = agents.get(0).day().hoursPerSlot();
        double billBefore = 0;
        double billAfter = 0;
        double payments = 0;
        double[] pvBefore = new double[2];
        double[] pvAfter = new double[2];
        for (CemsAgent a : agents) {
            billBefore += a.planned().billEur();
            billAfter += a.operated().billEur();
            payments += a.paymentsEur();
            add(pvBefore, selfConsumption(a.planned(), h));
            add(pvAfter, selfConsumption(a.operated(), h));
        }
        double requested = 0;
        double offered = 0;
        double ordered = 0;
        double unserved = 0;
        double procurement = 0;
        int offers = 0;
        int orders = 0;
        for (DayRun.Market m : markets) {
            double mh = m.problem().slotHours();
            for (Request r : m.problem().requests()) {
                requested += r.kw() * mh;
                unserved += m.result().unservedKw().getOrDefault(r.id(), 0.0) * mh;
            }
            offers += m.problem().offers().size();
            offered += largestPerAsset(m.problem().offers(), mh);
            for (Offer o : m.problem().offers()) {
                double f = m.result().accepted().getOrDefault(o.id(), 0.0);
                // procurement: accepted fraction times price times offered energy
                procurement += f * o.priceEurPerKwh() * mh * o.totalKw();
            }
            for (AggregatorAgent.Order o : m.orders()) {
                ordered += o.energyKwh();
                orders++;
            }
        }
        return new DayKpis(
                scenario.number(),
                day.number(),
                agents.size(),
                uncontrolled.peakKva(),
                before.peakKva(),
                after.peakKva(),
                peakLoading(before),
                peakLoading(after),
                before.energyKvah(h),
                after.energyKvah(h),
                count(before, Kind.ANY),
                count(after, Kind.ANY),
                count(before, Kind.TRANSFORMER),
                count(after, Kind.TRANSFORMER),
                count(before, Kind.VOLTAGE),
                count(after, Kind.VOLTAGE),
                billBefore,
                billAfter,
                payments,
                pvBefore[0],
                pvBefore[1],
                pvAfter[0],
                pvAfter[1],
                requested,
                offers,
                offered,
                ordered,
                unserved,
                procurement,
                orders);
    }

    /** {PV used, PV consumed on site} of a schedule, kWh: on site is PV used minus export, per slot. */
    static double[] selfConsumption(Schedule s, double h) {
        double used = 0;
        double onSite = 0;
        for (int t = 0; t < s.slots(); t++) {
            used += s.pvUsedKw()[t] * h;
            // export beyond PV (a battery emptying into the grid) does not count against PV
            onSite += Math.max(0, s.pvUsedKw()[t] - s.exportKw()[t]) * h;
        }
        return new double[] {used, onSite};
    }

    /** The sum over assets of each asset's largest offer energy, kWh (a home's offers are alternatives). */
    static double largestPerAsset(List<Offer> offers, double h) {
        Map<String, Double> best = new HashMap<>();
        for (Offer o : offers) {
            best.merge(o.asset(), o.totalKw() * h, Math::max);
        }
        double sum = 0;
        for (double v : best.values()) {
            sum += v;
        }
        return sum;
    }

    enum Kind {
        ANY,
        TRANSFORMER,
        VOLTAGE
    }

    static int count(GridDay g, Kind kind) {
        int c = 0;
        for (int t = 0; t < g.slots(); t++) {
            boolean hit = switch (kind) {
                case ANY -> g.congested(t);
                case TRANSFORMER -> g.transformerOverloaded(t);
                case VOLTAGE -> g.voltageViolated(t);
            };
            c += hit ? 1 : 0;
        }
        return c;
    }

    static double peakLoading(GridDay g) {
        double m = 0;
        for (int t = 0; t < g.slots(); t++) {
            m = Math.max(m, g.transformerLoadingPct(t));
        }
        return m;
    }

    private static void add(double[] acc, double[] v) {
        acc[0] += v[0];
        acc[1] += v[1];
    }
}
