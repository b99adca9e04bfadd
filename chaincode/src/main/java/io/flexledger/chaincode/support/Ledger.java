package io.flexledger.chaincode.support;

import io.flexledger.chaincode.codec.JsonInput;
import io.flexledger.chaincode.failures.Failures;
import io.flexledger.contract.ErrorCode;
import io.flexledger.contract.codec.CanonicalJson;
import io.flexledger.domain.market.Baseline;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/**
 * The world state as the contracts use it: composite keys, canonical JSON values, private data
 * collections, events and paginated range reads (LevelDB-compatible: no rich queries).
 *
 * <p>Fabric does not let a transaction read its own writes, so contracts check everything first and
 * write last.
 */
public final class Ledger {
    /** The largest page a list transaction returns. */
    public static final int MAX_PAGE_SIZE = 100;

    private final ChaincodeStub stub;

    /** The ledger of the current transaction. */
    public Ledger(Context ctx) {
        this.stub = ctx.getStub();
    }

    /** The composite key {@code type} + {@code attributes}. */
    public String key(String type, String... attributes) {
        return stub.createCompositeKey(type, attributes).toString();
    }

    /** The stored JSON at {@code key}, if any. */
    public Optional<String> get(String key) {
        byte[] value = stub.getState(key);
        return value == null || value.length == 0
                ? Optional.empty()
                : Optional.of(new String(value, StandardCharsets.UTF_8));
    }

    /** The stored record at {@code key} decoded with {@code decoder}, if any. */
    public <T> Optional<T> read(String key, Function<JsonInput, T> decoder) {
        return get(key).map(json -> decoder.apply(JsonInput.parse(json)));
    }

    /** Whether something is stored at {@code key}. */
    public boolean exists(String key) {
        return get(key).isPresent();
    }

    /** Stores {@code record} at {@code key} as canonical JSON; returns the text stored. */
    public String put(String key, Map<String, Object> record) {
        String json = CanonicalJson.write(record);
        stub.putState(key, json.getBytes(StandardCharsets.UTF_8));
        return json;
    }

    /** Deletes the value at {@code key}. */
    public void delete(String key) {
        stub.delState(key);
    }

    /** Stores a private record in {@code collection}; returns its canonical text. */
    public String putPrivate(String collection, String key, Map<String, Object> record) {
        String json = CanonicalJson.write(record);
        stub.putPrivateData(collection, key, json.getBytes(StandardCharsets.UTF_8));
        return json;
    }

    /** A private record, if this peer holds it. */
    public Optional<String> getPrivate(String collection, String key) {
        byte[] value = stub.getPrivateData(collection, key);
        return value == null || value.length == 0
                ? Optional.empty()
                : Optional.of(new String(value, StandardCharsets.UTF_8));
    }

    /**
     * The SHA-256 (hex) of a private record as every peer of the channel holds it, whether or not it is a
     * member of the collection, if the record exists.
     */
    public Optional<String> privateHash(String collection, String key) {
        byte[] hash = stub.getPrivateDataHash(collection, key);
        return hash == null || hash.length == 0
                ? Optional.empty()
                : Optional.of(java.util.HexFormat.of().formatHex(hash));
    }

    /** A transient field of the proposal (kept out of the transaction's public arguments). */
    public Optional<String> transientField(String name) {
        Map<String, byte[]> map = stub.getTransient();
        byte[] value = map == null ? null : map.get(name);
        return value == null ? Optional.empty() : Optional.of(new String(value, StandardCharsets.UTF_8));
    }

    /**
     * Emits the transaction's chaincode event {@code name} with a canonical JSON payload (Fabric keeps
     * one event per transaction; each transaction here changes one record).
     */
    public void emit(String name, Map<String, Object> payload) {
        Map<String, Object> body = new LinkedHashMap<>(payload);
        body.put("event", name);
        body.put("txId", stub.getTxId());
        stub.setEvent(name, CanonicalJson.bytes(body));
    }

    /**
     * Requires a peer of every organisation in {@code mspIds} to endorse any later change of
     * {@code key} (a state-based endorsement policy on the key).
     */
    public void requireEndorsers(String key, String... mspIds) {
        stub.setStateValidationParameter(key, Endorsement.peersOfAll(List.of(mspIds)));
    }

    /**
     * Makes the DSO's peer endorse this transaction of an aggregator: writes a countersignature of the
     * public record stored at the composite key {@code type} + {@code attributes} (the transaction id and
     * the SHA-256 of the record's canonical text), under {@code countersign} + {@code type} +
     * {@code attributes},
     * in the collection the aggregator shares with the DSO, whose endorsement policy is
     * {@code AND(aggregator peer, DSO peer)}. A transaction that writes there is valid only with both
     * endorsements, whatever the chaincode-level policy, so the DSO's peer runs the same rules on its
     * own clock and an aggregator cannot pass a late offer or baseline with the help of a third
     * organisation.
     */
    public void countersignByDso(String aggregatorMsp, String type, List<String> attributes, String recordJson) {
        List<String> parts = new ArrayList<>();
        parts.add(type);
        parts.addAll(attributes);
        putPrivate(
                PrivateCollections.forAggregator(aggregatorMsp),
                key(Keys.COUNTERSIGNATURE, parts.toArray(String[]::new)),
                countersignature(parts, Baseline.sha256Hex(recordJson), stub.getTxId()));
    }

