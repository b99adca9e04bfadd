package io.flexledger.agents.campaign;

import io.flexledger.agents.aggregator.AggregatorAgent;
import io.flexledger.agents.aggregator.CommunityBook;
import io.flexledger.clearing.community.CommunityDay;
import io.flexledger.clearing.community.CommunityOrder;
import io.flexledger.clearing.community.CommunityResult;
import java.util.List;
import java.util.Map;

/**
 * The community market's (UC2) figures of one scenario-day, over both aggregators (decision 0006, "The
 * community market").
 *
 * @param tradedKwh energy traded inside the communities (bought = sold)
 * @param pricedSlots aggregator-slots with trades
 * @param priceMinEurPerKwh the lowest clearing price of a slot with trades (NaN: no trade)
 * @param priceMaxEurPerKwh the highest one (NaN: no trade)
 * @param priceKwhEur the clearing prices times the kWh traded at them (for the kWh-weighted mean)
 * @param homes the homes of the day
 * @param tradingHomes the homes that traded
 * @param gainEur the homes' gain against trading with the grid alone, summed
 * @param worstGainEur the smallest gain of a home of the day (0 for a home that did not trade)
 * @param worstImbalanceKw the largest |bought - sold| kW of any community slot (0 when conserved)
 * @param askedKwh the downward flexibility the homes put into the communities' books at the DSO markets
 * @param leftoverKwh what the communities' positions left of it for the DSO
 * @param leftoverOrderedKwh what the DSO ordered of the leftover
 * @param clearMillis wall time of the day's community clearings (firm books and flexible asks), ms
 */
public record CommunityKpis(
        double tradedKwh,
        int pricedSlots,
        double priceMinEurPerKwh,
        double priceMaxEurPerKwh,
        double priceKwhEur,
        int homes,
        int tradingHomes,
        double gainEur,
        double worstGainEur,
        double worstImbalanceKw,
        double askedKwh,
        double leftoverKwh,
        double leftoverOrderedKwh,
        long clearMillis) {

    /** The figures of a day's aggregators (after their community clearing) and markets. */
    public static CommunityKpis of(List<AggregatorAgent> aggregators, List<DayRun.Market> markets) {
        double traded = 0;
        int priced = 0;
        double min = Double.NaN;
        double max = Double.NaN;
        double priceKwh = 0;
        int homes = 0;
        int trading = 0;
        double gain = 0;
        double worst = Double.POSITIVE_INFINITY;
        double imbalance = 0;
        double asked = 0;
        double leftover = 0;
        long millis = 0;
        for (AggregatorAgent a : aggregators) {
            homes += a.homes().size();
            CommunityDay day = a.communityDay();
            CommunityResult r = a.communityResult();
            if (day == null || r == null) {
                continue;
            }
            millis += r.solveMillis();
            double h = day.slotHours();
            double[] bought = new double[day.slots()];
            double[] sold = new double[day.slots()];
            for (int i = 0; i < day.orders().size(); i++) {
                CommunityOrder o = day.orders().get(i);
                (o.buys() ? bought : sold)[o.slot()] += r.matching().matchedKw(i);
            }
            double[] price = r.prices().clearingPriceEurPerKwh();
            for (int t = 0; t < day.slots(); t++) {
                imbalance = Math.max(imbalance, Math.abs(bought[t] - sold[t]));
                traded += bought[t] * h;
                if (bought[t] > 0 && !Double.isNaN(price[t])) {
                    priced++;
                    min = Double.isNaN(min) ? price[t] : Math.min(min, price[t]);
                    max = Double.isNaN(max) ? price[t] : Math.max(max, price[t]);
                    priceKwh += price[t] * bought[t] * h;
                }
            }
            Map<String, Double> gains = CommunityBook.gainsEur(day, r);
            trading += gains.size();
            for (double g : gains.values()) {
                gain += g;
                worst = Math.min(worst, g);
            }
            if (gains.size() < a.homes().size()) {
                worst = Math.min(worst, 0.0);
            }
            for (AggregatorAgent.FlexibleRound f : a.flexibleRounds()) {
                asked += f.askedKwh();
                millis += f.result().solveMillis();
                leftover += f.leftoverKwh();
            }
        }
        double ordered = 0;
        for (DayRun.Market m : markets) {
            for (AggregatorAgent.Order o : m.orders()) {
                for (AggregatorAgent a : aggregators) {
                    if (a.homes().contains(o.home())
                            && a.fromLeftover(
                                    m.point().id(), o.flexibility().offer().id())) {
                        ordered += o.energyKwh();
                    }
                }
            }
        }
        return new CommunityKpis(
                traded,
                priced,
                min,
                max,
                priceKwh,
                homes,
                trading,
                gain,
                worst == Double.POSITIVE_INFINITY ? 0.0 : worst,
                imbalance,
                asked,
                leftover,
                ordered,
                millis);
    }
}
