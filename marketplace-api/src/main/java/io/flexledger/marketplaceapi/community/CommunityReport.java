package io.flexledger.marketplaceapi.community;

import java.util.List;

/**
 * What one community clearing did.
 *
 * @param community the operator's MSP id
 * @param day the market day
 * @param recorded true if this run recorded the clearing, false if the ledger held it already (its trades
 *     are then the recorded ones)
 * @param orders the day's orders
 * @param trades the clearing's trades
 * @param slotsCleared the slots with at least one trade
 * @param welfareEur the matching's welfare at effective prices (the community's saving against the grid
 *     when bids sit at the retail and asks at the feed-in price), EUR; recomputed from the recorded trades
 * @param offersPosted offers of leftover flexibility written to the DSO market by this run
 * @param offersExisting offers found on the ledger already (an earlier run posted them)
 * @param offersRefused offers the ledger refused, as {@code id: CODE}
 * @param lockedSlots home slots of matched flexible sells, {@code home|slot}: not offered to the DSO
 */
public record CommunityReport(
        String community,
        String day,
        boolean recorded,
        int orders,
        int trades,
        List<Integer> slotsCleared,
        double welfareEur,
        List<String> offersPosted,
        List<String> offersExisting,
        List<String> offersRefused,
        List<String> lockedSlots) {}
