package io.flexledger.uftp;

/** One ISP of a D-Prognosis: its {@code Power} is the forecast power in watts, positive for consumption. */
public final class DPrognosisIsp extends PowerIsp<DPrognosisIsp> {}
