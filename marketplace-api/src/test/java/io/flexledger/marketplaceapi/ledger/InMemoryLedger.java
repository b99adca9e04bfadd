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
import io.flexledger.domain.participants.Organisation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
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
 */
@Alternative
@ApplicationScoped
public class InMemoryLedger implements Ledger {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String mspId;
    private final Map<String, ObjectNode> offers = new TreeMap<>();
    private final Map<String, ObjectNode> revocations = new TreeMap<>();
    private final Map<String, ObjectNode> requests = new TreeMap<>();
    private final Map<String, ObjectNode> orders = new TreeMap<>();
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
    public LedgerReceipt createOffer(String idempotencyKey, String offerJson) {
        return as(mspId).createOffer(idempotencyKey, offerJson);
    }

    @Override
    public byte[] readOffer(String offerId) {
        return as(mspId).readOffer(offerId);
    }

    @Override
    public byte[] listOffersByDay(String day, String pageSize, String bookmark) {
        return as(mspId).listOffersByDay(day, pageSize, bookmark);
    }

    @Override
    public LedgerReceipt revokeOffer(String idempotencyKey, String revocationJson) {
        return as(mspId).revokeOffer(idempotencyKey, revocationJson);
    }

    @Override
    public byte[] readRevocation(String offerId) {
        return as(mspId).readRevocation(offerId);
    }

    @Override
    public LedgerReceipt createRequest(String idempotencyKey, String requestJson) {
        return as(mspId).createRequest(idempotencyKey, requestJson);
    }

    @Override
    public byte[] readRequest(String requestId) {
        return as(mspId).readRequest(requestId);
    }

    @Override
    public byte[] listRequestsByDay(String day, String pageSize, String bookmark) {
        return as(mspId).listRequestsByDay(day, pageSize, bookmark);
    }

    @Override
    public LedgerReceipt closeRequest(String requestId) {
        return as(mspId).closeRequest(requestId);
    }

    @Override
    public LedgerReceipt createOrder(String idempotencyKey, String offerId, String orderJson) {
        return as(mspId).createOrder(idempotencyKey, offerId, orderJson);
    }

    @Override
    public LedgerReceipt placeClearedOrder(String aggregatorMsp, String orderJson) {
        return as(mspId).placeClearedOrder(aggregatorMsp, orderJson);
    }

    @Override
    public LedgerReceipt cancelOrder(String idempotencyKey, String orderId) {
        return as(mspId).cancelOrder(idempotencyKey, orderId);
    }

    @Override
    public byte[] readOrder(String orderId) {
        return as(mspId).readOrder(orderId);
    }

    @Override
    public byte[] listOrdersByDay(String day, String pageSize, String bookmark) {
        return as(mspId).listOrdersByDay(day, pageSize, bookmark);
    }

    /** One organisation's calls. */
    private final class View extends Calls implements Ledger {
        View(String caller) {
            super(InMemoryLedger.this, caller);
        }

        @Override
        public LedgerReceipt createOffer(String idempotencyKey, String offerJson) {
            return write(Offers.CREATE_OFFER, idempotencyKey, offerJson, txId -> {
                requireAggregator(ErrorCode.OFFER_MSP_NOT_ALLOWED, "post offers");
                ObjectNode offer = newOffer(offerJson, txId);
                offers.put(offer.path("id").asText(), offer);
                return offer;
            });
        }

