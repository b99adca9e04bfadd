package io.flexledger.devicebridge.store;

import io.flexledger.domain.metering.SignedReading;

/**
 * A reading as stored, with the aggregator whose portfolio held its home when it arrived.
 *
 * @param signed the reading and its signature
 * @param aggregatorMsp the aggregator
 */
public record StoredReading(SignedReading signed, String aggregatorMsp) {}
