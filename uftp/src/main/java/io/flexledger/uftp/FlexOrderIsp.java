package io.flexledger.uftp;

/** One ISP of a FlexOrder: its {@code Power} is the flexible power ordered, in watts. */
public final class FlexOrderIsp extends PowerIsp<FlexOrderIsp> {}
