package io.flexledger.marketplaceapi.api;

import io.flexledger.contract.codec.InputRefusal;
import io.flexledger.contract.codec.JsonFields;
import io.flexledger.contract.codec.JsonReader;
import io.flexledger.domain.validation.ValidationException;
import io.flexledger.marketplaceapi.ledger.LedgerUnavailableException;
import io.flexledger.marketplaceapi.ledger.Page;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The chaincode's answers decoded with a ledger contract codec's reader: one record, or a page of them
 * ({@code {"records":[…],"bookmark":"…"}}). A record the codec refuses (a field it does not carry, of the
 * wrong type or form, or a value the domain refuses) is a {@link LedgerUnavailableException} naming the field.
 */
final class LedgerRecords {
    /** A page of records: larger than one record, as deep. */
    private static final JsonReader.Limits PAGE = new JsonReader.Limits(
            64 * JsonReader.Limits.LEDGER.maxChars(),
            JsonReader.Limits.LEDGER.maxDepth() + 2,
            JsonReader.Limits.LEDGER.maxNumberLength());

    private LedgerRecords() {}

    /** One record, read by {@code reader}. */
    static <T> T record(byte[] json, Function<JsonFields, T> reader) {
        return decoded(
                () -> reader.apply(JsonFields.parse(utf8(json), JsonReader.Limits.LEDGER, JsonFields.throwing())));
    }

    /** A page of records, each read by {@code reader}, and its bookmark. */
    static <T> Page<T> page(byte[] json, Function<JsonFields, T> reader) {
        return decoded(() -> {
            JsonFields page = JsonFields.parse(utf8(json), PAGE, JsonFields.throwing());
            page.onlyFields(java.util.Set.of("records", "bookmark"));
            List<T> records = new ArrayList<>();
            for (JsonFields r : page.objects("records")) {
                records.add(reader.apply(r));
            }
            return new Page<>(records, page.string("bookmark"));
        });
    }

    /** One record as large as a page, read by {@code reader}: a record with every version of it (a history). */
    static <T> T history(byte[] json, Function<JsonFields, T> reader) {
        return decoded(() -> reader.apply(JsonFields.parse(utf8(json), PAGE, JsonFields.throwing())));
    }

    private static <T> T decoded(java.util.function.Supplier<T> decoding) {
        try {
            return decoding.get();
        } catch (InputRefusal e) {
            throw new LedgerUnavailableException(
                    "the ledger returned a record the codec refuses: " + e.getMessage(), e);
        } catch (ValidationException e) {
            throw new LedgerUnavailableException(
                    "the ledger returned a record the domain refuses: " + e.getMessage(), e);
        }
    }

    private static String utf8(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }
}
