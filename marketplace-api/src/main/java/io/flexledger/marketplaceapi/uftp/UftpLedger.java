package io.flexledger.marketplaceapi.uftp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flexledger.contract.ErrorCode;
import io.flexledger.contract.codec.CanonicalJson;
import io.flexledger.contract.codec.MarketRecords;
import io.flexledger.contract.codec.RegistryRecords;
import io.flexledger.contract.codec.SettlementRecords;
import io.flexledger.contract.codec.SettlementRecords.StoredSettlement;
import io.flexledger.contract.codec.UftpRecords;
import io.flexledger.domain.market.BaselineCommitment;
import io.flexledger.domain.market.FlexOfferRevocation;
import io.flexledger.domain.settlement.Dispute;
import io.flexledger.domain.settlement.DisputeClaim;
import io.flexledger.domain.units.Kilowatts;
import io.flexledger.domain.validation.ValidationException;
import io.flexledger.marketplaceapi.ledger.ChaincodeRejection;
import io.flexledger.marketplaceapi.ledger.Ledger;
import io.flexledger.marketplaceapi.ledger.LedgerUnavailableException;
import io.flexledger.marketplaceapi.ledger.Page;
import io.flexledger.marketplaceapi.ledger.RegistryLedger;
import io.flexledger.marketplaceapi.ledger.SettlementLedger;
import io.flexledger.marketplaceapi.ledger.UftpLedgerPort;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What the UFTP edge needs of the ledger, over the ports in front of it: the participant registry and
 * message log ({@link UftpLedgerPort}), the submission of a mapped message as the transaction it means,
 * and the reads of offers, orders, homes, baselines and settlements ({@link Ledger}, {@link
 * RegistryLedger}, {@link SettlementLedger}) as records, every page, or empty where the ledger has none.
 */
@ApplicationScoped
public class UftpLedger implements UftpMapping.Lookup {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String PAGE = "100";
    private static final int REVEAL_ATTEMPTS = 5;

    private final UftpLedgerPort uftp;
    private final Ledger market;
    private final RegistryLedger registry;
    private final SettlementLedger settlements;

    public UftpLedger(UftpLedgerPort uftp, Ledger market, RegistryLedger registry, SettlementLedger settlements) {
        this.uftp = uftp;
        this.market = market;
        this.registry = registry;
        this.settlements = settlements;
    }

    /** The organisation this instance signs for. */
    public String mspId() {
        return uftp.mspId();
    }

    /** The registered participant of {@code domain}. */
    public Optional<UftpRecords.StoredParticipant> participant(String domain) {
        return record(() -> uftp.readParticipant(domain), ErrorCode.UFTP_PARTICIPANT_NOT_FOUND);
    }

    /** The recorded UFTP message {@code messageId} of {@code senderDomain}, if the ledger holds it. */
    public Optional<UftpRecords.StoredMessage> message(String senderDomain, String messageId) {
        return record(() -> uftp.readMessage(senderDomain, messageId), ErrorCode.UFTP_MESSAGE_NOT_FOUND);
    }

    /**
     * Records a message this organisation sends ({@code uftp:RecordMessage}, the message as the
     * transient field): the chaincode checks the signature against the sender's registered key and
     * refuses a MessageID already recorded ({@code UFTP_MESSAGE_REPLAYED}), so that of two instances
     * (or two runs) about to send one MessageID only one records it.
     */
    public void record(String messageEnvelope) {
        uftp.recordMessage(messageEnvelope);
    }

    /**
     * Registers (or replaces) one of this organisation's UFTP participants ({@code uftp:RegisterParticipant}),
     * returning the record the ledger wrote; the chaincode's refusal is a {@link ChaincodeRejection}.
     */
    public JsonNode registerParticipant(UftpRecords.Participant participant) {
        return json(uftp.registerParticipant(participant).payload());
    }

    /** The orders of a day, every page. */
    public List<JsonNode> ordersOf(LocalDate day) {
        return pages(
                (size, bookmark) -> json(market.listOrdersByDay(day.toString(), size, bookmark), MarketRecords::order));
    }

    /** The offers of a day, every page. */
    public List<JsonNode> offersOf(LocalDate day) {
        return pages(
                (size, bookmark) -> json(market.listOffersByDay(day.toString(), size, bookmark), MarketRecords::offer));
    }

    /** The settlements of a day (public records), every page. */
    public List<JsonNode> settlementsOf(LocalDate day) {
        return pages((size, bookmark) ->
                json(settlements.listSettlements(day.toString(), size, bookmark), StoredSettlement::toJson));
    }

    /** An order's record. */
    public JsonNode order(String orderId) {
        return json(CanonicalJson.bytes(MarketRecords.order(market.readOrder(orderId))));
    }

