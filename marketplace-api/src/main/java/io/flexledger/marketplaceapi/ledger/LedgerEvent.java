package io.flexledger.marketplaceapi.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
