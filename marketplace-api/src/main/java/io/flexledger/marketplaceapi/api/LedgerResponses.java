package io.flexledger.marketplaceapi.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.contract.codec.CanonicalJson;
import io.flexledger.domain.validation.ValidationException;
import io.flexledger.marketplaceapi.ledger.LedgerPort;
import io.flexledger.marketplaceapi.ledger.LedgerReceipt;
import io.flexledger.marketplaceapi.ledger.LedgerUnavailableException;
import io.flexledger.marketplaceapi.ledger.Page;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The answers every resource gives: a committed POST (201 with the record, its transaction id and
 * block), one record read from the ledger (with the transaction and block of its last change), and a
 * filtered page of a day's records.
 */
public final class LedgerResponses {
    public static final String TX_HEADER = "Ledger-Transaction-Id";
    public static final String BLOCK_HEADER = "Ledger-Block-Number";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern SMALL_NUMBER = Pattern.compile("[0-9]{1,4}");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private LedgerResponses() {}

    /** The {@code Idempotency-Key} header, required on every POST. */
    public static String requireIdempotencyKey(String header) {
        // Every POST names its request, so that a retry can never create a second record.
        if (header == null || header.isEmpty()) {
            throw new MalformedBodyException(
                    "header " + IDEMPOTENCY_HEADER, "is required: a unique key per request, e.g. a UUID");
        }
        if (!KEY.matcher(header).matches()) {
            throw new MalformedBodyException("header " + IDEMPOTENCY_HEADER, "must match " + KEY.pattern());
        }
        return header;
    }

    /** 201 with the committed (or replayed) record. */
    public static Response created(String location, LedgerReceipt receipt) {
        Response.ResponseBuilder b = Response.created(URI.create(location))
                .header(TX_HEADER, receipt.transactionId())
                .header(BLOCK_HEADER, receipt.blockNumber())
                .type("application/json")
                .entity(utf8(receipt.payload()));
        if (receipt.replayed()) {
            b.header(REPLAYED_HEADER, "true");
        }
        return b.build();
    }

    /** 200 with one record as the ledger holds it, and the transaction and block of its last change. */
    public static Response record(LedgerPort ledger, byte[] json) {
        String txId = json(json).path("txId").asText("");
        Response.ResponseBuilder b = Response.ok(utf8(json), "application/json");
        if (!txId.isEmpty()) {
            b.header(TX_HEADER, txId).header(BLOCK_HEADER, ledger.blockNumberOf(txId));
        }
        return b.build();
    }

    /**
     * 200 with one decoded record, written by the codec's writer as the chaincode wrote it, and the
     * transaction {@code txId} and block of its last change.
     */
    static Response record(LedgerPort ledger, Map<String, Object> record, String txId) {
        Response.ResponseBuilder b = Response.ok(CanonicalJson.write(record), "application/json");
        if (txId != null && !txId.isEmpty()) {
            b.header(TX_HEADER, txId).header(BLOCK_HEADER, ledger.blockNumberOf(txId));
        }
        return b.build();
    }

    /** Reads one decoded page of a day's records: the day, the page size and the ledger's bookmark. */
    @FunctionalInterface
    interface DayRecords<T> {
        Page<T> read(String day, String pageSize, String bookmark);
    }

    /**
     * One decoded ledger page of a day's records, keeping those that match the filter, each written by
     * {@code writer} (the codec's, as the chaincode wrote it). A filtered page may hold fewer records than
     * {@code pageSize}; the bookmark continues after the page read.
     */
    static <T> String dayPage(
            DayRecords<T> pages,
            String day,
            Predicate<T> filter,
            Function<T, Map<String, Object>> writer,
            String pageSize,
            String bookmark) {
        String checked = requireDay(day);
        return page(
                List.of(checked), (size, from) -> pages.read(checked, size, from), filter, writer, pageSize, bookmark);
    }

    /** Reads one decoded page of a list whose attributes are fixed already: the page size and the ledger's bookmark. */
    @FunctionalInterface
    interface RecordPages<T> {
        Page<T> read(String pageSize, String bookmark);
    }