    /** A settlement's per-slot lines (the DSO and the settlement's aggregator read them). */
    public JsonNode settlementDetails(String settlementId) {
        return json(CanonicalJson.bytes(SettlementRecords.details(settlements.readSettlementDetails(settlementId))));
    }

    @Override
    public Optional<List<String>> offerOptions(String messageId) {
        return record(() -> uftp.readOfferOptions(messageId), ErrorCode.OFFER_NOT_FOUND)
                .map(UftpRecords.StoredOfferOptions::offerIds);
    }

    @Override
    public Optional<JsonNode> offer(String offerId) {
        return found(
                () -> CanonicalJson.bytes(MarketRecords.offer(market.readOffer(offerId))), ErrorCode.OFFER_NOT_FOUND);
    }

    /**
     * Revokes one of this aggregator's offers ({@code revocations:RevokeOffer}); an offer no longer
     * live (revoked or ordered meanwhile) is left as it is.
     */
    public void revokeOffer(String offerId, String reason) {
        String stated = reason.length() > 200 ? reason.substring(0, 200) : reason;
        try {
            FlexOfferRevocation revocation;
            try {
                revocation = new FlexOfferRevocation(offerId, uftp.mspId(), stated);
            } catch (ValidationException e) {
                throw ChaincodeRejection.parse(UftpMapping.invalid(e.prefixed("$")));
            }
            uftp.revokeOffer(revocation);
        } catch (ChaincodeRejection e) {
            if (!e.is(ErrorCode.REVOCATION_OFFER_NOT_LIVE)) {
                throw e;
            }
        }
    }

    /** Whether the ledger's registry holds congestion point {@code id}. */
    public boolean congestionPointExists(String id) {
        try {
            registry.readCongestionPoint(id);
            return true;
        } catch (ChaincodeRejection e) {
            if (e.is(ErrorCode.CONGESTION_POINT_NOT_FOUND)) {
                return false;
            }
            throw e;
        }
    }

    /** The ids of this organisation's homes registered at congestion point {@code id}. */
    public List<String> ownHomesAt(String congestionPointId) {
        return pages((size, bookmark) -> json(uftp.listPortfolio(uftp.mspId(), size, bookmark), RegistryRecords::asset))
                .stream()
                .filter(a ->
                        congestionPointId.equals(a.path("congestionPointId").asText()))
                .map(a -> a.path("id").asText())
                .toList();
    }

    /**
     * Commits a home's baseline with the D-Prognosis that states it ({@code baselines:CommitBaseline},
     * the message as the transient field, checked and recorded with it; the DSO's peer endorses too).
     * A refusal is a {@link ChaincodeRejection} and writes nothing.
     */
    public void commitBaseline(BaselineCommitment commitment, String messageEnvelope) {
        uftp.commitBaseline(commitment, messageEnvelope);
    }

