package io.flexledger.marketplaceapi.uftp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The DSO's UFTP domain an aggregator's outbox announces an offer to (decision 0019): every instance
 * chooses the same one from the ledger's participants and message log.
 */
final class DsoDomains {
    private static final Logger LOG = Logger.getLogger(UftpOutbox.class);

    private final UftpLedger ledger;
    private final OutboxDeliveries deliveries;

    DsoDomains(UftpLedger ledger, OutboxDeliveries deliveries) {
        this.ledger = ledger;
        this.deliveries = deliveries;
    }

    /** The DSO participant an offer goes to, and the UFTP FlexRequest it answers if it answers one. */
    record DsoRecipient(String domain, Optional<io.flexledger.contract.codec.UftpRecords.StoredMessage> request) {}

    /**
     * The DSO's UFTP participant an offer is announced to, chosen the same way by every instance: (1) the
     * one whose FlexRequest it answers (the message log holds the request's MessageID under that domain);
     * else (2) the DSO's only DSO participant; else (3) of several, the one that sent the latest FlexRequest
     * (by the time the ledger recorded it, then by domain name) for the offer's congestion point; with
     * none such, nobody is guessed and the reason is logged once (looked at again at the next scan).
     */
    Optional<DsoRecipient> recipientOf(JsonNode offer, UUID messageId) {
        List<String> domains = ledger.participants().stream()
                .filter(p -> "DSO".equals(p.role()))
                .map(io.flexledger.contract.codec.UftpRecords.StoredParticipant::domain)
                .sorted()
                .toList();
        String requestId = offer.path("requestId").asText("");
        if (!requestId.isEmpty()) {
            for (String domain : domains) {
                Optional<io.flexledger.contract.codec.UftpRecords.StoredMessage> request =
                        ledger.message(domain, requestId);
                if (request.isPresent() && "FlexRequest".equals(request.get().messageType())) {
                    return Optional.of(new DsoRecipient(domain, request));
                }
            }
        }
        if (domains.size() == 1) {
            return Optional.of(new DsoRecipient(domains.get(0), Optional.empty()));
        }
        String congestionPoint = offer.path("congestionPointId").asText();
        String best = null;
        String bestAt = "";
        for (String domain : domains) {
            for (io.flexledger.contract.codec.UftpRecords.StoredMessage m : ledger.messagesOf(domain)) {
                String at = m.at() == null ? "" : m.at();
                if (!"FlexRequest".equals(m.messageType()) || at.compareTo(bestAt) <= 0) {
                    continue;
                }
                boolean here = ledger.request(m.messageId())
                        .map(r -> congestionPoint.equals(
                                r.path("congestionPointId").asText()))
                        .orElse(false);
                if (here) {
                    best = domain;
                    bestAt = at;
                }
            }
        }
        if (best != null) {
            return Optional.of(new DsoRecipient(best, Optional.empty()));
        }
        if (deliveries.outcome(messageId).isEmpty()) {
            LOG.infof(
                    "UFTP outbox: FlexOffer %s of offer %s is not sent: the DSO has %s UFTP domains %s and none sent a"
                            + " FlexRequest for congestion point %s (tried again at the next scan)",
                    messageId, offer.path("id").asText(), domains.size(), domains, congestionPoint);
        }
        return Optional.empty();
    }
}
