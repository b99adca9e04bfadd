package io.flexledger.marketplaceapi.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.contract.ErrorCode;
import io.flexledger.contract.Offers;
import io.flexledger.contract.Orders;
import io.flexledger.contract.Requests;
import io.flexledger.contract.Revocations;
import io.flexledger.contract.Tx;
import io.flexledger.contract.Uftp;
import io.flexledger.contract.ValidationCodes;
import io.flexledger.contract.codec.CanonicalJson;
import io.flexledger.contract.codec.InputRefusal;
import io.flexledger.contract.codec.JsonFields;
import io.flexledger.contract.codec.JsonReader;
import io.flexledger.contract.codec.MarketRecords;
import io.flexledger.contract.codec.MarketRecords.StoredOffer;
import io.flexledger.contract.codec.MarketRecords.StoredOrder;
import io.flexledger.contract.codec.MarketRecords.StoredRequest;
import io.flexledger.contract.codec.MarketRecords.StoredRevocation;
import io.flexledger.domain.market.FlexOffer;
import io.flexledger.domain.market.FlexOfferRevocation;
import io.flexledger.domain.market.FlexOfferState;
import io.flexledger.domain.market.FlexOrder;
import io.flexledger.domain.market.FlexOrderState;
import io.flexledger.domain.market.FlexRequest;
import io.flexledger.domain.market.FlexRequestState;
import io.flexledger.domain.participants.Organisation;
import io.flexledger.domain.validation.ValidationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A {@link Ledger} in memory for the tests, enabled by {@link InMemoryLedgerProfile}. It keeps the
 * chaincode's rules that the API's answers depend on: who may write what (offers by aggregators for
 * themselves, requests and orders by the DSO, revocations by the offer's aggregator), unique ids,
 * unknown ids, live offers only ordered or revoked once, the minimum activation, no asset sold twice
 * in a slot, cancellation of accepted orders only, closing of the DSO's open requests only, an order
 * endorsed by the offer's aggregator (else not committed: {@code ENDORSEMENT_POLICY_FAILURE}), and
 * idempotency keys (the same request answers the first result, another request under the key is
 * refused; a write without a key is not recorded under one). Every write is a transaction of its own
 * block. Refusals carry the chaincode's codes and messages of the form {@code CODE: text}.
 *
 * <p>It works on domain values as the port hands them over; its records are the ledger contract's
 * stored records, written with the codec the chaincode writes them with ({@link MarketRecords}), so
 * that an answer has the ledger's form. The UFTP edge's inputs, still JSON, are read as the chaincode
 * reads them ({@link #offerInput(String, String)} and its siblings).
 */
@Alternative
@ApplicationScoped
public class InMemoryLedger implements Ledger {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String mspId;
    private final Map<String, StoredOffer> offers = new TreeMap<>();
    private final Map<String, StoredRevocation> revocations = new TreeMap<>();
    private final Map<String, StoredRequest> requests = new TreeMap<>();
    private final Map<String, StoredOrder> orders = new TreeMap<>();
    /** {@code day|asset|slot} to the order that sold it. */
    private final Map<String, String> soldSlots = new HashMap<>();
    /** The options of a FlexOffer of several options ({@code uftp:CreateOffers}), by its MessageID. */
    private final Map<String, ObjectNode> offerOptions = new TreeMap<>();
    /** An option's offer id to its FlexOffer's MessageID. */
    private final Map<String, String> optionOf = new HashMap<>();
    /** A FlexOffer's MessageID to the order that took one of its options ({@code {orderId, offerId}}). */
    private final Map<String, ObjectNode> optionOrders = new HashMap<>();
    /** {@code msp|key} to the request made under it and its receipt. */
    private final Map<String, Keyed> keys = new HashMap<>();

    private final Map<String, Long> blocks = new HashMap<>();
    private long height = 1;

    private record Keyed(String request, LedgerReceipt receipt) {}

    public InMemoryLedger(@ConfigProperty(name = "flex.fabric.msp-id") String mspId) {
        this.mspId = mspId;
    }

    /** This ledger as seen by another organisation's instance (e.g. an aggregator's offer for a DSO test). */
    public Ledger as(String organisation) {
        return new View(organisation);
    }

    /** Forgets every record (between tests). */
    public synchronized void clear() {
        offers.clear();
        revocations.clear();
        requests.clear();
        orders.clear();
        soldSlots.clear();
        offerOptions.clear();
        optionOf.clear();
        optionOrders.clear();
        keys.clear();
    }

    @Override
    public String mspId() {
        return mspId;
    }

    @Override
    public synchronized long blockNumberOf(String txId) {
        Long block = blocks.get(txId);
        if (block == null) {
            throw new LedgerUnavailableException("no transaction " + txId, null);
        }
        return block;
    }

    @Override
    public LedgerReceipt createOffer(String idempotencyKey, FlexOffer offer) {
        return as(mspId).createOffer(idempotencyKey, offer);
    }

    @Override
    public StoredOffer readOffer(String offerId) {
        return as(mspId).readOffer(offerId);
    }

    @Override
    public Page<StoredOffer> listOffersByDay(String day, String pageSize, String bookmark) {
        return as(mspId).listOffersByDay(day, pageSize, bookmark);
    }

    @Override
    public LedgerReceipt revokeOffer(String idempotencyKey, FlexOfferRevocation revocation) {
        return as(mspId).revokeOffer(idempotencyKey, revocation);
    }

    @Override
    public StoredRevocation readRevocation(String offerId) {
        return as(mspId).readRevocation(offerId);
    }

    @Override
    public LedgerReceipt createRequest(String idempotencyKey, FlexRequest request) {
        return as(mspId).createRequest(idempotencyKey, request);
    }

    @Override
    public StoredRequest readRequest(String requestId) {
        return as(mspId).readRequest(requestId);
    }

    @Override
    public Page<StoredRequest> listRequestsByDay(String day, String pageSize, String bookmark) {
        return as(mspId).listRequestsByDay(day, pageSize, bookmark);
    }

    @Override
    public LedgerReceipt closeRequest(String requestId) {
        return as(mspId).closeRequest(requestId);
    }

    @Override
    public LedgerReceipt createOrder(String idempotencyKey, FlexOrder order) {
        return as(mspId).createOrder(idempotencyKey, order);
    }

    @Override
    public LedgerReceipt placeClearedOrder(String aggregatorMsp, FlexOrder order) {
        return as(mspId).placeClearedOrder(aggregatorMsp, order);
    }

    @Override
    public LedgerReceipt cancelOrder(String idempotencyKey, String orderId) {
        return as(mspId).cancelOrder(idempotencyKey, orderId);
    }

    @Override
    public StoredOrder readOrder(String orderId) {
        return as(mspId).readOrder(orderId);
    }

    @Override
    public Page<StoredOrder> listOrdersByDay(String day, String pageSize, String bookmark) {
        return as(mspId).listOrdersByDay(day, pageSize, bookmark);
    }

    /** One organisation's calls. */
    private final class View extends Calls implements Ledger {
        View(String caller) {
            super(InMemoryLedger.this, caller);
        }

        @Override
        public LedgerReceipt createOffer(String idempotencyKey, FlexOffer offer) {
            return writeRecord(Offers.CREATE_OFFER, idempotencyKey, MarketRecords.offerInput(offer), txId -> {
                requireAggregator(ErrorCode.OFFER_MSP_NOT_ALLOWED, "post offers");
                StoredOffer stored = newOffer(offer, txId);
                offers.put(offer.id(), stored);
                return MarketRecords.offer(stored);
            });
        }

        /** A new offer of the caller's, not yet stored; refused as {@code CreateOffer} refuses. */
        private StoredOffer newOffer(FlexOffer offer, String txId) {
            if (!caller.equals(offer.aggregatorMsp())) {
                throw refuse(ErrorCode.OFFER_AGGREGATOR_MISMATCH, "$.aggregatorMsp: the caller is %s", caller);
            }
            if (offers.containsKey(offer.id())) {
                throw refuse(ErrorCode.OFFER_EXISTS, "offer %s already exists", offer.id());
            }
            // The input carries no state: a new offer is offered.
            FlexOffer offered = new FlexOffer(
                    offer.id(),
                    offer.aggregatorMsp(),
                    offer.congestionPointId(),
                    offer.assetId(),
                    offer.period(),
                    offer.requestId(),
                    offer.kwBySlot(),
                    offer.price(),
                    offer.minActivation(),
                    FlexOfferState.OFFERED);
            return new StoredOffer(offered, at(txId), txId);
        }

        /**
         * {@code uftp:CreateOffers}: every option's offer ({@code {flexOfferMessageId, offers: ["<offer
         * JSON>", …]}}, ids {@code <MessageID>.<reference>}, once each) by the rules of {@code CreateOffer},
         * all or none, and the options kept under the MessageID.
         */
        LedgerReceipt createOffers(String optionsJson) {
            return write(Uftp.CREATE_OFFERS, null, optionsJson, txId -> {
                requireAggregator(ErrorCode.OFFER_MSP_NOT_ALLOWED, "post offers");
                ObjectNode in = object(optionsJson);
                String messageId = in.path("flexOfferMessageId").asText();
                if (offerOptions.containsKey(messageId)) {
                    throw refuse(ErrorCode.OFFER_EXISTS, "the options of FlexOffer %s exist", messageId);
                }
                List<StoredOffer> made = new java.util.ArrayList<>();
                ArrayNode ids = JSON.createArrayNode();
                for (JsonNode option : in.path("offers")) {
                    StoredOffer offer = newOffer(offerInput(option.asText(), caller), txId);
                    String id = offer.offer().id();
                    if (!id.startsWith(messageId + ".")
                            || made.stream().anyMatch(o -> o.offer().id().equals(id))) {
                        throw refuse(
                                ErrorCode.INVALID_FIELD,
                                "$.offers[%d].id: must be %s.<OptionReference>, once per option, not %s",
                                made.size(),
                                messageId,
                                id);
                    }
                    made.add(offer);
                    ids.add(id);
                }
                // All options are checked before any is stored: none or all.
                made.forEach(o -> {
                    offers.put(o.offer().id(), o);
                    optionOf.put(o.offer().id(), messageId);
                });
                ObjectNode record = JSON.createObjectNode();
                record.put("flexOfferMessageId", messageId);
                record.put("aggregatorMsp", caller);
                record.set("offerIds", ids);
                record.put("txId", txId);
                offerOptions.put(messageId, record);
                return record;
            });
        }

        /** {@code uftp:ReadOfferOptions}. */
        byte[] readOfferOptions(String messageId) {
            return read(
                    () -> bytes(find(offerOptions, messageId, ErrorCode.OFFER_NOT_FOUND, "the options of FlexOffer")));
        }

        /**
         * {@code uftp:RevokeOffers}: every option of a FlexOffer ({@code {flexOfferMessageId, reason}}) by
         * the rules of {@code RevokeOffer}, all or none.
         */
        LedgerReceipt revokeOffers(String revocationJson) {
            return write(Uftp.REVOKE_OFFERS, null, revocationJson, txId -> {
                requireAggregator(ErrorCode.REVOCATION_MSP_NOT_ALLOWED, "revoke offers");
                ObjectNode in = object(revocationJson);
                String messageId = in.path("flexOfferMessageId").asText();
                ObjectNode options =
                        find(offerOptions, messageId, ErrorCode.OFFER_NOT_FOUND, "the options of FlexOffer");
                List<StoredOffer> live = new java.util.ArrayList<>();
                options.path("offerIds").forEach(id -> live.add(revocable(id.asText())));
                ArrayNode revoked = JSON.createArrayNode();
                for (StoredOffer offer : live) {
                    String id = offer.offer().id();
                    revoke(
                            offer,
                            new FlexOfferRevocation(
                                    id, caller, in.path("reason").asText()),
                            txId);
                    revoked.add(id);
                }
                ObjectNode out = JSON.createObjectNode();
                out.put("flexOfferMessageId", messageId);
                out.set("revoked", revoked);
                out.put("txId", txId);
                return out;
            });
        }

        @Override
        public StoredOffer readOffer(String offerId) {
            return read(() -> offer(offerId));
        }

        @Override
        public Page<StoredOffer> listOffersByDay(String day, String pageSize, String bookmark) {
            return dayPage(offers, o -> o.offer().period().day().toString(), day, pageSize, bookmark);
        }

        @Override
        public LedgerReceipt revokeOffer(String idempotencyKey, FlexOfferRevocation revocation) {
            return writeRecord(
                    Revocations.REVOKE_OFFER, idempotencyKey, MarketRecords.revocationInput(revocation), txId -> {
                        requireAggregator(ErrorCode.REVOCATION_MSP_NOT_ALLOWED, "revoke offers");
                        // The revoking aggregator is the caller, whoever the value names.
                        FlexOfferRevocation byCaller =
                                new FlexOfferRevocation(revocation.offerId(), caller, revocation.reason());
                        return MarketRecords.revocation(revoke(revocable(revocation.offerId()), byCaller, txId));
                    });
        }

        /** Live offer {@code offerId} of the caller's; refused as {@code RevokeOffer} refuses otherwise. */
        private StoredOffer revocable(String offerId) {
            StoredOffer stored = find(offers, offerId, ErrorCode.OFFER_NOT_FOUND, "offer");
            FlexOffer offer = stored.offer();
            if (!caller.equals(offer.aggregatorMsp())) {
                throw refuse(ErrorCode.REVOCATION_MSP_NOT_ALLOWED, "offer %s is not %s's", offer.id(), caller);
            }
            if (offer.state() != FlexOfferState.OFFERED) {
                throw refuse(ErrorCode.REVOCATION_OFFER_NOT_LIVE, "offer %s is %s", offer.id(), offer.state());
            }
            return stored;
        }

        private StoredRevocation revoke(StoredOffer offer, FlexOfferRevocation revocation, String txId) {
            changeOffer(offer, FlexOfferState.REVOKED, txId);
            StoredRevocation stored = new StoredRevocation(revocation, at(txId), txId);
            revocations.put(offer.offer().id(), stored);
            return stored;
        }

        @Override
        public StoredRevocation readRevocation(String offerId) {
            // The chaincode answers an unrevoked offer's revocation as not found, under the offer's code.
            return read(() -> find(revocations, offerId, ErrorCode.OFFER_NOT_FOUND, "revocation of offer"));
        }

        @Override
        public LedgerReceipt createRequest(String idempotencyKey, FlexRequest request) {
            return writeRecord(Requests.CREATE_REQUEST, idempotencyKey, MarketRecords.requestInput(request), txId -> {
                requireDso(ErrorCode.REQUEST_MSP_NOT_ALLOWED, "post requests");
                if (!caller.equals(request.dsoMsp())) {
                    throw refuse(
                            ErrorCode.REQUEST_MSP_NOT_ALLOWED,
                            "$.dsoMsp: %s may not post for %s",
                            caller,
                            request.dsoMsp());
                }
                if (requests.containsKey(request.id())) {
                    throw refuse(ErrorCode.REQUEST_EXISTS, "request %s already exists", request.id());
                }
                // The input carries no state: a new request is open.
                FlexRequest open = new FlexRequest(
                        request.id(),
                        request.dsoMsp(),
                        request.congestionPointId(),
                        request.period(),
                        request.kwBySlot(),
                        request.unservedPenalty(),
                        FlexRequestState.OPEN);
                StoredRequest stored = new StoredRequest(open, at(txId), txId);
                requests.put(request.id(), stored);
                return MarketRecords.request(stored);
            });
        }

        @Override
        public StoredRequest readRequest(String requestId) {
            return read(() -> find(requests, requestId, ErrorCode.REQUEST_NOT_FOUND, "request"));
        }

        @Override
        public Page<StoredRequest> listRequestsByDay(String day, String pageSize, String bookmark) {
            return dayPage(requests, r -> r.request().period().day().toString(), day, pageSize, bookmark);
        }

        @Override
        public LedgerReceipt closeRequest(String requestId) {
            return writeRecord(Requests.CLOSE_REQUEST, null, Map.of("requestId", requestId), txId -> {
                requireDso(ErrorCode.REQUEST_MSP_NOT_ALLOWED, "close or cancel flex requests");
                FlexRequest request = find(requests, requestId, ErrorCode.REQUEST_NOT_FOUND, "request")
                        .request();
                if (!caller.equals(request.dsoMsp())) {
                    throw refuse(
                            ErrorCode.REQUEST_MSP_NOT_ALLOWED, "request %s belongs to %s", requestId, request.dsoMsp());
                }
                if (request.state() != FlexRequestState.OPEN) {
                    throw refuse(
                            ErrorCode.REQUEST_STATE_INVALID,
                            "request %s is %s, cannot become CLOSED",
                            requestId,
                            request.state());
                }
                StoredRequest closed = new StoredRequest(request.withState(FlexRequestState.CLOSED), at(txId), txId);
                requests.put(requestId, closed);
                return MarketRecords.request(closed);
            });
        }

        @Override
        public LedgerReceipt createOrder(String idempotencyKey, FlexOrder order) {
            return order(idempotencyKey, order, null);
        }

        @Override
        public LedgerReceipt placeClearedOrder(String aggregatorMsp, FlexOrder order) {
            return order(null, order, aggregatorMsp);
        }

        /**
         * An order of the offer it names; endorsed by the DSO and {@code endorser} when named, else by the
         * offer's aggregator as read from the ledger.
         */
        private LedgerReceipt order(String idempotencyKey, FlexOrder order, String endorser) {
            return writeRecord(Orders.CREATE_ORDER, idempotencyKey, MarketRecords.orderInput(order), txId -> {
                requireDso(ErrorCode.ORDER_MSP_NOT_ALLOWED, "order flexibility");
                String id = order.id();
                String offerId = order.offerId();
                if (orders.containsKey(id)) {
                    throw refuse(ErrorCode.ORDER_EXISTS, "order %s already exists", id);
                }
                StoredOffer stored = find(offers, offerId, ErrorCode.OFFER_NOT_FOUND, "offer");
                FlexOffer offer = stored.offer();
                if (offer.state() != FlexOfferState.OFFERED) {
                    throw refuse(ErrorCode.ORDER_OFFER_NOT_LIVE, "$.offerId: offer %s is %s", offerId, offer.state());
                }
                if (endorser != null && !endorser.equals(offer.aggregatorMsp())) {
                    // The offer's key-level policy wants its aggregator's endorsement: the commit fails.
                    throw new ChaincodeRejection(
                            ValidationCodes.ENDORSEMENT_POLICY_FAILURE,
                            "transaction " + txId + " was not committed: ENDORSEMENT_POLICY_FAILURE (endorsed by "
                                    + endorser + ", not by " + offer.aggregatorMsp() + ")");
                }
                // A FlexOffer's options exclude each other: once one is ordered, no other is, by any route.
                String flexOffer = optionOf.get(offerId);
                ObjectNode taken = flexOffer == null ? null : optionOrders.get(flexOffer);
                if (taken != null) {
                    throw refuse(
                            ErrorCode.ORDER_OPTION_TAKEN,
                            "$.offerId: offer %s is an option of a FlexOffer whose option %s is ordered by order %s",
                            offerId,
                            taken.path("offerId").asText(),
                            taken.path("orderId").asText());
                }
                // The input carries neither the DSO nor a state: the caller orders, and the order is accepted.
                FlexOrder accepted = new FlexOrder(id, caller, offerId, order.activation(), FlexOrderState.ACCEPTED);
                if (accepted.activation().compareTo(offer.minActivation()) < 0) {
                    throw refuse(
                            ErrorCode.ORDER_BELOW_MIN_ACTIVATION,
                            "$.activation: below the offer's %s",
                            offer.minActivation().toPlainString());
                }
                String day = offer.period().day().toString();
                for (Integer slot : offer.kwBySlot().keySet()) {
                    String holder = soldSlots.get(day + "|" + offer.assetId() + "|" + slot);
                    if (holder != null) {
                        throw refuse(
                                ErrorCode.ORDER_DOUBLE_SALE,
                                "asset %s is already sold in slot %s of %s by order %s",
                                offer.assetId(),
                                slot,
                                day,
                                holder);
                    }
                }
                offer.kwBySlot().keySet().forEach(slot -> soldSlots.put(day + "|" + offer.assetId() + "|" + slot, id));
                StoredOrder placed = MarketRecords.storedOrder(accepted, offer, at(txId), txId);
                orders.put(id, placed);
                changeOffer(stored, FlexOfferState.ORDERED, txId);
                if (flexOffer != null) {
                    optionOrders.put(
                            flexOffer,
                            JSON.createObjectNode().put("orderId", id).put("offerId", offerId));
                }
                return MarketRecords.order(placed);
            });
        }

        @Override
        public LedgerReceipt cancelOrder(String idempotencyKey, String orderId) {
            return writeRecord(Orders.CANCEL_ORDER, idempotencyKey, Map.of("orderId", orderId), txId -> {
                requireDso(ErrorCode.ORDER_MSP_NOT_ALLOWED, "cancel orders");
                StoredOrder order = find(orders, orderId, ErrorCode.ORDER_NOT_FOUND, "order");
                if (order.order().state() != FlexOrderState.ACCEPTED) {
                    throw refuse(
                            ErrorCode.ORDER_STATE_INVALID,
                            "order %s is %s",
                            orderId,
                            order.order().state());
                }
                FlexOffer offer = offer(order.order().offerId()).offer();
                StoredOrder cancelled = MarketRecords.storedOrder(
                        order.order().withState(FlexOrderState.CANCELLED), offer, at(txId), txId);
                orders.put(orderId, cancelled);
                soldSlots.values().removeIf(orderId::equals);
                // Cancelling frees the FlexOffer's other options.
                optionOrders.values().removeIf(o -> o.path("orderId").asText().equals(orderId));
                return MarketRecords.order(cancelled);
            });
        }

        @Override
        public StoredOrder readOrder(String orderId) {
            return read(() -> find(orders, orderId, ErrorCode.ORDER_NOT_FOUND, "order"));
        }

        @Override
        public Page<StoredOrder> listOrdersByDay(String day, String pageSize, String bookmark) {
            return dayPage(orders, o -> o.day().toString(), day, pageSize, bookmark);
        }
    }

    /** The stored offer {@code offerId}; refused as not found if there is none. */
    private StoredOffer offer(String offerId) {
        return find(offers, offerId, ErrorCode.OFFER_NOT_FOUND, "offer");
    }

    /** Offer {@code stored} moved to {@code next} by transaction {@code txId}. */
    private void changeOffer(StoredOffer stored, FlexOfferState next, String txId) {
        offers.put(stored.offer().id(), new StoredOffer(stored.offer().withState(next), at(txId), txId));
    }

    /**
     * A page of a day's records in id order, {@code dayOf} naming each record's day. The bookmark is, as
     * Fabric's, the composite key of the first record of the next page: {@code \0byDay\0<day>\0<id>\0}.
     */
    private synchronized <T> Page<T> dayPage(
            Map<String, T> records, Function<T, String> dayOf, String day, String pageSize, String bookmark) {
        int size = Integer.parseInt(pageSize);
        if (size < 1 || size > 100) {
            throw refuse(ErrorCode.PAGE_SIZE_INVALID, "page size %d is not within 1..100", size);
        }
        String[] parts = bookmark.split("\u0000");
        String from = bookmark.isEmpty() ? "" : parts[parts.length - 1];
        List<Map.Entry<String, T>> matching = records.entrySet().stream()
                .filter(r -> dayOf.apply(r.getValue()).equals(day))
                .filter(r -> r.getKey().compareTo(from) >= 0)
                .toList();
        return new Page<>(
                matching.stream().limit(size).map(Map.Entry::getValue).toList(),
                matching.size() > size
                        ? "\u0000byDay\u0000" + day + "\u0000"
                                + matching.get(size).getKey() + "\u0000"
                        : "");
    }

    /** A record's canonical JSON, as the chaincode stores it. */
    private static byte[] canonical(Map<String, Object> record) {
        return CanonicalJson.bytes(record);
    }

    /** The time the in-memory ledger gives transaction {@code txId}. */
    static Instant at(String txId) {
        return Instant.EPOCH.plusSeconds(txId.hashCode() & 0xffff);
    }

    /** An offer input as the chaincode reads it (the caller its aggregator unless it names one). */
    public static FlexOffer offerInput(String json, String caller) {
        return input(json, Offers.OFFER_FIELDS, in -> MarketRecords.offer(in, caller));
    }

    /** A request input as the chaincode reads it (the caller its DSO unless it names one). */
    public static FlexRequest requestInput(String json, String caller) {
        return input(json, Requests.REQUEST_FIELDS, in -> MarketRecords.request(in, caller));
    }

    /** An order input as the chaincode reads it (the caller its DSO). */
    public static FlexOrder orderInput(String json, String caller) {
        return input(json, Orders.ORDER_FIELDS, in -> MarketRecords.order(in, caller));
    }

    /** A revocation input as the chaincode reads it (the caller its aggregator). */
    public static FlexOfferRevocation revocationInput(String json, String caller) {
        return input(json, java.util.Set.of("offerId", "reason"), in -> MarketRecords.revocation(in, caller));
    }

    /** {@code json} read strictly with only {@code fields}; refused as the chaincode refuses it. */
    private static <T> T input(String json, java.util.Set<String> fields, Function<JsonFields, T> read) {
        try {
            JsonFields in = JsonFields.parse(json, JsonReader.Limits.LEDGER, JsonFields.throwing());
            in.onlyFields(fields);
            return read.apply(in);
        } catch (InputRefusal e) {
            throw refuse(e.code(), "%s", e.getMessage());
        } catch (ValidationException e) {
            throw refuse(ErrorCode.INVALID_FIELD, "%s", e.getMessage());
        }
    }

    /**
     * A write by {@code caller} under its idempotency key, as one transaction in a block of its own:
     * {@code change} is given the transaction id and answers the record written (or refuses). The same
     * request under the key answers the first receipt, replayed; another request under it is refused.
     */
    public LedgerReceipt write(String caller, Tx tx, String key, String request, Function<String, ObjectNode> change) {
        return written(caller, tx, key, request, txId -> bytes(change.apply(txId)));
    }

    /**
     * As {@link #write}, the request being the transaction's input as the codec writes it and the record
     * written a map the chaincode's writer ({@link CanonicalJson}) turns into the answer.
     */
    public LedgerReceipt writeRecord(
            String caller, Tx tx, String key, Map<String, Object> input, Function<String, Map<String, Object>> change) {
        return written(caller, tx, key, CanonicalJson.write(input), txId -> canonical(change.apply(txId)));
    }

    private synchronized LedgerReceipt written(
            String caller, Tx tx, String key, String request, Function<String, byte[]> change) {
        String scoped = caller + "|" + key;
        String fingerprint = tx.fullName() + "|" + request;
        Keyed earlier = keys.get(scoped);
        if (earlier != null) {
            if (!earlier.request().equals(fingerprint)) {
                throw refuse(ErrorCode.IDEMPOTENCY_KEY_REUSED, "key %s was used for another request", key);
            }
            LedgerReceipt first = earlier.receipt();
            return new LedgerReceipt(first.transactionId(), first.blockNumber(), first.payload(), true);
        }
        String txId = "tx-" + height;
        byte[] record = change.apply(txId);
        long block = height++;
        blocks.put(txId, block);
        LedgerReceipt receipt = new LedgerReceipt(txId, block, record);
        if (key != null) {
            keys.put(scoped, new Keyed(fingerprint, receipt));
        }
        return receipt;
    }

    /** {@code uftp:CreateOffers} by {@code caller}. */
    public LedgerReceipt createOffers(String caller, String optionsJson) {
        return new View(caller).createOffers(optionsJson);
    }

    /** {@code uftp:RevokeOffers} by {@code caller}. */
    public LedgerReceipt revokeOffers(String caller, String revocationJson) {
        return new View(caller).revokeOffers(revocationJson);
    }

    /** {@code uftp:ReadOfferOptions}. */
    public byte[] readOfferOptions(String flexOfferMessageId) {
        return new View(mspId).readOfferOptions(flexOfferMessageId);
    }

    /** Reads under the lock the writes hold. */
    public synchronized <T> T read(Supplier<T> reading) {
        return reading.get();
    }

    /** The orders as stored, for the contracts that read or change them under the lock. */
    Map<String, StoredOrder> orders() {
        return orders;
    }

    /** The offers as stored, for the contracts that read them under the lock. */
    Map<String, StoredOffer> offers() {
        return offers;
    }

    /** One organisation's calls to the ledger in memory: who writes, and the checks on who it is. */
    abstract static class Calls implements LedgerPort {
        private final InMemoryLedger ledger;
        final String caller;

        Calls(InMemoryLedger ledger, String caller) {
            this.ledger = ledger;
            this.caller = caller;
        }

        @Override
        public String mspId() {
            return caller;
        }

        @Override
        public long blockNumberOf(String txId) {
            return ledger.blockNumberOf(txId);
        }

        /** Refuses with {@code code} unless the caller is an aggregator. */
        void requireAggregator(ErrorCode code, String what) {
            if (!Organisation.isAggregator(caller)) {
                throw refuse(code, "%s may not %s", caller, what);
            }
        }

        /** Refuses with {@code code} unless the caller is the DSO. */
        void requireDso(ErrorCode code, String what) {
            if (!Organisation.isDso(caller)) {
                throw refuse(code, "%s may not %s", caller, what);
            }
        }

        /** A write as the caller (see {@link InMemoryLedger#write}). */
        LedgerReceipt write(Tx tx, String key, String request, Function<String, ObjectNode> change) {
            return ledger.write(caller, tx, key, request, change);
        }

        /** A write as the caller of a codec's record (see {@link InMemoryLedger#writeRecord}). */
        LedgerReceipt writeRecord(
                Tx tx, String key, Map<String, Object> input, Function<String, Map<String, Object>> change) {
            return ledger.writeRecord(caller, tx, key, input, change);
        }
    }

    /** The record {@code id}; refused with {@code code} if there is none. */
    static <T> T find(Map<String, T> records, String id, ErrorCode code, String what) {
        T record = records.get(id);
        if (record == null) {
            throw refuse(code, "%s %s does not exist", what, id);
        }
        return record;
    }

    /**
     * A page of the records that match {@code of}, in the order of their keys in {@code records} (ids,
     * or versions), from the index {@code index} over {@code attributes}; its bookmark is the composite
     * key {@code \0<index>\0<attributes…>\0<key>\0} of the first record of the next page.
     */
    static byte[] page(
            Map<String, ObjectNode> records,
            Predicate<ObjectNode> of,
            String index,
            List<String> attributes,
            String pageSize,
            String bookmark) {
        int size = Integer.parseInt(pageSize);
        if (size < 1 || size > 100) {
            throw refuse(ErrorCode.PAGE_SIZE_INVALID, "page size %d is not within 1..100", size);
        }
        String[] parts = bookmark.split("\u0000");
        String from = bookmark.isEmpty() ? "" : parts[parts.length - 1];
        List<Map.Entry<String, ObjectNode>> matching = records.entrySet().stream()
                .filter(r -> of.test(r.getValue()))
                .filter(r -> r.getKey().compareTo(from) >= 0)
                .toList();
        ObjectNode out = JSON.createObjectNode();
        ArrayNode page = out.putArray("records");
        matching.stream().limit(size).forEach(r -> page.add(r.getValue().deepCopy()));
        out.put(
                "bookmark",
                matching.size() > size
                        ? "\u0000" + index + "\u0000" + String.join("\u0000", attributes) + "\u0000"
                                + matching.get(size).getKey() + "\u0000"
                        : "");
        return bytes(out);
    }

    /** The JSON object a request carries; refused as malformed otherwise. */
    static ObjectNode object(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (java.io.IOException | ClassCastException e) {
            throw refuse(ErrorCode.MALFORMED_INPUT, "$: a JSON object is required");
        }
    }

    static byte[] bytes(JsonNode json) {
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A refusal as the chaincode words it: {@code CODE: text}. */
    static ChaincodeRejection refuse(ErrorCode code, String format, Object... args) {
        return ChaincodeRejection.of(code, String.format(format, args));
    }
}