    /**
     * Reveals a committed baseline ({@code baselines:RevealBaseline}, values and salt as the transient
     * field {@code baseline}); a refusal is a {@link ChaincodeRejection}.
     */
    public void revealBaseline(MarketRecords.Reveal reveal) {
        // The DSO's peer may commit the block a moment after the gateway's peer: the reveal reads it.
        for (int attempt = 1; ; attempt++) {
            try {
                uftp.revealBaseline(reveal);
                return;
            } catch (ChaincodeRejection e) {
                if (!e.is(ErrorCode.BASELINE_NOT_FOUND) || attempt == REVEAL_ATTEMPTS) {
                    throw e;
                }
            }
            try {
                Thread.sleep(200L * attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LedgerUnavailableException("interrupted before revealing a baseline", e);
            }
        }
    }

    /**
     * The revealed values (kW by slot) of {@code assetId}'s baseline for {@code day}, empty when none is
     * committed or revealed ({@code baselines:ReadBaselineValues}: the home's aggregator reads them).
     */
    public Optional<List<Kilowatts>> revealedBaseline(String assetId, LocalDate day) {
        try {
            return Optional.of(settlements
                    .readBaselineValues(assetId, day.toString())
                    .baseline()
                    .kwBySlot());
        } catch (ChaincodeRejection e) {
            if (e.is(ErrorCode.BASELINE_NOT_FOUND)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The messages the ledger's log holds of {@code senderDomain}, every page. */
    public List<UftpRecords.StoredMessage> messagesOf(String senderDomain) {
        return every((size, bookmark) -> uftp.listMessages(senderDomain, size, bookmark));
    }

    /** A request's record, if the ledger holds it. */
    public Optional<JsonNode> request(String requestId) {
        return found(
                () -> CanonicalJson.bytes(MarketRecords.request(market.readRequest(requestId))),
                ErrorCode.REQUEST_NOT_FOUND);
    }

    /** The registered participants, every page. */
    public List<UftpRecords.StoredParticipant> participants() {
        return every(uftp::listParticipants);
    }

    /** Every page of a paged read of decoded records, given the page size and bookmark. */
    private static <T> List<T> every(BiFunction<String, String, Page<T>> read) {
        List<T> out = new ArrayList<>();
        String bookmark = "";
        do {
            Page<T> page = read.apply(PAGE, bookmark);
            out.addAll(page.records());
            String next = page.bookmark();
            bookmark = next.equals(bookmark) || page.records().size() < Integer.parseInt(PAGE) ? "" : next;
        } while (!bookmark.isEmpty());
        return out;
    }

    /**
     * Submits {@code call} with the message as the transient field {@code uftpMessage}, as the port's
     * transaction it names, with the value it carries; a refusal is a {@link ChaincodeRejection} (a
     * dispute's claim the ledger would refuse as input is refused so here, with the chaincode's text).
     */
    public void submit(UftpMapping.LedgerCall call, String messageEnvelope) {
        if (call instanceof UftpMapping.CreateRequest c) {
            uftp.createRequest(c.request(), messageEnvelope);
        } else if (call instanceof UftpMapping.CreateOffer c) {
            uftp.createOffer(c.offer(), messageEnvelope);
        } else if (call instanceof UftpMapping.CreateOffers c) {
            uftp.createOffers(c.options(), messageEnvelope);
        } else if (call instanceof UftpMapping.RevokeOffer c) {
            uftp.revokeOffer(c.revocation(), messageEnvelope);
        } else if (call instanceof UftpMapping.RevokeOffers c) {
            uftp.revokeOffers(c.revocation(), messageEnvelope);
        } else if (call instanceof UftpMapping.CreateOrder c) {
            uftp.createOrder(c.order(), messageEnvelope);
        } else if (call instanceof UftpMapping.OpenDispute c) {
            // UFTP states no figures for a disputed line: the claim is the order delivered in full.
            JsonNode settlement = json(CanonicalJson.bytes(
                    settlements.readSettlement(c.settlementId()).toJson()));
            JsonNode order = order(settlement.path("orderId").asText());
            DisputeClaim claim;
            try {
                claim = UftpMapping.withFullDeliveryClaim(settlement, order);
            } catch (ValidationException e) {
                throw ChaincodeRejection.parse(UftpMapping.invalid(e.prefixed("$.claim")));
            }
            Dispute dispute;
            try {
                dispute = c.opened(uftp.mspId(), claim);
            } catch (UftpMapping.Rejected e) {
                throw ChaincodeRejection.parse(e.getMessage());
            }
            uftp.openDispute(dispute, messageEnvelope);
        } else if (call instanceof UftpMapping.RecordPrognosis c) {
            uftp.recordPrognosis(c.prognosis(), messageEnvelope);
        } else if (call instanceof UftpMapping.RecordMessage) {
            uftp.recordMessage(messageEnvelope);
        } else {
            throw new IllegalArgumentException(
                    "the UFTP edge does not submit " + call.transaction().fullName());
        }
    }

    /** Reads one decoded record; empty when the ledger refuses it as {@code notFound}. */
    private static <T> Optional<T> record(java.util.function.Supplier<T> read, ErrorCode notFound) {
        try {
            return Optional.of(read.get());
        } catch (ChaincodeRejection e) {
            if (e.is(notFound)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Reads one record; empty when the ledger refuses it as {@code notFound}. */
    private static Optional<JsonNode> found(java.util.function.Supplier<byte[]> read, ErrorCode notFound) {
        try {
            return Optional.of(json(read.get()));
        } catch (ChaincodeRejection e) {
            if (e.is(notFound)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Every page of a paged read ({@code {records, bookmark}}), given the page size and bookmark. */
    private static List<JsonNode> pages(BiFunction<String, String, byte[]> page) {
        List<JsonNode> out = new ArrayList<>();
        String bookmark = "";
        do {
            JsonNode records = json(page.apply(PAGE, bookmark));
            records.path("records").forEach(out::add);
            String next = records.path("bookmark").asText("");
            bookmark = next.equals(bookmark) || records.path("records").size() < Integer.parseInt(PAGE) ? "" : next;
        } while (!bookmark.isEmpty());
        return out;
    }

    /** A decoded page of the market's records as the chaincode answers it, each record written by {@code writer}. */
    private static <T> byte[] json(Page<T> page, Function<T, Map<String, Object>> writer) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("records", page.records().stream().map(writer).toList());
        out.put("bookmark", page.bookmark());
        return CanonicalJson.bytes(out);
    }

    private static JsonNode json(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new LedgerUnavailableException("the ledger returned unreadable JSON", e);
        }
    }
}
