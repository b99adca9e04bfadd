package io.flexledger.domain.participants;

/** What an organisation does in the market. */
public enum OrganisationRole {
    /** The distribution system operator: registers congestion points, requests and orders flexibility. */
    DSO,
    /** An aggregator: manages a portfolio of homes and offers their flexibility. */
    AGGREGATOR,
    /** The energy community (prosumers) and auditors reading the ledger. */
    COMMUNITY
}
