package io.flexledger.domain.community;

import io.flexledger.domain.units.Kilowatts;
import io.flexledger.domain.validation.Violations;
import java.math.BigDecimal;

/**
 * One matched community order of a home, as the day's clearing recorded it.
 *
 * @param orderId the member's order
 * @param slot the slot of the market day, from 0
 * @param side whether the home buys or sells
 * @param kw the matched average power over the slot (more than zero)
 * @param price the trade's price (EUR/kWh, at least zero) exactly as the clearing recorded it: a
 *     pay-as-clear price may carry more decimals than {@link io.flexledger.domain.units.EurosPerKwh}'s 5
 *     (decision 0021), and a trade is settled at its own price, not a rounded one
 */
public record CommunityTrade(String orderId, int slot, Side side, Kilowatts kw, BigDecimal price) {
    /** The side of a trade, from the home's point of view. */
    public enum Side {
        BUY,
        SELL
    }

    public CommunityTrade {
        Violations v = new Violations();
        v.id(orderId, "orderId");
        v.check(slot >= 0, "slot", "must be >= 0");
        v.present(side, "side");
        if (v.present(kw, "kw")) {
            // A trade moves some energy.
            v.check(kw.value().signum() > 0, "kw", "must be > 0");
        }
        if (v.present(price, "price")) {
            v.check(price.signum() >= 0, "price", "must be >= 0");
        }
        v.throwIfAny();
    }
}
