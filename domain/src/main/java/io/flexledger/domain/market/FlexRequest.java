package io.flexledger.domain.market;

import io.flexledger.domain.participants.Organisation;
import io.flexledger.domain.time.MarketPeriod;
import io.flexledger.domain.units.EurosPerKwh;
import io.flexledger.domain.units.Kilowatts;
import io.flexledger.domain.validation.Violations;
import java.util.SortedMap;

/**
 * The DSO's request for flexibility (load reduction) at a congestion point in some slots of a day.
 *
 * @param id the request id
 * @param dsoMsp the requesting DSO
 * @param congestionPointId where the congestion is
 * @param period the day
 * @param kwBySlot the kW needed in each listed slot
 * @param unservedPenalty what each kWh not covered costs the DSO (the most it pays for flexibility)
 * @param state open, closed or cancelled
 */
public record FlexRequest(
        String id,
        String dsoMsp,
        String congestionPointId,
        MarketPeriod period,
        SortedMap<Integer, Kilowatts> kwBySlot,
        EurosPerKwh unservedPenalty,
        FlexRequestState state) {
    public FlexRequest {
        Violations v = new Violations();
        v.id(id, "id");
        if (v.id(dsoMsp, "dsoMsp")) {
            // Only the DSO requests flexibility.
            v.check(Organisation.isDso(dsoMsp), "dsoMsp", "must be the DSO organisation");
        }
        v.id(congestionPointId, "congestionPointId");
        v.present(period, "period");
        kwBySlot = KwBySlot.check(kwBySlot, period, "kwBySlot", v);
        if (v.present(unservedPenalty, "unservedPenalty")) {
            // A penalty is a cost, never a payment.
            v.check(!unservedPenalty.isNegative(), "unservedPenalty", "must be >= 0");
        }
        v.present(state, "state");
        v.throwIfAny();
    }

    /** This request moved to {@code next}, if allowed. */
    public FlexRequest withState(FlexRequestState next) {
        return new FlexRequest(id, dsoMsp, congestionPointId, period, kwBySlot, unservedPenalty, state.to(next));
    }
}