        /** The record of a new offer of the caller's, not yet stored; refused as {@code CreateOffer} refuses. */
        private ObjectNode newOffer(String offerJson, String txId) {
            ObjectNode offer = object(offerJson);
            String id = offer.path("id").asText();
            // The chaincode takes the caller as the offer's aggregator when the offer names none.
            if (!offer.has("aggregatorMsp")) {
                offer.put("aggregatorMsp", caller);
            }
            if (!caller.equals(offer.path("aggregatorMsp").asText())) {
                throw refuse(ErrorCode.OFFER_AGGREGATOR_MISMATCH, "$.aggregatorMsp: the caller is %s", caller);
            }
            if (offers.containsKey(id)) {
                throw refuse(ErrorCode.OFFER_EXISTS, "offer %s already exists", id);
            }
            offer.put("state", "OFFERED");
            stamp(offer, txId);
            return offer;
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
                List<ObjectNode> made = new java.util.ArrayList<>();
                ArrayNode ids = JSON.createArrayNode();
                for (JsonNode option : in.path("offers")) {
                    ObjectNode offer = newOffer(option.asText(), txId);
                    String id = offer.path("id").asText();
                    if (!id.startsWith(messageId + ".")
                            || made.stream().anyMatch(o -> o.path("id").asText().equals(id))) {
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
                    offers.put(o.path("id").asText(), o);
                    optionOf.put(o.path("id").asText(), messageId);
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
                List<ObjectNode> live = new java.util.ArrayList<>();
                options.path("offerIds").forEach(id -> live.add(revocable(id.asText())));
                ArrayNode revoked = JSON.createArrayNode();
                for (ObjectNode offer : live) {
                    ObjectNode one = JSON.createObjectNode();
                    one.put("offerId", offer.path("id").asText());
                    one.put("reason", in.path("reason").asText());
                    revoke(offer, one, txId);
                    revoked.add(offer.path("id").asText());
                }
                ObjectNode out = JSON.createObjectNode();
                out.put("flexOfferMessageId", messageId);
                out.set("revoked", revoked);
                out.put("txId", txId);
                return out;
            });
        }

        @Override
        public byte[] readOffer(String offerId) {
            return read(() -> bytes(find(offers, offerId, ErrorCode.OFFER_NOT_FOUND, "offer")));
        }

        @Override
        public byte[] listOffersByDay(String day, String pageSize, String bookmark) {
            return page(offers, day, pageSize, bookmark);
        }

        @Override
        public LedgerReceipt revokeOffer(String idempotencyKey, String revocationJson) {
            return write(Revocations.REVOKE_OFFER, idempotencyKey, revocationJson, txId -> {
                requireAggregator(ErrorCode.REVOCATION_MSP_NOT_ALLOWED, "revoke offers");
                ObjectNode revocation = object(revocationJson);
                return revoke(revocable(revocation.path("offerId").asText()), revocation, txId);
            });
        }

        /** Live offer {@code offerId} of the caller's; refused as {@code RevokeOffer} refuses otherwise. */
        private ObjectNode revocable(String offerId) {
            ObjectNode offer = find(offers, offerId, ErrorCode.OFFER_NOT_FOUND, "offer");
            if (!caller.equals(offer.path("aggregatorMsp").asText())) {
                throw refuse(ErrorCode.REVOCATION_MSP_NOT_ALLOWED, "offer %s is not %s's", offer.path("id"), caller);
            }
            if (!"OFFERED".equals(offer.path("state").asText())) {
                throw refuse(
                        ErrorCode.REVOCATION_OFFER_NOT_LIVE, "offer %s is %s", offer.path("id"), offer.path("state"));
            }
            return offer;
        }

        private ObjectNode revoke(ObjectNode offer, ObjectNode revocation, String txId) {
            offer.put("state", "REVOKED");
            stamp(offer, txId);
            revocation.put("aggregatorMsp", caller);
            revocation.put("txId", txId);
            revocations.put(offer.path("id").asText(), revocation);
            return revocation;
        }

        @Override
        public byte[] readRevocation(String offerId) {
            // The chaincode answers an unrevoked offer's revocation as not found, under the offer's code.
            return read(() -> bytes(find(revocations, offerId, ErrorCode.OFFER_NOT_FOUND, "revocation of offer")));
        }

        @Override
        public LedgerReceipt createRequest(String idempotencyKey, String requestJson) {
            return write(Requests.CREATE_REQUEST, idempotencyKey, requestJson, txId -> {
                requireDso(ErrorCode.REQUEST_MSP_NOT_ALLOWED, "post requests");
                ObjectNode request = object(requestJson);
                String id = request.path("id").asText();
                if (requests.containsKey(id)) {
                    throw refuse(ErrorCode.REQUEST_EXISTS, "request %s already exists", id);
                }
                request.put("dsoMsp", caller);
                request.put("state", "OPEN");
                stamp(request, txId);
                requests.put(id, request);
                return request;
            });
        }

        @Override
        public byte[] readRequest(String requestId) {
            return read(() -> bytes(find(requests, requestId, ErrorCode.REQUEST_NOT_FOUND, "request")));
        }

        @Override
        public byte[] listRequestsByDay(String day, String pageSize, String bookmark) {
            return page(requests, day, pageSize, bookmark);
        }

