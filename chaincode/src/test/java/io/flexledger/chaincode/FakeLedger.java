package io.flexledger.chaincode;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.flexledger.chaincode.support.PeerClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.hyperledger.fabric.contract.ClientIdentity;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.protos.peer.QueryResponseMetadata;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/**
 * A mocked {@link ChaincodeStub} and {@link Context} over an in-memory world state, with Fabric's
 * transaction semantics: a transaction does not see its own writes, its writes and its one event are
 * kept only if it returns normally.
 */
final class FakeLedger {
    final TreeMap<String, byte[]> state = new TreeMap<>();
    final Map<String, TreeMap<String, byte[]>> privateData = new HashMap<>();
    final List<Event> events = new ArrayList<>();
    /** Key-level endorsement policies (state-based endorsement), by key. */
    final TreeMap<String, byte[]> validationParameters = new TreeMap<>();
    /** Every committed version of every key, oldest first, as the peer's history database keeps them. */
    final Map<String, List<KeyModification>> history = new HashMap<>();

    String msp = "Aggregator1MSP";
    /**
     * The collections the endorsing peer holds ({@code null}: all). A peer outside a collection reads none of
     * its records, only their hashes: reading an existing record fails, as on a Fabric peer of a non-member
     * organisation ("private data matching public hash version is not available").
     */
    java.util.Set<String> peerCollections;

    Instant now = Instant.parse("2026-11-26T12:00:00Z");
    Map<String, byte[]> transientData = Map.of();
    String function = "NoSuchTransaction";
    List<String> parameters = List.of();
    private int txCounter;

    private final Map<String, byte[]> pendingWrites = new LinkedHashMap<>();
    private final Map<String, Map<String, byte[]>> pendingPrivate = new LinkedHashMap<>();
    private final Map<String, byte[]> pendingValidation = new LinkedHashMap<>();
    private Event pendingEvent;
    private String txId = "tx-0";

    final ChaincodeStub stub = mock(ChaincodeStub.class);
    final ClientIdentity identity = mock(ClientIdentity.class);
    final Context ctx = mock(Context.class);

    /** A chaincode event as it would reach a client. */
    record Event(String name, String payload, String txId) {}

    /** How far the endorsing peer's clock is from {@link #now}, the proposals' timestamp. */
    Duration peerClockOffset = Duration.ZERO;

