package io.flexledger.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.flexledger.contract.codec.MarketRecords;
import io.flexledger.domain.market.FlexOffer;
import io.flexledger.domain.market.FlexRequest;

/**
 * The market records marketplace-api answers (requests, offers, orders), read with the ledger contract's
 * codec ({@link MarketRecords}) as the chaincode stored them: exact decimals, each field of its type, a
 * malformed record refused as an {@link io.flexledger.contract.codec.InputRefusal} naming the field's JSON
 * path rather than read as 0.
 */
public final class Records {
    private Records() {}

    /** A request record. */
    public static FlexRequest request(JsonNode record) {
        return MarketRecords.storedRequest(MarketRecords.stored(record.toString()));
    }

    /** An offer record. */
    public static FlexOffer offer(JsonNode record) {
        return MarketRecords.storedOffer(MarketRecords.stored(record.toString()));
    }

    /** An order record with what it buys, copied from its offer. */
    public static MarketRecords.StoredOrder order(JsonNode record) {
        return MarketRecords.storedOrderRecord(MarketRecords.stored(record.toString()));
    }
}
