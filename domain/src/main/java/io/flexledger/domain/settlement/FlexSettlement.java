package io.flexledger.domain.settlement;

import io.flexledger.domain.participants.Organisation;
import io.flexledger.domain.units.Decimals;
import io.flexledger.domain.units.Euros;
import io.flexledger.domain.units.EurosPerKwh;
import io.flexledger.domain.units.KilowattHours;
import io.flexledger.domain.validation.Violations;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The settlement of one flex order (UFTP FlexSettlement): per ordered slot what was delivered
 * against the baseline, and the totals the DSO pays and the aggregator forfeits. Its totals are
 * always the sums of its lines, so a record cannot claim more than its lines show.
 *
 * @param id {@code stl-<orderId>}
 * @param orderId the settled order
 * @param offerId the offer the order bought
 * @param aggregatorMsp the delivering aggregator
 * @param dsoMsp the ordering DSO
 * @param assetId the delivering home
 * @param day the market day
 * @param price the order's price per kWh (the offer's)
 * @param penaltyFactor the fraction of the price each kWh of shortfall costs
 * @param lines one line per ordered slot, in slot order
 * @param creditedKwh the sum of the lines' credited energy
 * @param shortfallKwh the sum of the lines' shortfall
 * @param paymentEur price times credited energy
 * @param penaltyEur penalty factor times price times shortfall
 * @param netEur payment minus penalty (negative when the penalty exceeds the payment)
 * @param state settled, disputed or resolved
 */
public record FlexSettlement(
        String id,
        String orderId,
        String offerId,
        String aggregatorMsp,
        String dsoMsp,
        String assetId,
        LocalDate day,
        EurosPerKwh price,
        BigDecimal penaltyFactor,
        List<SettlementLine> lines,
        KilowattHours creditedKwh,
        KilowattHours shortfallKwh,
        Euros paymentEur,
        Euros penaltyEur,
        Euros netEur,
        FlexSettlementState state) {
    /** Settlement ids are the order id behind this prefix: one settlement per order. */
    public static final String ID_PREFIX = "stl-";

    public FlexSettlement {
        Violations v = new Violations();
        if (v.id(orderId, "orderId") && v.present(id, "id")) {
            // One settlement per order, named after it.
            v.check(id.equals(idFor(orderId)), "id", "must be " + idFor(orderId));
        }
        v.id(offerId, "offerId");
        if (v.id(aggregatorMsp, "aggregatorMsp")) {
            // Flexibility is delivered by an aggregator.
            v.check(Organisation.isAggregator(aggregatorMsp), "aggregatorMsp", "must be an aggregator organisation");
        }
        if (v.id(dsoMsp, "dsoMsp")) {
            // Flexibility is bought by the DSO.
            v.check(Organisation.isDso(dsoMsp), "dsoMsp", "must be the DSO organisation");
        }
        v.id(assetId, "assetId");
        v.present(day, "day");
        if (v.present(price, "price")) {
            // Flexibility is paid for, never paid to be taken.
            v.check(!price.isNegative(), "price", "must be >= 0");
        }
        if (v.present(penaltyFactor, "penaltyFactor")) {
            // A penalty never rewards non-delivery.
            v.check(penaltyFactor.signum() >= 0, "penaltyFactor", "must be >= 0");
        }
        KilowattHours credited = KilowattHours.ZERO;
        KilowattHours shortfall = KilowattHours.ZERO;
        if (v.present(lines, "lines")) {
            // A settlement covers at least one ordered slot.
            v.check(!lines.isEmpty(), "lines", "must have at least one line");
            int previous = -1;
            for (int i = 0; i < lines.size(); i++) {
                SettlementLine line = lines.get(i);
                if (!v.present(line, "lines[" + i + "]")) {
                    continue;
                }
                // Lines are in slot order, one per slot.
                v.check(line.slot() > previous, "lines[" + i + "].slot", "must be above the previous line's slot");
                previous = line.slot();
                credited = credited.plus(line.creditedKwh());
                shortfall = shortfall.plus(line.shortfallKwh());
            }
        }
        boolean totals = v.present(creditedKwh, "creditedKwh")
                & v.present(shortfallKwh, "shortfallKwh")
                & v.present(paymentEur, "paymentEur")
                & v.present(penaltyEur, "penaltyEur")
                & v.present(netEur, "netEur");
        if (totals && v.isEmpty()) {
            // The totals are the sums of the lines.
            v.check(creditedKwh.equals(credited), "creditedKwh", "must be the sum of the lines' creditedKwh");
            v.check(shortfallKwh.equals(shortfall), "shortfallKwh", "must be the sum of the lines' shortfallKwh");
            // The DSO pays the price for every credited kWh.
            v.check(paymentEur.equals(creditedKwh.at(price)), "paymentEur", "must be price x creditedKwh");
            // Each kWh of shortfall costs the penalty factor times the price.
            v.check(
                    penaltyEur.equals(penalty(shortfallKwh, price, penaltyFactor)),
                    "penaltyEur",
                    "must be penaltyFactor x price x shortfallKwh");
            // The net is what the aggregator is owed (negative: what it owes).
            v.check(netEur.equals(paymentEur.minus(penaltyEur)), "netEur", "must be paymentEur - penaltyEur");
        }
        v.present(state, "state");
        v.throwIfAny();
        lines = List.copyOf(lines);
        penaltyFactor = Decimals.normalised(penaltyFactor);
    }

    /** The settlement id of an order. */
    public static String idFor(String orderId) {
        return ID_PREFIX + orderId;
    }

    /** The penalty for {@code shortfall} at {@code price}: factor x price x shortfall, rounded half-even once. */
    public static Euros penalty(KilowattHours shortfall, EurosPerKwh price, BigDecimal factor) {
        return new Euros(
                Decimals.rounded(shortfall.value().multiply(price.value()).multiply(factor), Euros.SCALE));
    }

    /** This settlement moved to {@code next}, if allowed. */
    public FlexSettlement withState(FlexSettlementState next) {
        return new FlexSettlement(
                id,
                orderId,
                offerId,
                aggregatorMsp,
                dsoMsp,
                assetId,
                day,
                price,
                penaltyFactor,
                lines,
                creditedKwh,
                shortfallKwh,
                paymentEur,
                penaltyEur,
                netEur,
                state.to(next));
    }
}
