package io.flexledger.clearing.community;

import java.util.List;

/**
 * A matching with its prices and money.
 *
 * @param rule the pricing rule used
 * @param clearingPriceEurPerKwh per slot, the pay-as-clear price; NaN for pay-as-bid or a slot without trades
 * @param amountEur per order (input order): what a bid pays, or what an ask receives, EUR
 * @param settlements per home that traded, in order of first appearance
 * @param aggregatorBalanceEur what buyers pay minus what sellers receive (kept by the aggregator): 0 under
 *     pay-as-clear unless a slot's lowest matched bid is below its highest matched ask
 */
public record PricedMatch(
        PricingRule rule,
        double[] clearingPriceEurPerKwh,
        double[] amountEur,
        List<Settlement> settlements,
        double aggregatorBalanceEur) {

    public PricedMatch {
        clearingPriceEurPerKwh = clearingPriceEurPerKwh.clone();
        amountEur = amountEur.clone();
        settlements = List.copyOf(settlements);
    }
}
