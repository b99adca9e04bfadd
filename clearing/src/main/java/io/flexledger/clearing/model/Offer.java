package io.flexledger.clearing.model;

import java.util.Arrays;

/**
 * A block offer: every listed slot moves together, scaled by the accepted fraction.
 *
 * @param id unique offer id
 * @param aggregator the aggregator that posted it
 * @param congestionPoint where the flexibility counts
 * @param asset the asset that delivers it; an asset is sold at most once per slot
 * @param slots the listed slots, in the order of the input's {@code kwBySlot}
 * @param kw the kW offered in each listed slot (same order as {@code slots})
 * @param priceEurPerKwh the price of each kWh delivered
 * @param minActivation an accepted fraction is 0 or in {@code [minActivation, 1]}
 */
public record Offer(
        String id,
        String aggregator,
        String congestionPoint,
        String asset,
        int[] slots,
        double[] kw,
        double priceEurPerKwh,
        double minActivation) {

    /** The offer's total kW over its slots, summed in input order (as the checker does). */
    public double totalKw() {
        double sum = 0.0;
        for (double v : kw) {
            sum += v;
        }
        return sum;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Offer other
                && id.equals(other.id)
                && aggregator.equals(other.aggregator)
                && congestionPoint.equals(other.congestionPoint)
                && asset.equals(other.asset)
                && Arrays.equals(slots, other.slots)
                && Arrays.equals(kw, other.kw)
                && Double.compare(priceEurPerKwh, other.priceEurPerKwh) == 0
                && Double.compare(minActivation, other.minActivation) == 0;
    }

    /** This offer with every slot's kW times {@code factor} (itself at a factor of 1 or more). */
    public Offer scaled(double factor) {
        if (factor >= 1.0) {
            return this;
        }
        double[] less = kw.clone();
        for (int k = 0; k < less.length; k++) {
            less[k] *= factor;
        }
        return new Offer(id, aggregator, congestionPoint, asset, slots, less, priceEurPerKwh, minActivation);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "Offer[" + id + " @" + congestionPoint + " " + asset + " slots=" + Arrays.toString(slots) + "]";
    }
}
