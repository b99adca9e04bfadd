package io.flexledger.marketplaceapi.uftp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flexledger.contract.Baselines;
import io.flexledger.contract.ErrorCode;
import io.flexledger.contract.Offers;
import io.flexledger.contract.Orders;
import io.flexledger.contract.Registry;
import io.flexledger.contract.Revocations;
import io.flexledger.contract.Settlements;
import io.flexledger.contract.Tx;
import io.flexledger.contract.Uftp;
import io.flexledger.domain.units.Kilowatts;
import io.flexledger.marketplaceapi.api.Endorsers;
import io.flexledger.marketplaceapi.ledger.ChaincodeRejection;
import io.flexledger.marketplaceapi.ledger.FabricLedger;
import io.flexledger.marketplaceapi.ledger.LedgerUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the UFTP edge needs of the ledger: the participant registry and the submission of a mapped message. */
@ApplicationScoped
public class UftpLedger implements UftpMapping.Lookup {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final int PAGE = 100;
    private static final int REVEAL_ATTEMPTS = 5;

    private final FabricLedger ledger;

    public UftpLedger(FabricLedger ledger) {
        this.ledger = ledger;
    }

    /** The organisation this instance signs for. */
    public String mspId() {
        return ledger.mspId();
    }

    /** The registered participant of {@code domain} ({@code {domain, role, publicKey, endpoint, msp, ...}}). */
    public Optional<JsonNode> participant(String domain) {
        try {
            return Optional.of(JSON.readTree(ledger.evaluate(Uftp.READ_PARTICIPANT, domain)));
        } catch (ChaincodeRejection e) {
            if (e.is(ErrorCode.UFTP_PARTICIPANT_NOT_FOUND)) {
                return Optional.empty();
            }
            throw e;
        } catch (IOException e) {
            throw new LedgerUnavailableException("the ledger returned an unreadable UFTP participant", e);
        }
    }

    /** The recorded UFTP message {@code messageId} of {@code senderDomain}, if the ledger holds it. */
    public Optional<JsonNode> message(String senderDomain, String messageId) {
        try {
            return Optional.of(JSON.readTree(ledger.evaluate(Uftp.READ_MESSAGE, senderDomain, messageId)));
        } catch (ChaincodeRejection e) {
            if (e.is(ErrorCode.UFTP_MESSAGE_NOT_FOUND)) {
                return Optional.empty();
            }
            throw e;
        } catch (IOException e) {
            throw new LedgerUnavailableException("the ledger returned an unreadable UFTP message record", e);
        }
    }

    /**
     * Records a message this organisation sends ({@code uftp:RecordMessage}, the message as the
     * transient field): the chaincode checks the signature against the sender's registered key and
     * refuses a MessageID already recorded ({@code UFTP_MESSAGE_REPLAYED}), so that of two instances
     * (or two runs) about to send one MessageID only one records it.
     */
    public void record(String messageEnvelope) {
        ledger.submit(Uftp.RECORD_MESSAGE, Map.of("uftpMessage", messageEnvelope), List.of());
    }

    /**
     * Registers (or replaces) one of this organisation's UFTP participants ({@code uftp:RegisterParticipant}),
     * returning the record the ledger wrote; the chaincode's refusal is a {@link ChaincodeRejection}.
     */
    public JsonNode registerParticipant(String participantJson) {
        return json(ledger.submit(Uftp.REGISTER_PARTICIPANT, participantJson).payload());
    }

    /** The orders of a day, every page. */
    public List<JsonNode> ordersOf(LocalDate day) {
        return pages(Orders.LIST_ORDERS_BY_DAY, day.toString());
    }

    /** The offers of a day, every page. */
    public List<JsonNode> offersOf(LocalDate day) {
        return pages(Offers.LIST_OFFERS_BY_DAY, day.toString());
    }

    /** The settlements of a day (public records), every page. */
    public List<JsonNode> settlementsOf(LocalDate day) {
        return pages(Settlements.LIST_SETTLEMENTS, day.toString());
    }

    /** An order's record. */
    public JsonNode order(String orderId) {
        return json(ledger.evaluate(Orders.READ_ORDER, orderId));
    }

    /** A settlement's per-slot lines (the DSO and the settlement's aggregator read them). */
    public JsonNode settlementDetails(String settlementId) {
        return json(ledger.evaluate(Settlements.READ_SETTLEMENT_DETAILS, settlementId));
    }

