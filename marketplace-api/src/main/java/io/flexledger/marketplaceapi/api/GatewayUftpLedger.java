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
import io.flexledger.contract.codec.CanonicalJson;
import io.flexledger.contract.codec.InputRefusal;
import io.flexledger.contract.codec.JsonFields;
import io.flexledger.contract.codec.MarketRecords;
import io.flexledger.contract.codec.RegistryRecords;
import io.flexledger.contract.codec.SettlementRecords;
import io.flexledger.contract.codec.UftpRecords;
import io.flexledger.domain.market.BaselineCommitment;
import io.flexledger.domain.market.FlexOffer;
import io.flexledger.domain.market.FlexOfferRevocation;
import io.flexledger.domain.market.FlexOrder;
import io.flexledger.domain.market.FlexRequest;
import io.flexledger.domain.settlement.Dispute;
import io.flexledger.domain.validation.ValidationException;
import io.flexledger.marketplaceapi.ledger.FabricLedger;
import io.flexledger.marketplaceapi.ledger.LedgerReceipt;
import io.flexledger.marketplaceapi.ledger.LedgerUnavailableException;
import io.flexledger.marketplaceapi.ledger.Page;
import io.flexledger.marketplaceapi.ledger.UftpLedgerPort;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@link UftpLedgerPort} over the Fabric Gateway ({@link FabricLedger}): each method is its
 * catalogued transaction, the message as the transient field {@value #MESSAGE_TRANSIENT}, endorsed as
 * the record's key-level policy wants ({@link Endorsers}): offers, revocations, baselines and
 * prognoses by the DSO and this aggregator, an order by the DSO and the offer's aggregator, a dispute by
 * the DSO and the settlement's aggregator; requests, participants and the message log by the
 * chaincode-level policy. The writes are plain submits (no idempotency key: a MessageID is accepted once),
 * each input written by the ledger contract's codec from the domain value.
 */
@ApplicationScoped
public class GatewayUftpLedger extends GatewayPort implements UftpLedgerPort {
    /** The transient field carrying a UFTP message. */
    static final String MESSAGE_TRANSIENT = Uftp.MESSAGE_TRANSIENT;

    public GatewayUftpLedger(FabricLedger fabric) {
        super(fabric);
    }

    @Override
    public LedgerReceipt registerParticipant(UftpRecords.Participant participant) {
        return fabric.submit(Uftp.REGISTER_PARTICIPANT, CanonicalJson.write(UftpRecords.participantInput(participant)));
    }

    @Override
    public UftpRecords.StoredParticipant readParticipant(String domain) {
        return decoded(fabric.evaluate(Uftp.READ_PARTICIPANT, domain), UftpRecords::storedParticipant);
    }

    @Override
    public Page<UftpRecords.StoredParticipant> listParticipants(String pageSize, String bookmark) {
        return page(fabric.evaluate(Uftp.LIST_PARTICIPANTS, pageSize, bookmark), UftpRecords::storedParticipant);
    }

    @Override
    public LedgerReceipt recordMessage(String message) {
        return fabric.submit(Uftp.RECORD_MESSAGE, Map.of(MESSAGE_TRANSIENT, message), List.of());
    }

    @Override
    public UftpRecords.StoredMessage readMessage(String senderDomain, String messageId) {
        return decoded(fabric.evaluate(Uftp.READ_MESSAGE, senderDomain, messageId), UftpRecords::storedMessage);
    }

    @Override
    public Page<UftpRecords.StoredMessage> listMessages(String senderDomain, String pageSize, String bookmark) {
        return page(fabric.evaluate(Uftp.LIST_MESSAGES, senderDomain, pageSize, bookmark), UftpRecords::storedMessage);
    }

    @Override
    public UftpRecords.StoredOfferOptions readOfferOptions(String flexOfferMessageId) {
        return decoded(fabric.evaluate(Uftp.READ_OFFER_OPTIONS, flexOfferMessageId), UftpRecords::storedOfferOptions);
    }

    @Override
    public LedgerReceipt createRequest(FlexRequest request, String message) {
        return carrying(Requests.CREATE_REQUEST, message, List.of(), MarketRecords.requestInput(request));
    }

    @Override
    public LedgerReceipt createOffer(FlexOffer offer, String message) {
        return carrying(Offers.CREATE_OFFER, message, dsoAndSelf(), MarketRecords.offerInput(offer));
    }

    @Override
    public LedgerReceipt createOffers(UftpRecords.OfferOptions options, String message) {
        return carrying(Uftp.CREATE_OFFERS, message, dsoAndSelf(), UftpRecords.offerOptionsInput(options));
    }

    @Override
    public LedgerReceipt revokeOffer(FlexOfferRevocation revocation, String message) {
        return carrying(Revocations.REVOKE_OFFER, message, dsoAndSelf(), MarketRecords.revocationInput(revocation));
    }

    @Override
    public LedgerReceipt revokeOffer(FlexOfferRevocation revocation) {
        return fabric.submit(
                Revocations.REVOKE_OFFER,
                Map.of(),
                dsoAndSelf(),
                CanonicalJson.write(MarketRecords.revocationInput(revocation)));
    }

    @Override
    public LedgerReceipt revokeOffers(UftpRecords.OptionsRevocation revocation, String message) {
        return carrying(Uftp.REVOKE_OFFERS, message, dsoAndSelf(), UftpRecords.optionsRevocationInput(revocation));
    }

    @Override
    public LedgerReceipt createOrder(FlexOrder order, String message) {
        return carrying(
                Orders.CREATE_ORDER,
                message,
                Endorsers.ofOffer(fabric::evaluate, order.offerId()),
                MarketRecords.orderInput(order));
    }

    @Override
    public LedgerReceipt openDispute(Dispute dispute, String message) {
        return carrying(
                Disputes.OPEN_DISPUTE,
                message,
                Endorsers.ofSettlement(fabric::evaluate, dispute.settlementId()),
                SettlementRecords.disputeInput(dispute));
    }

    @Override
    public LedgerReceipt commitBaseline(BaselineCommitment commitment, String message) {
        return carrying(Baselines.COMMIT_BASELINE, message, dsoAndSelf(), MarketRecords.commitmentInput(commitment));
    }

    @Override
    public LedgerReceipt revealBaseline(MarketRecords.Reveal reveal) {
        return fabric.submit(
                Baselines.REVEAL_BASELINE,
                Map.of(BaselinesResource.BASELINE_TRANSIENT, CanonicalJson.write(MarketRecords.revealInput(reveal))),
                dsoAndSelf());
    }

    @Override
    public LedgerReceipt recordPrognosis(UftpRecords.PrognosisOf prognosis, String message) {
        return carrying(Baselines.RECORD_PROGNOSIS, message, dsoAndSelf(), UftpRecords.prognosisInput(prognosis));
    }

    @Override
    public Page<RegistryRecords.StoredAsset> listPortfolio(String aggregatorMsp, String pageSize, String bookmark) {
        return page(
                fabric.evaluate(Registry.LIST_PORTFOLIO, aggregatorMsp, pageSize, bookmark),
                RegistryRecords::storedAsset);
    }

    /** A stored record the chaincode answered, decoded by the codec; one it cannot read is the ledger's fault. */
    static <T> T decoded(byte[] json, Function<JsonFields, T> reader) {
        try {
            return reader.apply(MarketRecords.stored(new String(json, StandardCharsets.UTF_8)));
        } catch (InputRefusal | ValidationException e) {
            throw new LedgerUnavailableException(
                    "the ledger returned a record the codec cannot read: " + e.getMessage(), e);
        }
    }

    /** A page {@code {records, bookmark}} the chaincode answered, each record decoded by the codec. */
    static <T> Page<T> page(byte[] json, Function<JsonFields, T> reader) {
        return decoded(json, in -> {
            List<JsonFields> records = in.objects("records");
            String bookmark = in.has("bookmark") ? in.string("bookmark") : "";
            in.done();
            return new Page<>(records.stream().map(reader).toList(), bookmark);
        });
    }

    /** The DSO and this aggregator: the endorsers of its offers, revocations and baselines. */
    private List<String> dsoAndSelf() {
        return Endorsers.dsoAnd(fabric.mspId());
    }

    /** {@code transaction} with the message as its transient field, its input written canonically. */
    private LedgerReceipt carrying(Tx transaction, String message, List<String> endorsers, Map<String, Object> input) {
        return fabric.submit(transaction, Map.of(MESSAGE_TRANSIENT, message), endorsers, CanonicalJson.write(input));
    }
}
