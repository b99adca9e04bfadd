package io.flexledger.devicebridge.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.client.ApiProblemException;
import io.flexledger.client.TokenSource;
import io.flexledger.devicebridge.anchor.AnchorLedger;
import io.flexledger.devicebridge.anchor.AnchorLedgerException;
import io.flexledger.domain.metering.ReadingAnchor;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Records anchors through the DSO's marketplace-api ({@code POST /api/anchors}). The idempotency key
 * is derived from the day and the aggregator, so a retry never makes a second anchor.
 */
public final class HttpAnchorLedger implements AnchorLedger {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http;
    private final String baseUrl;
    private final TokenSource tokens;

    public HttpAnchorLedger(HttpClient http, String baseUrl, TokenSource tokens) {
        this.http = http;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.tokens = tokens;
    }

    /** The idempotency key of an anchor: one per day and aggregator. */
    public static String idempotencyKey(ReadingAnchor anchor) {
        return "reading-anchor:" + anchor.day() + ":" + anchor.aggregatorMsp();
    }

    @Override
    public void anchor(ReadingAnchor anchor) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("day", anchor.day().toString());
        body.put("aggregatorMsp", anchor.aggregatorMsp());
        body.put("rootHex", anchor.rootHex());
        body.put("leafCount", anchor.leafCount());
        try {
            for (int attempt = 0; ; attempt++) {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create(baseUrl + "/api/anchors"))
                                .timeout(Duration.ofSeconds(60))
                                .header("Authorization", "Bearer " + tokens.token())
                                .header("Content-Type", "application/json")
                                .header("Idempotency-Key", idempotencyKey(anchor))
                                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 401 && attempt == 0) {
                    tokens.invalidate();
                    continue;
                }
                if (r.statusCode() == 200 || r.statusCode() == 201) {
                    return;
                }
                // ANCHOR_EXISTS: recorded before (e.g. under another key); fine if it is the same root.
                if (r.statusCode() == 409 && sameOnLedger(anchor)) {
                    return;
                }
                throw new AnchorLedgerException("POST /api/anchors answered " + r.statusCode() + ": " + r.body(), null);
            }
        } catch (ApiProblemException e) {
            // The token endpoint did not answer or refused the client.
            throw new AnchorLedgerException("token for the DSO's API: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new AnchorLedgerException("POST /api/anchors: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AnchorLedgerException("interrupted", e);
        }
    }

    private boolean sameOnLedger(ReadingAnchor anchor) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(
                                URI.create(baseUrl + "/api/anchors/" + anchor.day() + "/" + anchor.aggregatorMsp()))
                        .timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Bearer " + tokens.token())
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            return false;
        }
        JsonNode onLedger = MAPPER.readTree(r.body());
        return anchor.rootHex().equals(onLedger.path("rootHex").asText())
                && anchor.leafCount() == onLedger.path("leafCount").asInt();
    }
}