        @Override
        public LedgerReceipt closeRequest(String requestId) {
            return write(Requests.CLOSE_REQUEST, null, requestId, txId -> {
                requireDso(ErrorCode.REQUEST_MSP_NOT_ALLOWED, "close or cancel flex requests");
                ObjectNode request = find(requests, requestId, ErrorCode.REQUEST_NOT_FOUND, "request");
                if (!caller.equals(request.path("dsoMsp").asText())) {
                    throw refuse(
                            ErrorCode.REQUEST_MSP_NOT_ALLOWED,
                            "request %s belongs to %s",
                            requestId,
                            request.path("dsoMsp"));
                }
                if (!"OPEN".equals(request.path("state").asText())) {
                    throw refuse(
                            ErrorCode.REQUEST_STATE_INVALID,
                            "request %s is %s, cannot become CLOSED",
                            requestId,
                            request.path("state"));
                }
                request.put("state", "CLOSED");
                stamp(request, txId);
                return request;
            });
        }

        @Override
        public LedgerReceipt createOrder(String idempotencyKey, String offerId, String orderJson) {
            return order(idempotencyKey, offerId, orderJson, null);
        }

        @Override
        public LedgerReceipt placeClearedOrder(String aggregatorMsp, String orderJson) {
            return order(null, object(orderJson).path("offerId").asText(), orderJson, aggregatorMsp);
        }

        /**
         * An order of offer {@code offerId}; endorsed by the DSO and {@code endorser} when named, else by
         * the offer's aggregator as read from the ledger.
         */
        private LedgerReceipt order(String idempotencyKey, String offerId, String orderJson, String endorser) {
            return write(Orders.CREATE_ORDER, idempotencyKey, orderJson, txId -> {
                requireDso(ErrorCode.ORDER_MSP_NOT_ALLOWED, "order flexibility");
                ObjectNode order = object(orderJson);
                String id = order.path("id").asText();
                if (orders.containsKey(id)) {
                    throw refuse(ErrorCode.ORDER_EXISTS, "order %s already exists", id);
                }
                ObjectNode offer = find(offers, offerId, ErrorCode.OFFER_NOT_FOUND, "offer");
                if (!"OFFERED".equals(offer.path("state").asText())) {
                    throw refuse(
                            ErrorCode.ORDER_OFFER_NOT_LIVE, "$.offerId: offer %s is %s", offerId, offer.path("state"));
                }
                if (endorser != null
                        && !endorser.equals(offer.path("aggregatorMsp").asText())) {
                    // The offer's key-level policy wants its aggregator's endorsement: the commit fails.
                    throw new ChaincodeRejection(
                            ValidationCodes.ENDORSEMENT_POLICY_FAILURE,
                            "transaction " + txId + " was not committed: ENDORSEMENT_POLICY_FAILURE (endorsed by "
                                    + endorser + ", not by "
                                    + offer.path("aggregatorMsp").asText() + ")");
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
                BigDecimal activation = new BigDecimal(order.path("activation").asText());
                BigDecimal minimum = new BigDecimal(offer.path("minActivation").asText());
                if (activation.compareTo(minimum) < 0) {
                    throw refuse(ErrorCode.ORDER_BELOW_MIN_ACTIVATION, "$.activation: below the offer's %s", minimum);
                }
                String day = offer.path("day").asText();
                String asset = offer.path("assetId").asText();
                ObjectNode kw = JSON.createObjectNode();
                BigDecimal cost = BigDecimal.ZERO;
                for (Iterator<Map.Entry<String, JsonNode>> it =
                                offer.path("kwBySlot").fields();
                        it.hasNext(); ) {
                    Map.Entry<String, JsonNode> slot = it.next();
                    String holder = soldSlots.get(day + "|" + asset + "|" + slot.getKey());
                    if (holder != null) {
                        throw refuse(
                                ErrorCode.ORDER_DOUBLE_SALE,
                                "asset %s is already sold in slot %s of %s by order %s",
                                asset,
                                slot.getKey(),
                                day,
                                holder);
                    }
                    BigDecimal ordered = new BigDecimal(slot.getValue().asText()).multiply(activation);
                    kw.put(slot.getKey(), ordered.stripTrailingZeros().toPlainString());
                    cost = cost.add(ordered);
                }
                kw.fieldNames().forEachRemaining(slot -> soldSlots.put(day + "|" + asset + "|" + slot, id));
                order.put("dsoMsp", caller);
                order.put("aggregatorMsp", offer.path("aggregatorMsp").asText());
                order.put("assetId", asset);
                order.put("congestionPointId", offer.path("congestionPointId").asText());
                order.put("day", day);
                order.set("kwBySlot", kw);
                order.put(
                        "cost",
                        cost.multiply(new BigDecimal(offer.path("price").asText()))
                                .stripTrailingZeros()
                                .toPlainString());
                order.put("state", "ACCEPTED");
                stamp(order, txId);
                orders.put(id, order);
                offer.put("state", "ORDERED");
                stamp(offer, txId);
                if (flexOffer != null) {
                    optionOrders.put(
                            flexOffer,
                            JSON.createObjectNode().put("orderId", id).put("offerId", offerId));
                }
                return order;
            });
        }

        @Override
        public LedgerReceipt cancelOrder(String idempotencyKey, String orderId) {
            return write(Orders.CANCEL_ORDER, idempotencyKey, orderId, txId -> {
                requireDso(ErrorCode.ORDER_MSP_NOT_ALLOWED, "cancel orders");
                ObjectNode order = find(orders, orderId, ErrorCode.ORDER_NOT_FOUND, "order");
                if (!"ACCEPTED".equals(order.path("state").asText())) {
                    throw refuse(ErrorCode.ORDER_STATE_INVALID, "order %s is %s", orderId, order.path("state"));
                }
                order.put("state", "CANCELLED");
                stamp(order, txId);
                soldSlots.values().removeIf(orderId::equals);
                // Cancelling frees the FlexOffer's other options.
                optionOrders.values().removeIf(o -> o.path("orderId").asText().equals(orderId));
                return order;
            });
        }

        @Override
        public byte[] readOrder(String orderId) {
            return read(() -> bytes(find(orders, orderId, ErrorCode.ORDER_NOT_FOUND, "order")));
        }

        @Override
        public byte[] listOrdersByDay(String day, String pageSize, String bookmark) {
            return page(orders, day, pageSize, bookmark);
        }
    }