    FakeLedger() {
        // The endorsing peer's clock follows the simulated time unless a test moves it.
        PeerClock.use(() -> now.plus(peerClockOffset), Duration.ofSeconds(PeerClock.DEFAULT_TOLERANCE_SECONDS));
        when(ctx.getStub()).thenReturn(stub);
        when(ctx.getClientIdentity()).thenReturn(identity);
        when(identity.getMSPID()).thenAnswer(inv -> msp);
        when(stub.getTxTimestamp()).thenAnswer(inv -> now);
        when(stub.getTxId()).thenAnswer(inv -> txId);
        when(stub.getTransient()).thenAnswer(inv -> transientData);
        when(stub.createCompositeKey(anyString(), any(String[].class)))
                .thenAnswer(inv -> new CompositeKey(inv.getArgument(0), argsFrom(inv.getArguments())));
        when(stub.getState(anyString())).thenAnswer(inv -> state.get(inv.<String>getArgument(0)));
        doAnswer(inv -> {
                    pendingWrites.put(inv.getArgument(0), inv.getArgument(1));
                    return null;
                })
                .when(stub)
                .putState(anyString(), any(byte[].class));
        doAnswer(inv -> {
                    pendingWrites.put(inv.getArgument(0), null);
                    return null;
                })
                .when(stub)
                .delState(anyString());
        when(stub.getFunction()).thenAnswer(inv -> function);
        when(stub.getParameters()).thenAnswer(inv -> parameters);
        when(stub.getPrivateData(anyString(), anyString())).thenAnswer(inv -> {
            byte[] value = privateData
                    .getOrDefault(inv.<String>getArgument(0), new TreeMap<>())
                    .get(inv.<String>getArgument(1));
            if (value != null && peerCollections != null && !peerCollections.contains(inv.<String>getArgument(0))) {
                throw new IllegalStateException(
                        "private data matching public hash version is not available on this peer");
            }
            return value;
        });
        when(stub.getPrivateDataHash(anyString(), anyString())).thenAnswer(inv -> {
            byte[] value = privateData
                    .getOrDefault(inv.<String>getArgument(0), new TreeMap<>())
                    .get(inv.<String>getArgument(1));
            return value == null
                    ? null
                    : java.security.MessageDigest.getInstance("SHA-256").digest(value);
        });
        doAnswer(inv -> {
                    pendingPrivate
                            .computeIfAbsent(inv.getArgument(0), c -> new LinkedHashMap<>())
                            .put(inv.getArgument(1), inv.getArgument(2));
                    return null;
                })
                .when(stub)
                .putPrivateData(anyString(), anyString(), any(byte[].class));
        doAnswer(inv -> {
                    pendingEvent = new Event(
                            inv.getArgument(0), new String(inv.<byte[]>getArgument(1), StandardCharsets.UTF_8), txId);
                    return null;
                })
                .when(stub)
                .setEvent(anyString(), any(byte[].class));
        doAnswer(inv -> {
                    pendingValidation.put(inv.getArgument(0), inv.getArgument(1));
                    return null;
                })
                .when(stub)
                .setStateValidationParameter(anyString(), any(byte[].class));
        when(stub.getStateValidationParameter(anyString()))
                .thenAnswer(inv -> validationParameters.get(inv.<String>getArgument(0)));
        when(stub.getHistoryForKey(anyString())).thenAnswer(inv -> {
            List<KeyModification> versions = history.getOrDefault(inv.<String>getArgument(0), List.of());
            return new QueryResultsIterator<KeyModification>() {
                @Override
                public void close() {}

                @Override
                public Iterator<KeyModification> iterator() {
                    return List.copyOf(versions).iterator();
                }
            };
        });
        when(stub.getStateByPartialCompositeKeyWithPagination(any(CompositeKey.class), anyInt(), anyString()))
                .thenAnswer(inv -> page(inv.getArgument(0).toString(), inv.getArgument(1), inv.getArgument(2)));
        when(stub.getStateByPartialCompositeKey(any(CompositeKey.class))).thenAnswer(inv -> {
            QueryResultsIteratorWithMetadata<KeyValue> all =
                    page(inv.getArgument(0).toString(), Integer.MAX_VALUE, "");
            return new QueryResultsIterator<KeyValue>() {
                @Override
                public void close() {}

                @Override
                public Iterator<KeyValue> iterator() {
                    return all.iterator();
                }
            };
        });
    }

    private static String[] argsFrom(Object[] arguments) {
        String[] out = new String[arguments.length - 1];
        for (int i = 1; i < arguments.length; i++) {
            out[i - 1] = (String) arguments[i];
        }
        return out;
    }

    /** Runs one transaction as {@code mspId}: its writes and event are kept only if it succeeds. */
    <T> T as(String mspId, Supplier<T> transaction) {
        msp = mspId;
        txId = "tx-" + (++txCounter);
        pendingWrites.clear();
        pendingPrivate.clear();
        pendingValidation.clear();
        pendingEvent = null;
        T result;
        try {
            result = transaction.get();
        } catch (RuntimeException e) {
            pendingWrites.clear();
            pendingPrivate.clear();
            pendingValidation.clear();
            pendingEvent = null;
            throw e;
        }
        Instant committedAt = now;
        String committedBy = txId;
        pendingWrites.forEach((k, v) -> {
            history.computeIfAbsent(k, x -> new ArrayList<>()).add(new Version(committedBy, v, committedAt));
            if (v == null) {
                state.remove(k);
            } else {
                state.put(k, v);
            }
        });
        pendingPrivate.forEach(
                (c, m) -> privateData.computeIfAbsent(c, x -> new TreeMap<>()).putAll(m));
        validationParameters.putAll(pendingValidation);
        if (pendingEvent != null) {
            events.add(pendingEvent);
        }
        return result;
    }

