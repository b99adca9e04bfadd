package io.flexledger.chaincode.support;

import io.flexledger.domain.participants.Organisation;

/**
 * Private data collections for prosumer-level data (home details, baseline values). Each aggregator
 * shares one collection with the DSO and nobody else: {@code Aggregator1DsoCollection} for
 * {@code Aggregator1MSP}, and so on (see {@code collections_config.json}).
 */
public final class PrivateCollections {
    private PrivateCollections() {}

    /** The collection an aggregator shares with the DSO. */
    public static String forAggregator(String aggregatorMsp) {
        if (!Organisation.isAggregator(aggregatorMsp)) {
            throw new IllegalArgumentException("not an aggregator organisation: " + aggregatorMsp);
        }
        return aggregatorMsp.substring(0, aggregatorMsp.length() - "MSP".length()) + "DsoCollection";
    }
}
