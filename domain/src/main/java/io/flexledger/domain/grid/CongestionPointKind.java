package io.flexledger.domain.grid;

/** Where congestion is watched in the low-voltage grid. */
public enum CongestionPointKind {
    /** The secondary substation transformer (e.g. TX1, 500 kVA). */
    TRANSFORMER,
    /** One low-voltage feeder leaving the transformer. */
    FEEDER
}
