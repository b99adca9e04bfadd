package io.flexledger.chaincode.codec;

import io.flexledger.chaincode.failures.Failures;
import io.flexledger.contract.ErrorCode;
import io.flexledger.contract.codec.InputRefusal;
import io.flexledger.contract.codec.JsonFields;
import io.flexledger.contract.codec.JsonReader;
import io.flexledger.domain.units.Kilowatts;
import io.flexledger.domain.validation.ValidationException;
import io.flexledger.domain.validation.Violations;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.function.Function;

/**
 * A transaction argument read by the ledger's one strict reader ({@link JsonReader}: no comments, no
 * trailing data, no duplicate keys, at most {@link JsonReader.Limits#LEDGER} in size and nesting), with
 * typed getters ({@link JsonFields}) that record violations under JSON paths such as {@code
 * $.kwBySlot.68}. Call {@link #done()} after reading to throw them.
 */
public final class JsonInput {
    private final JsonFields fields;
    private final Violations violations;

    private JsonInput(JsonFields fields, Violations violations) {
        this.fields = fields;
        this.violations = violations;
    }

    /** Parses {@code json} as one object; refuses anything else with {@link ErrorCode#MALFORMED_INPUT}. */
    public static JsonInput parse(String json) {
        Violations violations = new Violations();
        try {
            JsonFields.Problems problems = new JsonFields.Problems() {
                @Override
                public void report(String path, String reason) {
                    violations.check(false, path, reason);
                }

                @Override
                public void done() {
                    violations.throwIfAny();
                }
            };
            return new JsonInput(JsonFields.parse(json, JsonReader.Limits.LEDGER, problems), violations);
        } catch (InputRefusal r) {
            throw Failures.fail(r.code(), "%s", r.getMessage());
        }
    }

    private JsonInput nested(JsonFields nested) {
        return nested == null ? null : new JsonInput(nested, violations);
    }

    /** The fields as the ledger contract's codecs read them; their problems are this input's violations. */
    public JsonFields fields() {
        return fields;
    }

    /** The path of this object, e.g. {@code $} or {@code $.home}. */
    public String path() {
        return fields.path();
    }

    /** The violations collected so far (shared with nested inputs). */
    public Violations violations() {
        return violations;
    }

    /** Records a violation for every field not in {@code allowed}; returns this. */
    public JsonInput onlyFields(Set<String> allowed) {
        fields.onlyFields(allowed);
        return this;
    }

    /** Whether the field is present and not null. */
    public boolean has(String name) {
        return fields.has(name);
    }

    /** A required string field. */
    public String string(String name) {
        return fields.string(name);
    }

    /** An optional string field (null if absent or null). */
    public String optionalString(String name) {
        return fields.optionalString(name);
    }

    /** A required decimal: a JSON number or a string holding a plain decimal. */
    public BigDecimal decimal(String name) {
        return fields.decimal(name);
    }

    /** A required integer. */
    public Integer integer(String name) {
        return fields.integer(name);
    }

    /** A required integer that may exceed the int range (e.g. a device's reading counter). */
    public Long longValue(String name) {
        return fields.longValue(name);
    }

    /** A required array of strings. */
    public List<String> stringList(String name) {
        return fields.stringList(name);
    }

    /** A required array of objects, each a nested input sharing this input's violations ({@code $.readings[3]}). */
    public List<JsonInput> objects(String name) {
        List<JsonFields> objects = fields.objects(name);
        return objects == null
                ? null
                : objects.stream().filter(o -> o != null).map(this::nested).toList();
    }

    /** A required calendar day, {@code YYYY-MM-DD}. */
    public LocalDate day(String name) {
        return fields.day(name);
    }

    /** A required enum constant given by its exact name. */
    public <E extends Enum<E>> E enumValue(String name, Class<E> type) {
        return fields.enumValue(name, type);
    }

    /** A required unit value: a decimal converted with {@code unit} (e.g. {@code Kilowatts::new}). */
    public <U> U unit(String name, Function<BigDecimal, U> unit) {
        return fields.unit(name, unit);
    }

    /** A required object field as a nested input sharing this input's violations. */
    public JsonInput object(String name) {
        return nested(fields.object(name));
    }

    /** A required object mapping slot numbers (plain decimal strings) to kW. */
    public SortedMap<Integer, Kilowatts> kwBySlot(String name) {
        return fields.kwBySlot(name);
    }

    /** A required array of kW, one per slot. */
    public List<Kilowatts> kwList(String name) {
        return fields.kwList(name);
    }

    /** Throws {@link ErrorCode#INVALID_FIELD} if any violation was recorded. */
    public void done() {
        try {
            violations.throwIfAny();
        } catch (ValidationException e) {
            throw Failures.invalid(e);
        }
    }

    /** The JSON path of a field of this object. */
    public String at(String name) {
        return fields.at(name);
    }
}