    /**
     * One decoded ledger page of a list whose attributes are {@code keys} (a bookmark must be one of that
     * list), keeping the records that match the filter, each written by {@code writer} (the codec's, as the
     * chaincode wrote it). A filtered page may hold fewer records than {@code pageSize}.
     */
    static <T> String page(
            List<String> keys,
            RecordPages<T> pages,
            Predicate<T> filter,
            Function<T, Map<String, Object>> writer,
            String pageSize,
            String bookmark) {
        Page<T> page = pages.read(pageSize(pageSize), Bookmarks.ledgerBookmark(bookmark, keys));
        ObjectNode out = MAPPER.createObjectNode();
        ArrayNode records = out.putArray("records");
        for (T r : page.records()) {
            if (filter.test(r)) {
                records.add(json(CanonicalJson.bytes(writer.apply(r))));
            }
        }
        out.put("bookmark", Bookmarks.apiBookmark(page.bookmark()));
        return out.toString();
    }

    /** Filters of a list query; a null field does not filter. */
    record Filter(String congestionPointId, String state, Integer slot) {
        Filter {
            if (congestionPointId != null) {
                OffersResource.requireId(congestionPointId, "congestionPointId");
            }
        }

        /**
         * This filter on decoded records: {@code congestionPointId}, {@code state} (its constant's name)
         * and {@code kwBySlot} read each record's.
         */
        <T> Predicate<T> on(
                Function<T, String> congestionPointIdOf,
                Function<T, Enum<?>> stateOf,
                Function<T, ? extends Map<Integer, ?>> kwBySlotOf) {
            return r -> (congestionPointId == null || congestionPointId.equals(congestionPointIdOf.apply(r)))
                    && (state == null || state.equalsIgnoreCase(stateOf.apply(r).name()))
                    && (slot == null || kwBySlotOf.apply(r).containsKey(slot));
        }
    }

    /** The aggregator a record of the ledger belongs to: its {@code aggregatorMsp} field. */
    static String aggregatorOf(byte[] recordJson) {
        String msp = json(recordJson).path("aggregatorMsp").asText("");
        if (msp.isEmpty()) {
            throw new LedgerUnavailableException("the ledger returned a record without aggregatorMsp", null);
        }
        return msp;
    }

    /** A query parameter that must be a day {@code YYYY-MM-DD}. */
    static String requireDay(String day) {
        if (day == null) {
            throw new ValidationException("day", "is required (YYYY-MM-DD)");
        }
        try {
            LocalDate.parse(day);
        } catch (DateTimeParseException e) {
            throw new ValidationException("day", "must be a day written YYYY-MM-DD");
        }
        return day;
    }

    /** A page size within the ledger's bounds, as the query parameter gave it. */
    static String pageSize(String pageSize) {
        // A page holds 1..100 records (the chaincode's bound).
        Integer n = smallNumber(pageSize);
        if (n == null || n < 1 || n > 100) {
            throw new ValidationException("pageSize", "must be a whole number in 1..100");
        }
        return Integer.toString(n);
    }

    /** A slot filter within a day (100 slots on the longest day); null when absent. */
    static Integer slot(String slot) {
        if (slot == null) {
            return null;
        }
        Integer n = smallNumber(slot);
        if (n == null || n > 99) {
            throw new ValidationException("slot", "must be a whole number in 0..99");
        }
        return n;
    }

    /** A decimal number of at most 4 digits, or null. */
    private static Integer smallNumber(String text) {
        return text != null && SMALL_NUMBER.matcher(text).matches() ? Integer.valueOf(text) : null;
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A record or page the ledger returned, as JSON. */
    static JsonNode json(byte[] json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new LedgerUnavailableException("the ledger returned unreadable JSON: " + e.getOriginalMessage(), e);
        } catch (java.io.IOException e) {
            throw new LedgerUnavailableException("the ledger returned unreadable JSON", e);
        }
    }
}
