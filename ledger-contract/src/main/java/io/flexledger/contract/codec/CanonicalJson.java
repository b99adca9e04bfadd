package io.flexledger.contract.codec;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes ledger JSON deterministically, so that every endorsing peer produces the same bytes: object
 * keys sorted by their UTF-16 code units, no whitespace, strings escaped one way only, integers as
 * digits, decimals as plain strings (never binary floating point; see docs/decisions/0005-chaincode.md).
 */
public final class CanonicalJson {
    private CanonicalJson() {}

    /** JSON text that is already canonical (e.g. a stored record), written verbatim. */
    public record Raw(String json) {}

    /**
     * The canonical text of {@code value}: a Map, Collection, String, Boolean, Integer, Long, BigDecimal,
     * {@link Raw} or null. Map entries whose value is null are left out (absent means null).
     */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        append(out, value);
        return out.toString();
    }

    /** The canonical text in UTF-8. */
    public static byte[] bytes(Object value) {
        return write(value).getBytes(StandardCharsets.UTF_8);
    }

    private static void append(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(out, s);
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (value instanceof Integer || value instanceof Long) {
            out.append(value);
        } else if (value instanceof BigDecimal d) {
            // Decimals travel as strings: the text is exact and identical everywhere.
            string(out, d.toPlainString());
        } else if (value instanceof Raw raw) {
            out.append(raw.json());
        } else if (value instanceof Map<?, ?> map) {
            TreeMap<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> {
                if (v != null) {
                    sorted.put((String) k, v);
                }
            });
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> e : sorted.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(out, e.getKey());
                out.append(':');
                append(out, e.getValue());
            }
            out.append('}');
        } else if (value instanceof Collection<?> list) {
            out.append('[');
            boolean first = true;
            for (Object item : list) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                append(out, item);
            }
            out.append(']');
        } else {
            // Anything else (notably Double and Float) has no single canonical text.
            throw new IllegalArgumentException(
                    "no canonical JSON for " + value.getClass().getName());
        }
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
