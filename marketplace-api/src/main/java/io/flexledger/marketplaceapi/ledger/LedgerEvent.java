package io.flexledger.marketplaceapi.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.client.ChaincodeEvent;

/**
 * One chaincode event as committed on the ledger.
 *
 * @param name the event's name, e.g. {@code OrderSettled}
 * @param txId the transaction that emitted it
 * @param blockNumber the block that holds the transaction
 * @param payload the record the chaincode attached (JSON; a text node if it was not JSON)
 */
public record LedgerEvent(String name, String txId, long blockNumber, JsonNode payload) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The event as the gateway delivered it. */
    public static LedgerEvent of(ChaincodeEvent event) {
        return new LedgerEvent(
                event.getEventName(), event.getTransactionId(), event.getBlockNumber(), payload(event.getPayload()));
    }

    /**
     * The chaincode events of one transaction that changed several records, and the field of its payload
     * that lists them: {@code uftp:CreateOffers} makes every option of a FlexOffer in one transaction
     * ({@code OffersCreated}, its {@code offers}), {@code uftp:RevokeOffers} revokes them
     * ({@code OffersRevoked}, its {@code revocations}); Fabric keeps one event per transaction, so the
     * chaincode names them all in one, and {@link #all} hands them on one by one under the name of the
     * single record's event.
     */
    static final Map<String, Map.Entry<String, String>> SEVERAL = Map.of(
            "OffersCreated", Map.entry("offers", "OfferCreated"),
            "OffersRevoked", Map.entry("revocations", "OfferRevoked"));

    /**
     * The events the gateway's event stands for: itself, or, for an event that names several records
     * ({@link #SEVERAL}), one event per record with that record's own event name (e.g. an
     * {@code OfferCreated} per option of a FlexOffer), each payload the record with the transaction's
     * {@code flexOfferMessageId}, so that a consumer of single-record events misses none of them.
     */
    public static List<LedgerEvent> all(ChaincodeEvent event) {
        return all(of(event));
    }

    /** As {@link #all(ChaincodeEvent)}, for an event already read. */
    public static List<LedgerEvent> all(LedgerEvent event) {
        Map.Entry<String, String> several = SEVERAL.get(event.name());
        if (several == null
                || event.payload() == null
                || !event.payload().path(several.getKey()).isArray()) {
            return List.of(event);
        }
        List<LedgerEvent> out = new ArrayList<>();
        for (JsonNode record : event.payload().path(several.getKey())) {
            if (!record.isObject()) {
                continue;
            }
            ObjectNode one = ((ObjectNode) record).deepCopy();
            JsonNode flexOffer = event.payload().path("flexOfferMessageId");
            if (flexOffer.isTextual()) {
                one.put("flexOfferMessageId", flexOffer.asText());
            }
            one.put("event", several.getValue());
            one.put("txId", event.txId());
            out.add(new LedgerEvent(several.getValue(), event.txId(), event.blockNumber(), one));
        }
        return out;
    }

    private static JsonNode payload(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            // The chaincode's events carry JSON records; anything else is passed on as text.
            return TextNode.valueOf(new String(bytes, StandardCharsets.UTF_8));
        }
    }
}
