package io.flexledger.marketplaceapi.api;

import io.flexledger.contract.Baselines;
import io.flexledger.contract.Disputes;
import io.flexledger.contract.Offers;
import io.flexledger.contract.Orders;
import io.flexledger.contract.Registry;
import io.flexledger.contract.Requests;
import io.flexledger.contract.Revocations;
import io.flexledger.contract.Tx;
import io.flexledger.contract.Uftp;
import io.flexledger.marketplaceapi.ledger.FabricLedger;
import io.flexledger.marketplaceapi.ledger.LedgerReceipt;
import io.flexledger.marketplaceapi.ledger.UftpLedgerPort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/**
 * The {@link UftpLedgerPort} over the Fabric Gateway ({@link FabricLedger}): each method is its
 * catalogued transaction, the message as the transient field {@value #MESSAGE_TRANSIENT}, endorsed as
 * the record's key-level policy wants ({@link Endorsers}): offers, revocations, baselines and
 * prognoses by the DSO and this aggregator, an order by the DSO and the offer's aggregator, a dispute by
 * the DSO and the settlement's aggregator; requests, participants and the message log by the
 * chaincode-level policy. The writes are plain submits (no idempotency key: a MessageID is accepted once).
 */
@ApplicationScoped
public class GatewayUftpLedger extends GatewayPort implements UftpLedgerPort {
    /** The transient field carrying a UFTP message. */
    static final String MESSAGE_TRANSIENT = Uftp.MESSAGE_TRANSIENT;

    public GatewayUftpLedger(FabricLedger fabric) {
        super(fabric);
    }

    @Override
    public LedgerReceipt registerParticipant(String participantJson) {
        return fabric.submit(Uftp.REGISTER_PARTICIPANT, participantJson);
    }

    @Override
    public byte[] readParticipant(String domain) {
        return fabric.evaluate(Uftp.READ_PARTICIPANT, domain);
    }

    @Override
    public byte[] listParticipants(String pageSize, String bookmark) {
        return fabric.evaluate(Uftp.LIST_PARTICIPANTS, pageSize, bookmark);
    }

    @Override
    public LedgerReceipt recordMessage(String message) {
        return fabric.submit(Uftp.RECORD_MESSAGE, Map.of(MESSAGE_TRANSIENT, message), List.of());
    }

    @Override
    public byte[] readMessage(String senderDomain, String messageId) {
        return fabric.evaluate(Uftp.READ_MESSAGE, senderDomain, messageId);
    }

    @Override
    public byte[] listMessages(String senderDomain, String pageSize, String bookmark) {
        return fabric.evaluate(Uftp.LIST_MESSAGES, senderDomain, pageSize, bookmark);
    }

    @Override
    public byte[] readOfferOptions(String flexOfferMessageId) {
        return fabric.evaluate(Uftp.READ_OFFER_OPTIONS, flexOfferMessageId);
    }

    @Override
    public LedgerReceipt createRequest(String requestJson, String message) {
        return carrying(Requests.CREATE_REQUEST, message, List.of(), requestJson);
    }

    @Override
    public LedgerReceipt createOffer(String offerJson, String message) {
        return carrying(Offers.CREATE_OFFER, message, dsoAndSelf(), offerJson);
    }

    @Override
    public LedgerReceipt createOffers(String offersJson, String message) {
        return carrying(Uftp.CREATE_OFFERS, message, dsoAndSelf(), offersJson);
    }

    @Override
    public LedgerReceipt revokeOffer(String revocationJson, String message) {
        return carrying(Revocations.REVOKE_OFFER, message, dsoAndSelf(), revocationJson);
    }

    @Override
    public LedgerReceipt revokeOffer(String revocationJson) {
        return fabric.submit(Revocations.REVOKE_OFFER, Map.of(), dsoAndSelf(), revocationJson);
    }

    @Override
    public LedgerReceipt revokeOffers(String revocationJson, String message) {
        return carrying(Uftp.REVOKE_OFFERS, message, dsoAndSelf(), revocationJson);
    }

    @Override
    public LedgerReceipt createOrder(String offerId, String orderJson, String message) {
        return carrying(Orders.CREATE_ORDER, message, Endorsers.ofOffer(fabric::evaluate, offerId), orderJson);
    }

    @Override
    public LedgerReceipt openDispute(String settlementId, String disputeJson, String message) {
        return carrying(
                Disputes.OPEN_DISPUTE, message, Endorsers.ofSettlement(fabric::evaluate, settlementId), disputeJson);
    }

    @Override
    public LedgerReceipt commitBaseline(String commitmentJson, String message) {
        return carrying(Baselines.COMMIT_BASELINE, message, dsoAndSelf(), commitmentJson);
    }

    @Override
    public LedgerReceipt revealBaseline(String revealJson) {
        return fabric.submit(
                Baselines.REVEAL_BASELINE, Map.of(BaselinesResource.BASELINE_TRANSIENT, revealJson), dsoAndSelf());
    }

    @Override
    public LedgerReceipt recordPrognosis(String prognosisJson, String message) {
        return carrying(Baselines.RECORD_PROGNOSIS, message, dsoAndSelf(), prognosisJson);
    }

    @Override
    public byte[] listPortfolio(String aggregatorMsp, String pageSize, String bookmark) {
        return fabric.evaluate(Registry.LIST_PORTFOLIO, aggregatorMsp, pageSize, bookmark);
    }

    /** The DSO and this aggregator: the endorsers of its offers, revocations and baselines. */
    private List<String> dsoAndSelf() {
        return Endorsers.dsoAnd(fabric.mspId());
    }

    private LedgerReceipt carrying(Tx transaction, String message, List<String> endorsers, String argument) {
        return fabric.submit(transaction, Map.of(MESSAGE_TRANSIENT, message), endorsers, argument);
    }
}
