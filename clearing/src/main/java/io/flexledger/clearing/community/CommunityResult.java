package io.flexledger.clearing.community;

/**
 * The outcome of one community market day.
 *
 * @param id the day's id
 * @param matching what was matched, and the welfare
 * @param prices the prices and money of the matching
 * @param position the residual net import, the leftover flexibility and the DSO offers
 * @param solveMillis wall time of the whole clearing
 */
public record CommunityResult(
        String id, Matching matching, PricedMatch prices, CommunityPosition position, long solveMillis) {}
