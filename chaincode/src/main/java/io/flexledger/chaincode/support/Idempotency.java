package io.flexledger.chaincode.support;

import static io.flexledger.chaincode.failures.Failures.fail;

import io.flexledger.chaincode.codec.JsonInput;
import io.flexledger.contract.ErrorCode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.shim.ChaincodeStub;

/**
 * Idempotent submissions. A client passes an idempotency key as the transient field
 * {@value #TRANSIENT_FIELD}; the first transaction committed under (caller MSP, key) records the hash
 * of its request, its result and its transaction id in the same write set as its state change. A
 * later proposal under the same key is refused before the contract runs: {@code
 * IDEMPOTENCY_KEY_REPLAYED} when the request is the same (the client then reads the record), {@code
 * IDEMPOTENCY_KEY_REUSED} when it differs. Two concurrent proposals under one key both read the
 * record's key, so Fabric's MVCC check lets only the first commit.
 */
public final class Idempotency {
    /** The transient field carrying the key; it is not part of the request hash. */
    public static final String TRANSIENT_FIELD = "idempotencyKey";

    /** Keys are 1..128 characters of letters, digits and {@code . _ : -} (UUIDs fit). */
    public static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private Idempotency() {}

    /** Runs before every transaction: refuses a replayed or reused key; nothing to do without a key. */
    public static void before(Context ctx) {
        Optional<String> key = key(ctx);
        if (key.isEmpty()) {
            return;
        }
        Ledger ledger = new Ledger(ctx);
        Optional<JsonInput> first = ledger.read(recordKey(ledger, Caller.msp(ctx), key.get()), in -> in);
        if (first.isEmpty()) {
            return;
        }
        String firstTx = first.get().string("txId");
        // A key names one request: the same request again is answered from the record, never re-run.
        if (first.get().string("requestHash").equals(requestHash(ctx.getStub()))) {
            throw fail(
                    ErrorCode.IDEMPOTENCY_KEY_REPLAYED,
                    "key %s was committed by transaction %s; read its result with idempotency:ReadRecord",
                    key.get(),
                    firstTx);
        }
        // ... and a different request under a used key is refused.
        throw fail(
                ErrorCode.IDEMPOTENCY_KEY_REUSED,
                "key %s was used by transaction %s for a different request (%s)",
                key.get(),
                firstTx,
                first.get().string("transaction"));
    }

    /** Runs after a successful transaction: records its result under the key, if one was given. */
    public static void after(Context ctx, Object result) {
        Optional<String> key = key(ctx);
        if (key.isEmpty()) {
            return;
        }
        Ledger ledger = new Ledger(ctx);
        String msp = Caller.msp(ctx);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("key", key.get());
        record.put("msp", msp);
        record.put("transaction", ctx.getStub().getFunction());
        record.put("requestHash", requestHash(ctx.getStub()));
        record.put("result", result == null ? "" : result.toString());
        record.put("txId", ledger.txId());
        record.put("at", ledger.now().toString());
        ledger.put(recordKey(ledger, msp, key.get()), record);
    }

    /** The record of the caller's organisation under {@code key}. */
    public static String read(Context ctx, String key) {
        requireValid(key);
        Ledger ledger = new Ledger(ctx);
        return ledger.get(recordKey(ledger, Caller.msp(ctx), key))
                .orElseThrow(() -> fail(
                        ErrorCode.IDEMPOTENCY_RECORD_NOT_FOUND,
                        "no request of %s was committed under key %s",
                        Caller.msp(ctx),
                        key));
    }

    /**
     * SHA-256 (hex) of the transaction name, its arguments and its transient fields other than the
     * key, each length-prefixed so that no two different requests share an encoding.
     */
    public static String requestHash(ChaincodeStub stub) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        update(sha, stub.getFunction().getBytes(StandardCharsets.UTF_8));
        List<String> params = stub.getParameters();
        update(sha, Integer.toString(params.size()).getBytes(StandardCharsets.UTF_8));
        for (String p : params) {
            update(sha, p.getBytes(StandardCharsets.UTF_8));
        }
        Map<String, byte[]> transientData = stub.getTransient() == null ? Map.of() : stub.getTransient();
        for (Map.Entry<String, byte[]> e : new TreeMap<>(transientData).entrySet()) {
            if (!e.getKey().equals(TRANSIENT_FIELD)) {
                update(sha, e.getKey().getBytes(StandardCharsets.UTF_8));
                update(sha, e.getValue());
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void update(MessageDigest sha, byte[] part) {
        sha.update(ByteBuffer.allocate(4).putInt(part.length).array());
        sha.update(part);
    }

    private static Optional<String> key(Context ctx) {
        Map<String, byte[]> transientData = ctx.getStub().getTransient();
        byte[] raw = transientData == null ? null : transientData.get(TRANSIENT_FIELD);
        if (raw == null) {
            return Optional.empty();
        }
        String key = new String(raw, StandardCharsets.UTF_8);
        requireValid(key);
        return Optional.of(key);
    }

    private static void requireValid(String key) {
        // A key is short and printable, so that it fits a composite key and a log line.
        if (!KEY.matcher(key).matches()) {
            throw fail(ErrorCode.IDEMPOTENCY_KEY_INVALID, "idempotency key must match %s", KEY.pattern());
        }
    }

    private static String recordKey(Ledger ledger, String msp, String key) {
        return ledger.key(Keys.IDEMPOTENCY, msp, key);
    }
}