    /**
     * Runs one transaction the way the contract runtime does: {@code beforeTransaction}, the
     * transaction, {@code afterTransaction}, with the proposal's function name, arguments and transient
     * fields as given.
     */
    String invoke(
            String mspId,
            org.hyperledger.fabric.contract.ContractInterface contract,
            String functionName,
            Map<String, byte[]> transientFields,
            Supplier<String> transaction,
            String... args) {
        function = functionName;
        parameters = List.of(args);
        transientData = transientFields;
        try {
            return as(mspId, () -> {
                contract.beforeTransaction(ctx);
                String result = transaction.get();
                contract.afterTransaction(ctx, result);
                return result;
            });
        } finally {
            function = "NoSuchTransaction";
            parameters = List.of();
            transientData = Map.of();
        }
    }

    /** Runs a transaction that must be refused and returns the refusal. */
    ChaincodeException refused(String mspId, Supplier<?> transaction) {
        try {
            as(mspId, transaction);
        } catch (ChaincodeException e) {
            return e;
        }
        throw new AssertionError("the transaction was not refused");
    }

    /** The stored value at a composite key. */
    String get(String type, String... attributes) {
        byte[] v = state.get(new CompositeKey(type, attributes).toString());
        return v == null ? null : new String(v, StandardCharsets.UTF_8);
    }

    /** A copy of the whole state as text, to compare before and after a refused transaction. */
    Map<String, String> snapshot() {
        Map<String, String> out = new TreeMap<>();
        state.forEach((k, v) -> out.put(k, new String(v, StandardCharsets.UTF_8)));
        privateData.forEach((c, m) -> m.forEach((k, v) -> out.put(c + "/" + k, new String(v, StandardCharsets.UTF_8))));
        validationParameters.forEach(
                (k, v) -> out.put("validation/" + k, HexFormat.of().formatHex(v)));
        return out;
    }

    /** The last event emitted. */
    Event lastEvent() {
        return events.get(events.size() - 1);
    }

    private QueryResultsIteratorWithMetadata<KeyValue> page(String prefix, int pageSize, String bookmark) {
        List<KeyValue> rows = new ArrayList<>();
        String next = "";
        String start = bookmark.isEmpty() ? prefix : bookmark;
        for (Map.Entry<String, byte[]> e : state.tailMap(start, true).entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                break;
            }
            if (rows.size() == pageSize) {
                next = e.getKey();
                break;
            }
            rows.add(new Row(e.getKey(), e.getValue()));
        }
        QueryResponseMetadata metadata = QueryResponseMetadata.newBuilder()
                .setBookmark(next)
                .setFetchedRecordsCount(rows.size())
                .build();
        return new QueryResultsIteratorWithMetadata<>() {
            @Override
            public QueryResponseMetadata getMetadata() {
                return metadata;
            }

            @Override
            public void close() {}

            @Override
            public Iterator<KeyValue> iterator() {
                return rows.iterator();
            }
        };
    }

    /** One committed version of a key (a null value is a deletion). */
    private record Version(String txId, byte[] value, Instant timestamp) implements KeyModification {
        @Override
        public String getTxId() {
            return txId;
        }

        @Override
        public byte[] getValue() {
            return value == null ? new byte[0] : value;
        }

        @Override
        public String getStringValue() {
            return new String(getValue(), StandardCharsets.UTF_8);
        }

        @Override
        public Instant getTimestamp() {
            return timestamp;
        }

        @Override
        public boolean isDeleted() {
            return value == null;
        }
    }

    private record Row(String key, byte[] value) implements KeyValue {
        @Override
        public String getKey() {
            return key;
        }

        @Override
        public byte[] getValue() {
            return value;
        }

        @Override
        public String getStringValue() {
            return new String(value, StandardCharsets.UTF_8);
        }
    }
}
