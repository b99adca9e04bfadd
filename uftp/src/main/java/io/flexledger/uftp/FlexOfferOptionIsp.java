package io.flexledger.uftp;

/** One ISP of a FlexOffer option: its {@code Power} is the flexible power offered, in watts. */
public final class FlexOfferOptionIsp extends PowerIsp<FlexOfferOptionIsp> {}
