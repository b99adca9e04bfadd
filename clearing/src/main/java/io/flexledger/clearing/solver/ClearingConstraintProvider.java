package io.flexledger.clearing.solver;

import static ai.timefold.solver.core.api.score.stream.ConstraintCollectors.sumLong;

import ai.timefold.solver.core.api.score.buildin.hardsoftlong.HardSoftLongScore;
import ai.timefold.solver.core.api.score.stream.Constraint;
import ai.timefold.solver.core.api.score.stream.ConstraintFactory;
import ai.timefold.solver.core.api.score.stream.ConstraintProvider;
import ai.timefold.solver.core.api.score.stream.Joiners;

/** The UC3 clearing rules: the soft score is minus the cost in nano-EUR, as the format defines it. */
public class ClearingConstraintProvider implements ConstraintProvider {

    @Override
    public Constraint[] defineConstraints(ConstraintFactory factory) {
        return new Constraint[] {
            assetSoldTwice(factory), offerCost(factory), unservedFlexibility(factory), unservableRequest(factory)
        };
    }

    // Hard: two accepted offers of the same asset may not list the same slot.
    Constraint assetSoldTwice(ConstraintFactory factory) {
        return factory.forEachUniquePair(
                        OfferChoice.class,
                        Joiners.equal(OfferChoice::getAssetIndex),
                        Joiners.filtering((a, b) -> a.isAccepted() && b.isAccepted() && a.conflictsWith(b)))
                .penalizeLong(HardSoftLongScore.ONE_HARD)
                .asConstraint("Asset sold twice in a slot");
    }

    // Soft: an accepted offer costs fraction * price * h * sum of its kW.
    Constraint offerCost(ConstraintFactory factory) {
        return factory.forEach(OfferChoice.class)
                .filter(OfferChoice::isAccepted)
                .penalizeLong(HardSoftLongScore.ONE_SOFT, OfferChoice::costNanoEur)
                .asConstraint("Offer cost");
    }

    // Soft: every kW a request lacks after the accepted offers at its point and slot costs penalty * h.
    Constraint unservedFlexibility(ConstraintFactory factory) {
        return factory.forEach(RequestDemand.class)
                .join(
                        OfferChoice.class,
                        Joiners.equal(RequestDemand::getPointIndex, OfferChoice::getPointIndex),
                        Joiners.filtering((r, o) -> o.serves(r)))
                .groupBy((r, o) -> r, sumLong((r, o) -> o.deliveredMicroKw(r)))
                .filter((r, delivered) -> delivered < r.getKwMicro())
                .penalizeLong(
                        HardSoftLongScore.ONE_SOFT, (r, delivered) -> r.penaltyNanoEur(r.getKwMicro() - delivered))
                .asConstraint("Unserved flexibility");
    }

    // Soft: a request no offer can serve is unserved in full.
    Constraint unservableRequest(ConstraintFactory factory) {
        return factory.forEach(RequestDemand.class)
                .filter(r -> !r.isServable())
                .penalizeLong(HardSoftLongScore.ONE_SOFT, r -> r.penaltyNanoEur(r.getKwMicro()))
                .asConstraint("Unservable request");
    }
}