    /**
     * A write by {@code caller} under its idempotency key, as one transaction in a block of its own:
     * {@code change} is given the transaction id and answers the record written (or refuses). The same
     * request under the key answers the first receipt, replayed; another request under it is refused.
     */
    public synchronized LedgerReceipt write(
            String caller, Tx tx, String key, String request, Function<String, ObjectNode> change) {
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
        ObjectNode record = change.apply(txId);
        long block = height++;
        blocks.put(txId, block);
        LedgerReceipt receipt = new LedgerReceipt(txId, block, bytes(record));
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

    /** Order {@code orderId} as written (not a copy), for the contracts that change it. */
    public synchronized ObjectNode order(String orderId) {
        return find(orders, orderId, ErrorCode.ORDER_NOT_FOUND, "order");
    }

    /** The orders as written (not copies), for the contracts that read or change them under the lock. */
    Map<String, ObjectNode> orders() {
        return orders;
    }

    /** The offers as written (not copies), for the contracts that read them under the lock. */
    Map<String, ObjectNode> offers() {
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
    }

    /** Records the transaction {@code txId} as the record's last change. */
    static void stamp(ObjectNode record, String txId) {
        record.put(
                "updatedAt", Instant.EPOCH.plusSeconds(txId.hashCode() & 0xffff).toString());
        record.put("txId", txId);
    }

    /** The record {@code id}; refused with {@code code} if there is none. */
    static ObjectNode find(Map<String, ObjectNode> records, String id, ErrorCode code, String what) {
        ObjectNode record = records.get(id);
        if (record == null) {
            throw refuse(code, "%s %s does not exist", what, id);
        }
        return record;
    }

    /**
     * A page of a day's records in id order. The bookmark is, as Fabric's, the composite key of the
     * first record of the next page: {@code \0byDay\0<day>\0<id>\0}.
     */
    private synchronized byte[] page(Map<String, ObjectNode> records, String day, String pageSize, String bookmark) {
        return page(records, r -> r.path("day").asText().equals(day), "byDay", List.of(day), pageSize, bookmark);
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