    /** The receipt {@link #countersignByDso} stores: the record's key parts, its SHA-256 and the transaction. */
    public static Map<String, Object> countersignature(List<String> parts, String sha256, String txId) {
        Map<String, Object> receipt = new LinkedHashMap<>();
        receipt.put("record", parts);
        receipt.put("sha256", sha256);
        receipt.put("txId", txId);
        return receipt;
    }

    /**
     * Every committed version of {@code key} in the order the peer returns them (newest first since Fabric
     * 2.0; the unit tests' fake ledger keeps them oldest first), as
     * {@code {"txId","timestamp","isDelete","value"}} maps ({@code value} the stored JSON, absent for a
     * deletion).
     */
    public List<Map<String, Object>> history(String key) {
        List<Map<String, Object>> out = new ArrayList<>();
        try (QueryResultsIterator<KeyModification> it = stub.getHistoryForKey(key)) {
            for (KeyModification m : it) {
                Map<String, Object> version = new LinkedHashMap<>();
                version.put("txId", m.getTxId());
                version.put(
                        "timestamp",
                        m.getTimestamp() == null ? null : m.getTimestamp().toString());
                version.put("isDelete", m.isDeleted());
                if (!m.isDeleted() && m.getValue() != null && m.getValue().length > 0) {
                    version.put("value", new CanonicalJson.Raw(m.getStringValue()));
                }
                out.add(version);
            }
        }
        return out;
    }

    /**
     * The transaction's timestamp: chosen by the client, the same on every endorser, and for a submission
     * within the tolerance of each endorsing peer's clock ({@link PeerClock}).
     */
    public Instant now() {
        return stub.getTxTimestamp();
    }

    /** The transaction id. */
    public String txId() {
        return stub.getTxId();
    }

    /**
     * Every value under the partial composite key {@code type} + {@code attributes}, in key order, read
     * page by page (evaluations only: Fabric refuses paginated reads in a submission).
     */
    public List<String> all(String type, List<String> attributes) {
        List<String> out = new ArrayList<>();
        String bookmark = "";
        int read;
        do {
            read = 0;
            try (QueryResultsIteratorWithMetadata<KeyValue> it = stub.getStateByPartialCompositeKeyWithPagination(
                    stub.createCompositeKey(type, attributes.toArray(String[]::new)), MAX_PAGE_SIZE, bookmark)) {
                for (KeyValue kv : it) {
                    out.add(kv.getStringValue());
                    read++;
                }
                bookmark = it.getMetadata() == null ? "" : it.getMetadata().getBookmark();
            }
            // The last page is short or carries no bookmark.
        } while (read == MAX_PAGE_SIZE && bookmark != null && !bookmark.isEmpty());
        return out;
    }

    /**
     * Every value under the partial composite key {@code type} + {@code attributes}, in key order, in one
     * range read that a submission may make (Fabric checks the range again at commit, so a key added
     * meanwhile invalidates the transaction).
     */
    public List<String> allInSubmission(String type, List<String> attributes) {
        List<String> out = new ArrayList<>();
        try (QueryResultsIterator<KeyValue> it =
                stub.getStateByPartialCompositeKey(stub.createCompositeKey(type, attributes.toArray(String[]::new)))) {
            for (KeyValue kv : it) {
                out.add(kv.getStringValue());
            }
        }
        return out;
    }

    /**
     * One page of the records under the partial composite key {@code type} + {@code attributes}, as
     * {@code {"bookmark":…,"records":[…]}}. Each value is mapped to the record to list by {@code resolve}
     * (index entries point at primary records).
     */
    public String page(
            String type, List<String> attributes, int pageSize, String bookmark, Function<String, String> resolve) {
        // A page holds 1..100 records: bounded work per evaluation.
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw Failures.fail(
                    ErrorCode.PAGE_SIZE_INVALID, "pageSize must be in 1..%d, was %d", MAX_PAGE_SIZE, pageSize);
        }
        List<Object> records = new ArrayList<>();
        String next;
        try (QueryResultsIteratorWithMetadata<KeyValue> it = stub.getStateByPartialCompositeKeyWithPagination(
                stub.createCompositeKey(type, attributes.toArray(String[]::new)),
                pageSize,
                bookmark == null ? "" : bookmark)) {
            for (KeyValue kv : it) {
                String resolved = resolve.apply(kv.getStringValue());
                if (resolved != null) {
                    records.add(new CanonicalJson.Raw(resolved));
                }
            }
            next = it.getMetadata() == null ? "" : it.getMetadata().getBookmark();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("records", records);
        out.put("bookmark", next);
        return CanonicalJson.write(out);
    }
}
