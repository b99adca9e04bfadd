package io.flexledger.contract.codec;

import io.flexledger.contract.ErrorCode;
import io.flexledger.domain.units.Decimals;
import io.flexledger.domain.units.Euros;
import io.flexledger.domain.units.KilowattHours;
import io.flexledger.domain.units.Kilowatts;
import io.flexledger.domain.validation.ValidationException;
import io.flexledger.domain.validation.Violation;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One JSON object read by {@link JsonReader}, with typed getters that name each field by its JSON path
 * (e.g. {@code $.kwBySlot.68}). A problem goes to the object's {@link Problems}: either {@link
 * #collecting(List) collected} (every problem of an input at once, as the chaincode reports them) or
 * {@link #throwing() thrown} as the first {@link InputRefusal} (as the API answers). A getter that finds a
 * problem returns null.
 *
 * <p>Decimals are JSON numbers or plain decimal strings ({@code "2.500"}), bounded below 1e15 in
 * magnitude and to 12 decimals before any scaling (so that {@code 1e999999999} cannot exhaust memory);
 * unit values are then converted by the domain's unit types.
 */
public final class JsonFields {
    private static final BigDecimal LIMIT = new BigDecimal("1e15");

    /** Where the problems of reading go. */
    @FunctionalInterface
    public interface Problems {
        void report(String path, String reason);

        /** Called when an input is read: problems collected so far are thrown (none if thrown at once). */
        default void done() {}
    }

    /** Problems thrown one at a time, as {@link InputRefusal}s with {@link ErrorCode#INVALID_FIELD}. */
    public static Problems throwing() {
        return (path, reason) -> {
            throw new InputRefusal(ErrorCode.INVALID_FIELD, path, reason);
        };
    }

    /** Problems added to {@code into}, thrown by {@link #done()} as one {@link ValidationException}. */
    public static Problems collecting(List<Violation> into) {
        return new Problems() {
            @Override
            public void report(String path, String reason) {
                into.add(new Violation(path, reason));
            }

            @Override
            public void done() {
                if (!into.isEmpty()) {
                    throw new ValidationException(List.copyOf(into));
                }
            }
        };
    }

    private final Map<String, Object> object;
    private final String path;
    private final Problems problems;

    public JsonFields(Map<String, Object> object, String path, Problems problems) {
        this.object = object;
        this.path = path;
        this.problems = problems;
    }

    /** {@code text} read as one JSON object under {@code limits}. */
    public static JsonFields parse(String text, JsonReader.Limits limits, Problems problems) {
        return new JsonFields(JsonReader.readObject(text, limits), "$", problems);
    }

    /** The path of this object, e.g. {@code $} or {@code $.home}. */
    public String path() {
        return path;
    }

    /** The JSON path of a field of this object. */
    public String at(String name) {
        return path + "." + name;
    }

    /** Where this object's problems go (nested objects share it). */
    public Problems problems() {
        return problems;
    }

    /** The members as read (a live view: reading never changes it). */
    public Map<String, Object> members() {
        return object;
    }

    /** Throws the problems collected so far, if any (see {@link Problems#done()}). */
    public void done() {
        problems.done();
    }

    /**
     * Builds a domain record from fields read: first {@link #done()}, then {@code constructor}, whose
     * {@link ValidationException} is rethrown with its paths under this object's path.
     */
    public <T> T build(java.util.function.Supplier<T> constructor) {
        done();
        try {
            return constructor.get();
        } catch (ValidationException e) {
            throw e.prefixed(path);
        }
    }

    /** Whether the field is present and not null. */
    public boolean has(String name) {
        return object.get(name) != null;
    }

    /** The field's value as read (null when absent or null). */
    public Object raw(String name) {
        return object.get(name);
    }

    /** Reports every field not in {@code allowed}, in name order ("is not a known field"); returns this. */
    public JsonFields onlyFields(Set<String> allowed) {
        for (String name : new TreeSet<>(object.keySet())) {
            // Unknown fields are refused so that a typo never passes unnoticed.
            if (!allowed.contains(name)) {
                problems.report(at(name), "is not a known field");
            }
        }
        return this;
    }

    /** A required string. */
    public String string(String name) {
        return required(name, v -> asString(v, at(name)));
    }

    /** An optional string (null if absent or null). */
    public String optionalString(String name) {
        return has(name) ? string(name) : null;
    }

    /** A required boolean. */
    public Boolean bool(String name) {
        return required(name, v -> {
            if (v instanceof Boolean b) {
                return b;
            }
            problems.report(at(name), "must be true or false");
            return null;
        });
    }

    /** A required decimal: a JSON number or a string holding a plain decimal, bounded (see the class). */
    public BigDecimal decimal(String name) {
        return required(name, v -> asDecimal(v, at(name)));
    }

    /** A required integer within the int range (a decimal without fraction, e.g. {@code 68} or {@code "68"}). */
    public Integer integer(String name) {
        BigDecimal d = decimal(name);
        if (d == null) {
            return null;
        }
        try {
            return d.intValueExact();
        } catch (ArithmeticException ex) {
            problems.report(at(name), "must be an integer");
            return null;
        }
    }

    /** A required integer that may exceed the int range (e.g. a device's reading counter). */
    public Long longValue(String name) {
        BigDecimal d = decimal(name);
        if (d == null) {
            return null;
        }
        try {
            return d.longValueExact();
        } catch (ArithmeticException ex) {
            problems.report(at(name), "must be an integer");
            return null;
        }
    }

    /** A required calendar day, {@code YYYY-MM-DD}. */
    public LocalDate day(String name) {
        return required(name, v -> {
            String s = asString(v, at(name));
            if (s == null) {
                return null;
            }
            try {
                if (s.matches("\\d{4}-\\d{2}-\\d{2}")) {
                    return LocalDate.parse(s);
                }
            } catch (DateTimeParseException ex) {
                // reported below
            }
            problems.report(at(name), "must be a day such as 2026-11-27");
            return null;
        });
    }

    /** A required instant in ISO-8601 UTC, e.g. {@code 2026-11-27T10:15:30Z}. */
    public Instant instant(String name) {
        return required(name, v -> {
            String s = asString(v, at(name));
            if (s == null) {
                return null;
            }
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException ex) {
                problems.report(at(name), "must be an ISO-8601 instant");
                return null;
            }
        });
    }

    /** A required enum constant given by its exact name. */
    public <E extends Enum<E>> E enumValue(String name, Class<E> type) {
        return required(name, v -> {
            String s = asString(v, at(name));
            if (s == null) {
                return null;
            }
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(s)) {
                    return constant;
                }
            }
            problems.report(at(name), "must be one of " + List.of(type.getEnumConstants()));
            return null;
        });
    }

    /** A required unit value: a decimal converted with {@code unit} (e.g. {@code Kilowatts::new}). */
    public <U> U unit(String name, Function<BigDecimal, U> unit) {
        BigDecimal d = decimal(name);
        return d == null ? null : convert(at(name), d, unit);
    }

    /** A required power in kW. */
    public Kilowatts kw(String name) {
        return unit(name, Kilowatts::new);
    }

    /** A required energy in kWh. */
    public KilowattHours kwh(String name) {
        return unit(name, KilowattHours::new);
    }

    /** A required amount in EUR. */
    public Euros eur(String name) {
        return unit(name, Euros::new);
    }

    /** A required object field, sharing this object's problems. */
    public JsonFields object(String name) {
        return required(name, v -> asObject(v, at(name)));
    }

    /** A required array of objects, each sharing this object's problems ({@code $.readings[3]}). */
    public List<JsonFields> objects(String name) {
        return array(name, this::asObject);
    }

    /** A required array of strings. */
    public List<String> stringList(String name) {
        return array(name, this::asString);
    }

    /** A required array of decimals (numbers or plain decimal strings). */
    public List<BigDecimal> decimalList(String name) {
        return array(name, this::asDecimal);
    }

    /** A required array of kW, one per slot. */
    public List<Kilowatts> kwList(String name) {
        return array(name, (v, at) -> {
            BigDecimal d = asDecimal(v, at);
            return d == null ? null : convert(at, d, Kilowatts::new);
        });
    }

    /** A required object mapping slot numbers (plain decimal strings) to kW. */
    public SortedMap<Integer, Kilowatts> kwBySlot(String name) {
        JsonFields o = object(name);
        if (o == null) {
            return null;
        }
        TreeMap<Integer, Kilowatts> out = new TreeMap<>();
        for (Map.Entry<String, Object> e : o.object.entrySet()) {
            String at = o.at(e.getKey());
            // Slot keys are plain non-negative integers written without leading zeros.
            if (!e.getKey().matches("0|[1-9][0-9]{0,4}")) {
                problems.report(at, "key must be a slot number");
                continue;
            }
            BigDecimal d = asDecimal(e.getValue(), at);
            Kilowatts kw = d == null ? null : convert(at, d, Kilowatts::new);
            if (kw != null) {
                out.put(Integer.valueOf(e.getKey()), kw);
            }
        }
        return out;
    }

    /**
     * A required array, each item (null included) read by {@code item} with its path ({@code $.list[2]}).
     */
    public <T> List<T> array(String name, java.util.function.BiFunction<Object, String, T> item) {
        return required(name, v -> {
            if (!(v instanceof List<?> list)) {
                problems.report(at(name), "must be an array");
                return null;
            }
            List<T> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                String at = at(name) + "[" + i + "]";
                out.add(item.apply(list.get(i), at));
            }
            return out;
        });
    }

    private <T> T required(String name, Function<Object, T> reader) {
        if (!has(name)) {
            problems.report(at(name), "is required");
            return null;
        }
        return reader.apply(object.get(name));
    }

    /** {@code value} (found at {@code at}) as a string. */
    public String asString(Object value, String at) {
        if (value instanceof String s) {
            return s;
        }
        problems.report(at, "must be a string");
        return null;
    }

    /** {@code value} (found at {@code at}) as an object sharing this object's problems. */
    @SuppressWarnings("unchecked")
    public JsonFields asObject(Object value, String at) {
        if (value instanceof Map<?, ?> map) {
            return new JsonFields((Map<String, Object>) map, at, problems);
        }
        problems.report(at, "must be an object");
        return null;
    }

    /** {@code value} (found at {@code at}) as a bounded decimal: a JSON number or a plain decimal string. */
    public BigDecimal asDecimal(Object value, String at) {
        BigDecimal d = null;
        if (value instanceof BigDecimal n) {
            d = n;
        } else if (value instanceof String s) {
            try {
                d = Decimals.parse(s);
            } catch (ValidationException ex) {
                problems.report(at, ex.first().reason());
                return null;
            }
        }
        if (d == null) {
            problems.report(at, "must be a number");
            return null;
        }
        // Magnitudes are bounded before any scaling, so that 1e999999999 cannot exhaust memory.
        if (d.abs().compareTo(LIMIT) >= 0) {
            problems.report(at, "must be below 1e15 in magnitude");
            return null;
        }
        if (d.stripTrailingZeros().scale() > 12) {
            problems.report(at, "has more than 12 decimals");
            return null;
        }
        return d;
    }

    private <U> U convert(String at, BigDecimal d, Function<BigDecimal, U> unit) {
        try {
            return unit.apply(d);
        } catch (ValidationException ex) {
            ex.prefixed(at).violations().forEach(v -> problems.report(v.path(), v.reason()));
            return null;
        }
    }
}
