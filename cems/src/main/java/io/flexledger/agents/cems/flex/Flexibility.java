package io.flexledger.agents.cems.flex;

import io.flexledger.agents.cems.model.CemsResult;

/**
 * An offer together with the schedule that delivers it at full activation (its proof of
 * deliverability, and what the CEMS runs when the offer is ordered in full).
 *
 * @param offer the block offer
 * @param activated the home's least-bill schedule that moves its net load as offered
 * @param extraBill EUR the activated schedule costs the home above its optimal bill
 */
public record Flexibility(FlexOffer offer, CemsResult activated, double extraBill) {}
