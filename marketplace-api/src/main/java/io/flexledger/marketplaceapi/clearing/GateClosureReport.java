package io.flexledger.marketplaceapi.clearing;

import java.util.List;

/**
 * What one gate-closure clearing did.
 *
 * @param day the market day
 * @param requests clearing requests (one per congestion point and slot)
 * @param offers live offers taken into account
 * @param costEur procurement cost plus unserved penalty of the clearing
 * @param unservedKw kW requested and not covered, summed over requests
 * @param solveMillis the solver's time
 * @param orders the orders of the clearing
 * @param placed orders written to the ledger now
 * @param alreadyPlaced orders found on the ledger already
 * @param refused orders the ledger refused (id and error code), e.g. an offer revoked meanwhile
 * @param closedRequests requests closed by this clearing
 */
public record GateClosureReport(
        String day,
        int requests,
        int offers,
        double costEur,
        double unservedKw,
        long solveMillis,
        List<OrderPlan> orders,
        int placed,
        int alreadyPlaced,
        List<String> refused,
        List<String> closedRequests) {}
