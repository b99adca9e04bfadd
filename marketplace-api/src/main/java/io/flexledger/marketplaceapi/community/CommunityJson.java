package io.flexledger.marketplaceapi.community;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flexledger.contract.codec.CanonicalJson;
import io.flexledger.domain.validation.Violations;
import io.flexledger.marketplaceapi.api.JsonBody;
import io.flexledger.marketplaceapi.api.LedgerResponses;
import io.flexledger.marketplaceapi.api.MalformedBodyException;
import io.flexledger.marketplaceapi.ledger.LedgerPort;
import io.flexledger.marketplaceapi.ledger.LedgerReceipt;
import io.flexledger.marketplaceapi.ledger.LedgerUnavailableException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

/**
 * The community endpoints' bodies and answers: a body read strictly (a JSON object of known fields, each
 * of its type; the first fault is a {@link MalformedBodyException} naming the field by its JSON path), and
 * the answers the other resources give (201 with the committed record, its transaction id and block; 200
 * with a record and the transaction of its last change).
 */
final class CommunityJson {
    static final String IDEMPOTENCY_HEADER = LedgerResponses.IDEMPOTENCY_HEADER;
    /** How deep objects and arrays may nest in a body (as the other resources read them). */
    static final int MAX_DEPTH = 64;

    static final ObjectMapper JSON = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .build())
            .build());

    private CommunityJson() {}

    /**
     * A JSON object with no fields outside {@code allowed}, read by the one strict reader every resource
     * uses ({@link JsonBody}: duplicate keys, trailing data and over-deep nesting refused, the field at
     * fault named by its JSON path).
     */
    static JsonBody object(String text, Set<String> allowed) {
        return JsonBody.parse(text, allowed);
    }

    /** A required identifier field. */
    static String id(JsonBody body, String name) {
        String s = text(body, name);
        if (!Violations.ID.matcher(s).matches()) {
            throw new MalformedBodyException("$." + name, "must match " + Violations.ID.pattern());
        }
        return s;
    }

    /** A required string field without control or invisible characters. */
    static String text(JsonBody body, String name) {
        return required(body.string(name), name);
    }

    /** A required day {@code YYYY-MM-DD}. */
    static LocalDate day(JsonBody body, String name) {
        return required(body.day(name), name);
    }

    /** A required whole number. */
    static int integer(JsonBody body, String name) {
        return required(body.integer(name), name);
    }

    /** A required boolean. */
    static boolean bool(JsonBody body, String name) {
        return required(body.bool(name), name);
    }

    /**
     * A required decimal {@code >= 0} (a number or a decimal string) with at most {@code decimals} decimals.
     */
    static BigDecimal amount(JsonBody body, String name, int decimals) {
        return amount(required(body.decimalOrText(name), name), "$." + name, decimals);
    }

    /** A decimal read at {@code path}, {@code >= 0}, with at most {@code decimals} decimals, at most 1000000. */
    static BigDecimal amount(BigDecimal d, String path, int decimals) {
        if (d.signum() < 0) {
            throw new MalformedBodyException(path, "must be >= 0");
        }
        if (d.stripTrailingZeros().scale() > decimals) {
            throw new MalformedBodyException(path, "has more than " + decimals + " decimals");
        }
        if (d.compareTo(BigDecimal.valueOf(1_000_000)) > 0) {
            throw new MalformedBodyException(path, "must be at most 1000000");
        }
        return d;
    }

    private static <T> T required(T value, String name) {
        if (value == null) {
            throw new MalformedBodyException("$." + name, "is required");
        }
        return value;
    }

    /** The {@code Idempotency-Key} header, required on every POST that writes. */
    static String idempotencyKey(String header) {
        return LedgerResponses.requireIdempotencyKey(header);
    }

    /** A path parameter that must be an identifier. */
    static String pathId(String value, String name) {
        if (value == null || !Violations.ID.matcher(value).matches()) {
            throw new MalformedBodyException(name, "must match " + Violations.ID.pattern());
        }
        return value;
    }

    /** A path or query parameter that must be a day. */
    static String pathDay(String value, String name) {
        try {
            return LocalDate.parse(value == null ? "" : value).toString();
        } catch (DateTimeParseException e) {
            throw new MalformedBodyException(name, "must be a day written YYYY-MM-DD");
        }
    }

    /** 201 with the committed (or replayed) record. */
    static Response created(String location, LedgerReceipt receipt) {
        return LedgerResponses.created(location, receipt);
    }

    /** 200 with a record, and the transaction and block of its last change when it names one. */
    static Response record(LedgerPort ledger, JsonNode record) {
        return LedgerResponses.record(ledger, record.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A record decoded from the ledger, as the chaincode writes it ({@code written}, the codec's map): the
     * JSON the ledger answered, read as it was before it was decoded.
     */
    static JsonNode written(Map<String, Object> written) {
        return parse(CanonicalJson.bytes(written));
    }

    /** A record or list the ledger returned. */
    static JsonNode parse(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new LedgerUnavailableException("the ledger returned unreadable JSON", e);
        }
    }
}
