package io.flexledger.domain.market;

import io.flexledger.domain.participants.Organisation;
import io.flexledger.domain.time.Slot;
import io.flexledger.domain.units.Decimals;
import io.flexledger.domain.units.Euros;
import io.flexledger.domain.units.KilowattHours;
import io.flexledger.domain.units.Kilowatts;
import io.flexledger.domain.validation.Violation;
import io.flexledger.domain.validation.Violations;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The DSO's order of one offer at an activation fraction: it buys {@code activation} times the
 * offered kW in every slot of the block.
 *
 * @param id the order id
 * @param dsoMsp the ordering DSO
 * @param offerId the offer bought
 * @param activation the fraction ordered, in (0, 1]
 * @param state accepted, activated, settled or cancelled
 */
public record FlexOrder(String id, String dsoMsp, String offerId, BigDecimal activation, FlexOrderState state) {
    public FlexOrder {
        Violations v = new Violations();
        v.id(id, "id");
        if (v.id(dsoMsp, "dsoMsp")) {
            // Only the DSO orders flexibility.
            v.check(Organisation.isDso(dsoMsp), "dsoMsp", "must be the DSO organisation");
        }
        v.id(offerId, "offerId");
        if (v.present(activation, "activation")) {
            // An order buys something, and never more than was offered.
            v.check(
                    activation.signum() > 0 && activation.compareTo(BigDecimal.ONE) <= 0,
                    "activation",
                    "must be in (0, 1]");
            v.check(activation.stripTrailingZeros().scale() <= 6, "activation", "has more than 6 decimals");
        }
        v.present(state, "state");
        v.throwIfAny();
        activation = Decimals.normalised(activation);
    }

    /** Violations of this order against the offer it buys (empty if it fits). */
    public List<Violation> checkAgainst(FlexOffer offer) {
        Violations v = new Violations();
        // An order names the offer it is checked against.
        v.check(offer.id().equals(offerId), "offerId", "does not name offer " + offer.id());
        // The activated fraction is at least the offer's minimum activation.
        v.check(
                activation.compareTo(offer.minActivation()) >= 0,
                "activation",
                "is below the offer's minimum activation "
                        + offer.minActivation().toPlainString());
        return v.list();
    }

    /** The kW ordered per slot. */
    public SortedMap<Integer, Kilowatts> orderedKw(FlexOffer offer) {
        return offer.kwAt(activation);
    }

    /** What the order costs: price times the energy of the ordered block. */
    public Euros cost(FlexOffer offer) {
        KilowattHours energy = KilowattHours.ZERO;
        for (Map.Entry<Integer, Kilowatts> e : orderedKw(offer).entrySet()) {
            Slot slot = offer.period().slot(e.getKey());
            energy = energy.plus(e.getValue().over(slot.period().slotLength()));
        }
        return energy.at(offer.price());
    }

    /** This order moved to {@code next}, if allowed. */
    public FlexOrder withState(FlexOrderState next) {
        return new FlexOrder(id, dsoMsp, offerId, activation, state.to(next));
    }
}
