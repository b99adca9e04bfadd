package io.flexledger.chaincode.support;

import io.flexledger.domain.participants.Organisation;

/**
 * Private data collections for prosumer-level data (home details, baseline values). Each aggregator
 * shares one collection with the DSO and nobody else: {@code Aggregator1DsoCollection} for
 * {@code Aggregator1MSP}, and so on (see {@code collections_config.json}). Each aggregator's community
 * market (its members' memberships, orders and trades) is shared with {@code CommunityMSP} and not the
 * DSO: {@code Aggregator1CommunityCollection}.
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

    /** The collection of the community whose operator is {@code operatorMsp} (shared with CommunityMSP). */
    public static String forCommunity(String operatorMsp) {
        if (!Organisation.isAggregator(operatorMsp)) {
            throw new IllegalArgumentException("not an aggregator organisation: " + operatorMsp);
        }
        return operatorMsp.substring(0, operatorMsp.length() - "MSP".length()) + "CommunityCollection";
    }
}
