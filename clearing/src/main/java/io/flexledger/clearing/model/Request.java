package io.flexledger.clearing.model;

/**
 * A DSO flexibility request: at least {@code kw} of flexibility at one congestion point in one slot.
 *
 * @param id unique request id
 * @param congestionPoint where the flexibility is needed (no hierarchy between points)
 * @param slot the slot index, {@code 0 <= slot < slots}
 * @param kw the flexibility needed, kW
 * @param unservedPenaltyEurPerKwh what each kWh left uncovered costs, EUR/kWh
 */
public record Request(String id, String congestionPoint, int slot, double kw, double unservedPenaltyEurPerKwh) {}
