package io.flexledger.clearing.community;

/**
 * How the leftover flexibility is cut into block offers to the DSO.
 *
 * @param maxBlockSlots the most consecutive slots one offer spans, >= 1
 * @param minActivation every offer's minimum activation, in [0, 1]
 */
public record OfferTerms(int maxBlockSlots, double minActivation) {

    public OfferTerms {
        if (maxBlockSlots < 1) {
            throw new InvalidCommunityException("maxBlockSlots", "must be >= 1, got " + maxBlockSlots);
        }
        if (!(minActivation >= 0.0 && minActivation <= 1.0)) {
            throw new InvalidCommunityException("minActivation", "must be in [0, 1], got " + minActivation);
        }
    }

    /** The default: blocks of up to 4 slots (an hour at 15 min), no minimum activation. */
    public static OfferTerms standard() {
        return new OfferTerms(4, 0.0);
    }
}
