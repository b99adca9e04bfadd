package io.flexledger.marketplaceapi.ledger;

import io.flexledger.contract.codec.MarketRecords;
import io.flexledger.contract.codec.RegistryRecords;
import io.flexledger.contract.codec.UftpRecords;
import io.flexledger.domain.market.BaselineCommitment;
import io.flexledger.domain.market.FlexOffer;
import io.flexledger.domain.market.FlexOfferRevocation;
import io.flexledger.domain.market.FlexOrder;
import io.flexledger.domain.market.FlexRequest;
import io.flexledger.domain.settlement.Dispute;

/**
 * The port in front of the ledger for the UFTP edge (decision 0019): the {@code uftp} contract's
 * transactions and the transactions that carry a UFTP message, one method each. A {@code message} is
 * the envelope the chaincode checks and records with the transaction (the transient field {@code
 * uftpMessage}: {@code {messageId, conversationId, senderDomain, recipientDomain, messageType,
 * signedBody}}); the transaction is refused, and writes nothing, unless the sender's domain is the
 * caller's, the recipient another registered domain, the signature the sender's and the MessageID new.
 * None of these writes takes an idempotency key: a MessageID is accepted once. The records a message
 * means are domain values, written as the transaction's input by the ledger contract's codec; the
 * message stays the signed XML it is (the evidence). The reads the edge makes
 * of offers, orders, homes, baselines and settlements go through {@link Ledger}, {@link RegistryLedger}
 * and {@link SettlementLedger}.
 *
 * <p>{@code api.GatewayUftpLedger} implements it over the Fabric Gateway; the tests have an in-memory one.
 */
public interface UftpLedgerPort extends LedgerPort {
    /** {@code uftp:RegisterParticipant}: registers or replaces one of this organisation's UFTP domains. */
    LedgerReceipt registerParticipant(UftpRecords.Participant participant);

    /** {@code uftp:ReadParticipant}: the registered participant of a domain. */
    UftpRecords.StoredParticipant readParticipant(String domain);

    /** {@code uftp:ListParticipants}: a page of the registered participants. */
    Page<UftpRecords.StoredParticipant> listParticipants(String pageSize, String bookmark);

    /** {@code uftp:RecordMessage}: records a message without a ledger effect. */
    LedgerReceipt recordMessage(String message);

    /** {@code uftp:ReadMessage}: the recorded message {@code messageId} of {@code senderDomain}. */
    UftpRecords.StoredMessage readMessage(String senderDomain, String messageId);

    /** {@code uftp:ListMessages}: a page of the messages recorded of {@code senderDomain}. */
    Page<UftpRecords.StoredMessage> listMessages(String senderDomain, String pageSize, String bookmark);

    /** {@code uftp:ReadOfferOptions}: the ledger offers of a FlexOffer of several options. */
    UftpRecords.StoredOfferOptions readOfferOptions(String flexOfferMessageId);

    /** {@code requests:CreateRequest} with the FlexRequest that states it. */
    LedgerReceipt createRequest(FlexRequest request, String message);

    /** {@code offers:CreateOffer} with the FlexOffer of one option that states it. */
    LedgerReceipt createOffer(FlexOffer offer, String message);

    /** {@code uftp:CreateOffers}: every option of a FlexOffer as an offer, all or none, with the FlexOffer. */
    LedgerReceipt createOffers(UftpRecords.OfferOptions options, String message);

    /** {@code revocations:RevokeOffer} with the FlexOfferRevocation that states it. */
    LedgerReceipt revokeOffer(FlexOfferRevocation revocation, String message);

    /**
     * {@code revocations:RevokeOffer} without a message: the outbox revokes the options a FlexOrder of
     * another option left open.
     */
    LedgerReceipt revokeOffer(FlexOfferRevocation revocation);

    /** {@code uftp:RevokeOffers}: every option of a FlexOffer, all or none, with the FlexOfferRevocation. */
    LedgerReceipt revokeOffers(UftpRecords.OptionsRevocation revocation, String message);

    /** {@code orders:CreateOrder} of the order's offer with the FlexOrder that states it. */
    LedgerReceipt createOrder(FlexOrder order, String message);

    /** {@code disputes:OpenDispute} of the dispute's settlement with the FlexSettlementResponse. */
    LedgerReceipt openDispute(Dispute dispute, String message);

    /** {@code baselines:CommitBaseline} of one home with the D-Prognosis that states it. */
    LedgerReceipt commitBaseline(BaselineCommitment commitment, String message);

    /** {@code baselines:RevealBaseline}: the values and salt of a committed baseline (transient). */
    LedgerReceipt revealBaseline(MarketRecords.Reveal reveal);

    /**
     * {@code baselines:RecordPrognosis}: a D-Prognosis of a congestion point where the caller has several
     * homes, accepted when it is the sum of their revealed baselines.
     */
    LedgerReceipt recordPrognosis(UftpRecords.PrognosisOf prognosis, String message);

    /** {@code registry:ListPortfolio}: a page of an aggregator's homes (their public asset records). */
    Page<RegistryRecords.StoredAsset> listPortfolio(String aggregatorMsp, String pageSize, String bookmark);
}
