package io.flexledger.domain.settlement;

import io.flexledger.domain.units.Euros;
import io.flexledger.domain.units.EurosPerKwh;
import io.flexledger.domain.units.KilowattHours;
import io.flexledger.domain.validation.Violation;
import io.flexledger.domain.validation.Violations;
import java.util.List;

/**
 * The corrected totals the opener of a dispute states, with its evidence: the settlement it says is
 * right. They are the totals the settlement rule works with, so the net follows from the energy by the
 * rule; an upheld dispute applies exactly these figures, a rejected one none of them.
 *
 * @param creditedKwh the ordered energy the opener says was delivered
 * @param shortfallKwh the ordered energy the opener says was not delivered
 * @param netEur the net that follows: payment for the credited energy minus the penalty for the shortfall
 */
public record DisputeClaim(KilowattHours creditedKwh, KilowattHours shortfallKwh, Euros netEur) {
    public DisputeClaim {
        Violations v = new Violations();
        if (v.present(creditedKwh, "creditedKwh")) {
            // Energy delivered is never negative.
            v.check(!creditedKwh.isNegative(), "creditedKwh", "must be >= 0");
        }
        if (v.present(shortfallKwh, "shortfallKwh")) {
            // Energy missing is never negative.
            v.check(!shortfallKwh.isNegative(), "shortfallKwh", "must be >= 0");
        }
        v.present(netEur, "netEur");
        v.throwIfAny();
    }

    /**
     * The figures outside what an order of {@code ordered} kWh at {@code price} could ever be worth
     * under {@code rule}: neither energy above the ordered volume, the net between
     * {@link SettlementRule#minNet} (nothing delivered) and {@link SettlementRule#maxNet} (all of it).
     * Empty when all are within.
     */
    public List<Violation> outOfBounds(SettlementRule rule, KilowattHours ordered, EurosPerKwh price) {
        Violations v = new Violations();
        Euros min = rule.minNet(ordered, price);
        Euros max = rule.maxNet(ordered, price);
        // No order pays more than its full volume at its price, or costs more than its full penalty.
        v.check(
                netEur.compareTo(min) >= 0 && netEur.compareTo(max) <= 0,
                "netEur",
                netEur + " is outside [" + min + ", " + max + "], what the order can be worth (" + ordered
                        + " kWh ordered at " + price + " EUR/kWh, penalty factor "
                        + rule.penaltyFactor().toPlainString() + ")");
        // Neither more energy delivered nor more missing than was ordered.
        v.check(
                creditedKwh.compareTo(ordered) <= 0,
                "creditedKwh",
                creditedKwh + " is above the " + ordered + " kWh ordered");
        v.check(
                shortfallKwh.compareTo(ordered) <= 0,
                "shortfallKwh",
                shortfallKwh + " is above the " + ordered + " kWh ordered");
        return v.list();
    }

    /**
     * Where the figures do not follow from each other by {@code rule} for an order of {@code ordered}
     * kWh at {@code price}: credited and shortfall add up to the ordered volume, and the net is the
     * rule's payment minus penalty for them. Empty when they do.
     */
    public List<Violation> inconsistencies(SettlementRule rule, KilowattHours ordered, EurosPerKwh price) {
        Violations v = new Violations();
        // Every ordered kWh is either credited or short, as on the settlement's lines.
        v.check(
                creditedKwh.plus(shortfallKwh).equals(ordered),
                "shortfallKwh",
                "must be the " + ordered + " kWh ordered minus creditedKwh, " + ordered.minus(creditedKwh));
        Euros net = rule.net(creditedKwh, shortfallKwh, price);
        // The net is the rule's, not a free amount.
        v.check(
                netEur.equals(net),
                "netEur",
                "must be " + net + ", the rule's payment " + rule.payment(creditedKwh, price) + " minus penalty "
                        + rule.penalty(shortfallKwh, price) + " for the claimed kWh at " + price + " EUR/kWh");
        return v.list();
    }
}
