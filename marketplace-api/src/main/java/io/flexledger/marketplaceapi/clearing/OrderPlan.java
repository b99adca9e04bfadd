package io.flexledger.marketplaceapi.clearing;

import io.flexledger.clearing.model.ClearingProblem;
import io.flexledger.clearing.model.ClearingResult;
import io.flexledger.clearing.model.Offer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The orders the DSO places for a clearing result: one per accepted offer, id {@code ord-<offerId>}
 * (so that placing them again finds them already on the ledger), at the accepted fraction written
 * with at most 6 decimals as the ledger requires, and never outside {@code [minActivation, 1]}.
 *
 * @param orderId the order's id
 * @param offerId the offer it buys
 * @param aggregatorMsp the offer's aggregator, whose peer endorses the order with the DSO's
 * @param activation the fraction ordered
 */
public record OrderPlan(String orderId, String offerId, String aggregatorMsp, BigDecimal activation) {
    /** Decimals of an order's activation on the ledger. */
    public static final int SCALE = 6;

    public static List<OrderPlan> of(ClearingProblem problem, ClearingResult result) {
        Map<String, Offer> offers = problem.offers().stream().collect(Collectors.toMap(Offer::id, Function.identity()));
        List<OrderPlan> plans = new ArrayList<>();
        result.accepted().forEach((offerId, fraction) -> {
            Offer offer = offers.get(offerId);
            if (offer == null || fraction <= 0.0) {
                return;
            }
            plans.add(new OrderPlan(
                    "ord-" + offerId, offerId, offer.aggregator(), activation(fraction, offer.minActivation())));
        });
        return plans;
    }

    /** {@code fraction} at {@link #SCALE} decimals, kept within {@code [minActivation, 1]}. */
    static BigDecimal activation(double fraction, double minActivation) {
        BigDecimal f = BigDecimal.valueOf(fraction).setScale(SCALE, RoundingMode.HALF_EVEN);
        BigDecimal min = BigDecimal.valueOf(minActivation).setScale(SCALE, RoundingMode.CEILING);
        if (f.compareTo(min) < 0) {
            f = min;
        }
        if (f.compareTo(BigDecimal.ONE) > 0) {
            f = BigDecimal.ONE;
        }
        if (f.signum() <= 0) {
            f = BigDecimal.ONE.movePointLeft(SCALE);
        }
        return f.stripTrailingZeros();
    }
}
