package io.flexledger.clearing.community;

import static ai.timefold.solver.core.api.score.stream.ConstraintCollectors.sumLong;

import ai.timefold.solver.core.api.score.buildin.hardsoftlong.HardSoftLongScore;
import ai.timefold.solver.core.api.score.stream.Constraint;
import ai.timefold.solver.core.api.score.stream.ConstraintFactory;
import ai.timefold.solver.core.api.score.stream.ConstraintProvider;
import ai.timefold.solver.core.api.score.stream.Joiners;

/**
 * The UC2 community market rules (decision 0008): hard in watts, soft in micro-EUR of welfare (what the
 * matched buyers value minus what the matched sellers' energy costs them, at their effective prices).
 */
public class CommunityConstraintProvider implements ConstraintProvider {

    @Override
    public Constraint[] defineConstraints(ConstraintFactory factory) {
        return new Constraint[] {
            slotBalance(factory),
            feederImportLimit(factory),
            feederExportLimit(factory),
            buyerValue(factory),
            sellerCost(factory)
        };
    }

    // Hard: in every slot the community buys exactly the watts it sells.
    Constraint slotBalance(ConstraintFactory factory) {
        return factory.forEach(OrderMatch.class)
                .groupBy(OrderMatch::getSlot, sumLong(OrderMatch::signedW))
                .filter((slot, netW) -> netW != 0L)
                .penalizeLong(HardSoftLongScore.ONE_HARD, (slot, netW) -> Math.abs(netW))
                .asConstraint("Community balance per slot");
    }

    // Hard: a feeder's net import (firm baseline plus matched flexible orders) stays within its import limit.
    Constraint feederImportLimit(ConstraintFactory factory) {
        return factory.forEach(FeederSlot.class)
                .join(
                        factory.forEach(OrderMatch.class).filter(OrderMatch::isFlexible),
                        Joiners.equal(FeederSlot::feeder, OrderMatch::getFeeder),
                        Joiners.equal(FeederSlot::slot, OrderMatch::getSlot))
                .groupBy((fs, o) -> fs, sumLong((fs, o) -> o.signedW()))
                .filter((fs, flowW) -> fs.importExcessW(flowW) > 0L)
                .penalizeLong(HardSoftLongScore.ONE_HARD, FeederSlot::importExcessW)
                .asConstraint("Feeder import limit");
    }

    // Hard: a feeder's net export stays within its export limit.
    Constraint feederExportLimit(ConstraintFactory factory) {
        return factory.forEach(FeederSlot.class)
                .join(
                        factory.forEach(OrderMatch.class).filter(OrderMatch::isFlexible),
                        Joiners.equal(FeederSlot::feeder, OrderMatch::getFeeder),
                        Joiners.equal(FeederSlot::slot, OrderMatch::getSlot))
                .groupBy((fs, o) -> fs, sumLong((fs, o) -> o.signedW()))
                .filter((fs, flowW) -> fs.exportExcessW(flowW) > 0L)
                .penalizeLong(HardSoftLongScore.ONE_HARD, FeederSlot::exportExcessW)
                .asConstraint("Feeder export limit");
    }

    // Soft: every matched watt of a bid adds its effective bid price (capped at the retail price).
    Constraint buyerValue(ConstraintFactory factory) {
        return factory.forEach(OrderMatch.class)
                .filter(o -> o.isBuys() && o.matched() > 0)
                .rewardLong(HardSoftLongScore.ONE_SOFT, OrderMatch::buyerValueMicroEur)
                .asConstraint("Buyer value");
    }

    // Soft: every matched watt of an ask costs its effective ask price (raised to the feed-in price).
    Constraint sellerCost(ConstraintFactory factory) {
        return factory.forEach(OrderMatch.class)
                .filter(o -> !o.isBuys() && o.matched() > 0)
                .penalizeLong(HardSoftLongScore.ONE_SOFT, OrderMatch::sellerCostMicroEur)
                .asConstraint("Seller cost");
    }
}
