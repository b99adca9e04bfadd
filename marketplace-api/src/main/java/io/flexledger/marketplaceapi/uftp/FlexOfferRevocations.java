package io.flexledger.marketplaceapi.uftp;

import static io.flexledger.marketplaceapi.uftp.UftpOutbox.messageId;

import com.fasterxml.jackson.databind.JsonNode;
import io.flexledger.uftp.FlexOfferRevocation;
import io.flexledger.uftp.PayloadMessage;
import io.flexledger.uftp.UsefRole;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The aggregator outbox's FlexOfferRevocations (decision 0019): a FlexOffer this edge announced and
 * whose offer (or every option) is revoked on the ledger is withdrawn, to the domain it went to, once.
 */
final class FlexOfferRevocations {
    private final UftpLedger ledger;
    private final OutboxDeliveries deliveries;
    private final Supplier<Optional<UftpOutbox.Settings>> settings;

    FlexOfferRevocations(
            UftpLedger ledger, OutboxDeliveries deliveries, Supplier<Optional<UftpOutbox.Settings>> settings) {
        this.ledger = ledger;
        this.deliveries = deliveries;
        this.settings = settings;
    }

    /**
     * Tells the DSO participant that a FlexOffer this edge sent is withdrawn: when one of this
     * aggregator's offers is revoked on the ledger ({@code OfferRevoked}, or a revoked offer the scan
     * finds) and its FlexOffer went out from this edge (the message log holds it under the edge's
     * domain), a FlexOfferRevocation of that FlexOffer goes to the domain it went to, MessageID
     * name-based on the FlexOffer, once. A FlexOffer of several options is revoked only when none of
     * its options is open any more and none is ordered (the revocations that follow an order of one
     * option are not a withdrawal: the FlexOrder says what happened). The offer's owner is read from the
     * ledger, not from the event, so another aggregator's revocation is never announced as ours.
     */
    void revocation(String offerId) {
        if (offerId.isEmpty()) {
            return;
        }
        Optional<UftpOutbox.Settings> current = settings.get();
        if (current.isEmpty()) {
            return;
        }
        UftpOutbox.Settings s = current.get();
        Optional<JsonNode> offer = ledger.offer(offerId);
        if (offer.isEmpty()
                || !ledger.mspId().equals(offer.get().path("aggregatorMsp").asText())
                || !"REVOKED".equals(offer.get().path("state").asText())) {
            return;
        }
        String key = FlexOfferAnnouncements.groupOf(offer.get())
                .filter(g ->
                        ledger.offerOptions(g).map(l -> l.contains(offerId)).orElse(false))
                .orElse(offerId);
        if (!key.equals(offerId)) {
            for (String sibling : ledger.offerOptions(key).orElse(List.of())) {
                String state =
                        ledger.offer(sibling).map(x -> x.path("state").asText()).orElse("");
                if (!"REVOKED".equals(state)) {
                    return;
                }
            }
        }
        UUID flexOffer = messageId("FlexOffer", key);
        Optional<io.flexledger.contract.codec.UftpRecords.StoredMessage> sent =
                ledger.message(s.senderDomain(), flexOffer.toString());
        if (sent.isEmpty()) {
            // Never announced over UFTP: nobody there to tell.
            return;
        }
        deliveries.send(
                messageId("FlexOfferRevocation", key),
                () -> flexOfferRevocation(key, sent.get(), s.senderDomain()),
                UsefRole.AGR,
                s);
    }

    /**
     * The FlexOfferRevocation of the FlexOffer this edge sent for ledger offer (or FlexOffer of options)
     * {@code key}, to the domain the FlexOffer went to, in its conversation.
     */
    static FlexOfferRevocation flexOfferRevocation(
            String key, io.flexledger.contract.codec.UftpRecords.StoredMessage sentFlexOffer, String senderDomain) {
        FlexOfferRevocation m = new FlexOfferRevocation();
        String conversation = sentFlexOffer.conversationId() == null ? "" : sentFlexOffer.conversationId();
        m.setVersion(PayloadMessage.VERSION)
                .setSenderDomain(senderDomain)
                .setRecipientDomain(sentFlexOffer.recipientDomain())
                .setTimeStamp(OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS))
                .setMessageId(messageId("FlexOfferRevocation", key))
                .setConversationId(
                        conversation.isEmpty() ? messageId("conversation", key) : UUID.fromString(conversation));
        m.setFlexOfferMessageId(messageId("FlexOffer", key));
        return m;
    }
}
