package io.flexledger.devicebridge.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.flexledger.client.ApiProblemException;
import io.flexledger.client.MarketplaceClient;
import io.flexledger.devicebridge.anchor.AnchorLedger;
import io.flexledger.devicebridge.anchor.AnchorLedgerException;
import io.flexledger.domain.metering.ReadingAnchor;
import java.time.Duration;
import java.util.Optional;

/**
 * Records anchors through the DSO's marketplace-api ({@code POST /api/anchors}). The idempotency key
 * is derived from the day and the aggregator, so a retry never makes a second anchor.
 */
public final class HttpAnchorLedger implements AnchorLedger {
    /** How long the DSO's API may take to have an anchor endorsed and committed. */
    private static final Duration COMMIT_WAIT = Duration.ofSeconds(60);

    private final MarketplaceClient api;

    /** @param api the DSO's marketplace-api, with the bridge's client credentials */
    public HttpAnchorLedger(MarketplaceClient api) {
        this.api = api;
    }

    /** The idempotency key of an anchor: one per day and aggregator. */
    public static String idempotencyKey(ReadingAnchor anchor) {
        return "reading-anchor:" + anchor.day() + ":" + anchor.aggregatorMsp();
    }

    @Override
    public void anchor(ReadingAnchor anchor) {
        try {
            api.createAnchor(anchor, idempotencyKey(anchor), COMMIT_WAIT);
        } catch (ApiProblemException e) {
            // ANCHOR_EXISTS: recorded before (e.g. under another key); fine if it is the same root.
            if (e.status() == 409 && sameOnLedger(anchor)) {
                return;
            }
            if (e.body() == null) {
                // No answer from the API, or no token for it.
                throw new AnchorLedgerException("POST /api/anchors: " + e.getMessage(), e);
            }
            throw new AnchorLedgerException("POST /api/anchors answered " + e.status() + ": " + e.body(), e);
        }
    }

    private boolean sameOnLedger(ReadingAnchor anchor) {
        Optional<JsonNode> onLedger;
        try {
            onLedger = api.anchor(anchor.day(), anchor.aggregatorMsp()).map(MarketplaceClient.Answer::body);
        } catch (ApiProblemException e) {
            return false;
        }
        return onLedger.isPresent()
                && anchor.rootHex().equals(onLedger.get().path("rootHex").asText())
                && anchor.leafCount() == onLedger.get().path("leafCount").asInt();
    }
}
