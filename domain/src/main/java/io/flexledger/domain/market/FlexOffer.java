package io.flexledger.domain.market;

import io.flexledger.domain.participants.Organisation;
import io.flexledger.domain.time.MarketPeriod;
import io.flexledger.domain.units.Decimals;
import io.flexledger.domain.units.EurosPerKwh;
import io.flexledger.domain.units.Kilowatts;
import io.flexledger.domain.validation.Violations;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An aggregator's block offer: one asset moves by the listed kW in all listed slots together, at a
 * price per kWh, activated at a fraction {@code f} that is 0 or in {@code [minActivation, 1]}.
 *
 * @param id the offer id
 * @param aggregatorMsp the offering aggregator
 * @param congestionPointId the congestion point the flexibility relieves
 * @param assetId the home that delivers it
 * @param period the day
 * @param requestId the request it answers (solicited), or null (unsolicited)
 * @param kwBySlot the kW of load reduction per slot
 * @param price EUR per kWh of flexibility delivered
 * @param minActivation the smallest fraction the offer may be ordered at, in [0, 1]
 * @param state offered, ordered, revoked or expired
 */
public record FlexOffer(
        String id,
        String aggregatorMsp,
        String congestionPointId,
        String assetId,
        MarketPeriod period,
        String requestId,
        SortedMap<Integer, Kilowatts> kwBySlot,
        EurosPerKwh price,
        BigDecimal minActivation,
        FlexOfferState state) {
    public FlexOffer {
        Violations v = new Violations();
        v.id(id, "id");
        if (v.id(aggregatorMsp, "aggregatorMsp")) {
            // Only aggregators offer flexibility.
            v.check(Organisation.isAggregator(aggregatorMsp), "aggregatorMsp", "must be an aggregator organisation");
        }
        v.id(congestionPointId, "congestionPointId");
        v.id(assetId, "assetId");
        v.present(period, "period");
        if (requestId != null) {
            v.id(requestId, "requestId");
        }
        kwBySlot = KwBySlot.check(kwBySlot, period, "kwBySlot", v);
        if (v.present(price, "price")) {
            // Flexibility is paid for, never paid to be taken.
            v.check(!price.isNegative(), "price", "must be >= 0");
        }
        if (v.present(minActivation, "minActivation")) {
            // The minimum activation is a fraction of the block.
            v.check(
                    minActivation.signum() >= 0 && minActivation.compareTo(BigDecimal.ONE) <= 0,
                    "minActivation",
                    "must be in [0, 1]");
            v.check(minActivation.stripTrailingZeros().scale() <= 6, "minActivation", "has more than 6 decimals");
        }
        v.present(state, "state");
        v.throwIfAny();
        minActivation = Decimals.normalised(minActivation);
    }

    /** Whether it answers a DSO request. */
    public boolean isSolicited() {
        return requestId != null;
    }

    /** The request it answers, if solicited. */
    public Optional<String> request() {
        return Optional.ofNullable(requestId);
    }

    /** The kW per slot delivered when ordered at fraction {@code activation} (rounded half-even to 1 W). */
    public SortedMap<Integer, Kilowatts> kwAt(BigDecimal activation) {
        TreeMap<Integer, Kilowatts> out = new TreeMap<>();
        kwBySlot.forEach((slot, kw) -> out.put(slot, kw.times(activation)));
        return Collections.unmodifiableSortedMap(out);
    }

    /** This offer moved to {@code next}, if allowed. */
    public FlexOffer withState(FlexOfferState next) {
        return new FlexOffer(
                id,
                aggregatorMsp,
                congestionPointId,
                assetId,
                period,
                requestId,
                kwBySlot,
                price,
                minActivation,
                state.to(next));
    }
}