    @Override
    public Optional<List<String>> offerOptions(String messageId) {
        try {
            List<String> ids = new ArrayList<>();
            json(ledger.evaluate(Uftp.READ_OFFER_OPTIONS, messageId))
                    .path("offerIds")
                    .forEach(id -> ids.add(id.asText()));
            return Optional.of(ids);
        } catch (ChaincodeRejection e) {
            if (e.is(ErrorCode.OFFER_NOT_FOUND)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public Optional<JsonNode> offer(String offerId) {
        try {
            return Optional.of(json(ledger.evaluate(Offers.READ_OFFER, offerId)));
        } catch (ChaincodeRejection e) {
            if (e.is(ErrorCode.OFFER_NOT_FOUND)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Revokes one of this aggregator's offers ({@code revocations:RevokeOffer}); an offer no longer
     * live (revoked or ordered meanwhile) is left as it is.
     */
    public void revokeOffer(String offerId, String reason) {
        com.fasterxml.jackson.databind.node.ObjectNode n = JSON.createObjectNode();
        n.put("offerId", offerId);
        n.put("reason", reason.length() > 200 ? reason.substring(0, 200) : reason);
        try {
            ledger.submit(Revocations.REVOKE_OFFER, Map.of(), Endorsers.dsoAnd(ledger.mspId()), n.toString());
        } catch (ChaincodeRejection e) {
            if (!e.is(ErrorCode.REVOCATION_OFFER_NOT_LIVE)) {
                throw e;
            }
        }
    }

    /** Whether the ledger's registry holds congestion point {@code id}. */
    public boolean congestionPointExists(String id) {
        try {
            ledger.evaluate(Registry.READ_CONGESTION_POINT, id);
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
        return pages(Registry.LIST_PORTFOLIO, ledger.mspId()).stream()
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
    public void commitBaseline(String commitmentJson, String messageEnvelope) {
        ledger.submit(
                Baselines.COMMIT_BASELINE,
                Map.of("uftpMessage", messageEnvelope),
                Endorsers.dsoAnd(ledger.mspId()),
                commitmentJson);
    }

    /**
     * Reveals a committed baseline ({@code baselines:RevealBaseline}, values and salt as the transient
     * field {@code baseline}); a refusal is a {@link ChaincodeRejection}.
     */
    public void revealBaseline(String revealJson) {
        List<String> endorsers = Endorsers.dsoAnd(ledger.mspId());
        // The DSO's peer may commit the block a moment after the gateway's peer: the reveal reads it.
        for (int attempt = 1; ; attempt++) {
            try {
                ledger.submit(Baselines.REVEAL_BASELINE, Map.of("baseline", revealJson), endorsers);
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
            List<Kilowatts> values = new ArrayList<>();
            json(ledger.evaluate(Baselines.READ_BASELINE_VALUES, assetId, day.toString()))
                    .path("kwBySlot")
                    // The chaincode writes kW as decimal strings (a number node reads the same).
                    .forEach(v -> values.add(new Kilowatts(new java.math.BigDecimal(v.asText()))));
            return Optional.of(values);
        } catch (ChaincodeRejection e) {
            if (e.is(ErrorCode.BASELINE_NOT_FOUND)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The messages the ledger's log holds of {@code senderDomain}, every page. */
    public List<JsonNode> messagesOf(String senderDomain) {
        return pages(Uftp.LIST_MESSAGES, senderDomain);
    }

    /** A request's record, if the ledger holds it. */
    public Optional<JsonNode> request(String requestId) {
        try {
            return Optional.of(json(ledger.evaluate(io.flexledger.contract.Requests.READ_REQUEST, requestId)));
        } catch (ChaincodeRejection e) {
            if (e.is(ErrorCode.REQUEST_NOT_FOUND)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The registered participants, every page. */
    public List<JsonNode> participants() {
        return pages(Uftp.LIST_PARTICIPANTS);
    }

    private List<JsonNode> pages(Tx transaction, String... leading) {
        List<JsonNode> out = new ArrayList<>();
        String bookmark = "";
        do {
            String[] args = Arrays.copyOf(leading, leading.length + 2);
            args[leading.length] = Integer.toString(PAGE);
            args[leading.length + 1] = bookmark;
            JsonNode page = json(ledger.evaluate(transaction, args));
            page.path("records").forEach(out::add);
            String next = page.path("bookmark").asText("");
            bookmark = next.equals(bookmark) || page.path("records").size() < PAGE ? "" : next;
        } while (!bookmark.isEmpty());
        return out;
    }

    /**
     * Submits {@code call} with the message as the transient field {@code uftpMessage}; a refusal is a
     * {@link ChaincodeRejection}.
     */
    public void submit(UftpMapping.LedgerCall call, String messageEnvelope) {
        List<String> endorsers = switch (call.endorsement()) {
            case DEFAULT -> List.of();
            case DSO_AND_SELF -> Endorsers.dsoAnd(ledger.mspId());
            case OF_OFFER -> Endorsers.ofOffer(ledger::evaluate, call.reference());
            case OF_SETTLEMENT -> Endorsers.ofSettlement(ledger::evaluate, call.reference());
        };
        Map<String, String> transientData = Map.of("uftpMessage", messageEnvelope);
        String argument = call.argument();
        if (call.endorsement() == UftpMapping.Endorsement.OF_SETTLEMENT) {
            JsonNode settlement = json(ledger.evaluate(Settlements.READ_SETTLEMENT, call.reference()));
            JsonNode order = json(ledger.evaluate(
                    Orders.READ_ORDER, settlement.path("orderId").asText()));
            argument = UftpMapping.withFullDeliveryClaim(argument, settlement, order);
        }
        if (argument == null) {
            ledger.submit(call.transaction(), transientData, endorsers);
        } else {
            ledger.submit(call.transaction(), transientData, endorsers, argument);
        }
    }

    private static JsonNode json(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new LedgerUnavailableException("the ledger returned unreadable JSON", e);
        }
    }
}
