package io.flexledger.agents.report;

import io.flexledger.agents.campaign.DayKpis;
import io.flexledger.agents.campaign.DayRun;
import java.io.PrintStream;
import java.util.Locale;

/** Prints the short summary of one simulated day. */
public final class DaySummary {

    private DaySummary() {}

    /** Prints the day's KPIs and its markets to {@code out}. */
    public static void print(PrintStream out, DayRun.DayOutcome o, double ratedKva) {
        DayKpis k = o.kpis();
        double h = 0.25;
        out.printf(Locale.ROOT, "scenario s%02d, day d%02d: %d homes%n", k.scenario(), k.day(), k.homes());
        out.printf(
                Locale.ROOT,
                "transformer peak: %.1f kVA uncontrolled, %.1f kVA with CEMS (baseline), %.1f kVA after flexibility"
                        + " (rating %.0f kVA)%n",
                k.peakUncontrolledKva(),
                k.peakBeforeKva(),
                k.peakAfterKva(),
                ratedKva);
        out.printf(
                Locale.ROOT,
                "energy through the transformer: %.0f kVAh baseline, %.0f kVAh after%n",
                k.energyBeforeKvah(),
                k.energyAfterKvah());
        out.printf(
                Locale.ROOT,
                "congested hours: %.2f baseline, %.2f after (transformer %.2f -> %.2f, voltage %.2f -> %.2f)%n",
                k.congestedSlotsBefore() * h,
                k.congestedSlotsAfter() * h,
                k.overloadSlotsBefore() * h,
                k.overloadSlotsAfter() * h,
                k.voltageSlotsBefore() * h,
                k.voltageSlotsAfter() * h);
        out.printf(
                Locale.ROOT,
                "bills: %.2f EUR baseline, %.2f EUR after, %.2f EUR paid to homes for flexibility%n",
                k.billBeforeEur(),
                k.billAfterEur(),
                k.paymentsEur());
        out.printf(
                Locale.ROOT,
                "flexibility: %.1f kWh requested, %d offers (%.1f kWh, largest per home), %.1f kWh ordered"
                        + " in %d orders, %.1f kWh unserved, %.2f EUR procurement%n",
                k.requestedKwh(),
                k.offers(),
                k.offeredKwh(),
                k.orderedKwh(),
                k.orders(),
                k.unservedKwh(),
                k.procurementEur());
        io.flexledger.agents.campaign.CommunityKpis c = o.community();
        if (c != null) {
            out.printf(
                    Locale.ROOT,
                    "community markets: %.1f kWh traded by %d of %d homes, clearing price %s EUR/kWh,"
                            + " homes' gain against the grid %.2f EUR (worst home %.4f EUR);"
                            + " leftover flexibility %.1f of %.1f kWh offered to the DSO, %.1f kWh ordered%n",
                    c.tradedKwh(),
                    c.tradingHomes(),
                    c.homes(),
                    CampaignReport.priceRange(
                            c.priceMinEurPerKwh(), c.priceKwhEur(), c.tradedKwh(), c.priceMaxEurPerKwh()),
                    c.gainEur(),
                    c.worstGainEur(),
                    c.leftoverKwh(),
                    c.askedKwh(),
                    c.leftoverOrderedKwh());
        }
        for (DayRun.Market m : o.markets()) {
            out.printf(
                    Locale.ROOT,
                    "  market %s: %d requests, %d offers, %d accepted, cost %.4f EUR, cleared in %d ms%n",
                    m.point().id(),
                    m.problem().requests().size(),
                    m.problem().offers().size(),
                    m.result().accepted().size(),
                    m.result().costEur(),
                    m.result().solveMillis());
        }
        double[] ms = o.solveMs().clone();
        java.util.Arrays.sort(ms);
        out.printf(
                Locale.ROOT,
                "CEMS solve times: median %.2f ms, p95 %.2f ms, max %.2f ms%n",
                CampaignReport.quantile(ms, 0.5),
                CampaignReport.quantile(ms, 0.95),
                ms[ms.length - 1]);
    }
}
