package io.flexledger.contract.codec;

import io.flexledger.contract.ErrorCode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one strict JSON reader of the ledger and its clients (RFC 8259 and nothing more): no comments,
 * no single quotes, no trailing commas, no NaN or infinities, no unescaped control characters, no data
 * after the value, and - stricter than the RFC - no key given twice in one object (an ambiguous input
 * that two readers could resolve differently is refused, never resolved silently). Objects and arrays
 * nest at most {@link Limits#maxDepth()} deep, a number has at most {@link Limits#maxNumberLength()}
 * characters and the whole text at most {@link Limits#maxChars()}.
 *
 * <p>The value read is a tree of {@code Map<String, Object>} (members in the order given), {@code
 * List<Object>}, {@link String}, {@link BigDecimal} (every number, exact, never binary floating point),
 * {@link Boolean} and {@code null}. Every refusal is an {@link InputRefusal} with {@link
 * ErrorCode#MALFORMED_INPUT}, naming the JSON path of the part at fault or, for text that is not JSON,
 * its line and column.
 */
public final class JsonReader {
    /**
     * How much a text may hold.
     *
     * @param maxChars the longest text, in UTF-16 characters
     * @param maxDepth how deep objects and arrays may nest (the outermost object is level 1)
     * @param maxNumberLength the longest number, in characters
     */
    public record Limits(int maxChars, int maxDepth, int maxNumberLength) {
        /** Ledger inputs: 256 KiB of text, 16 levels, numbers of up to 1000 characters. */
        public static final Limits LEDGER = new Limits(256 * 1024, 16, 1000);

        public Limits {
            if (maxChars < 2 || maxDepth < 1 || maxNumberLength < 1) {
                throw new IllegalArgumentException("limits must be positive");
            }
        }
    }

    private final String text;
    private final Limits limits;
    private final List<String> steps = new ArrayList<>();
    private int pos;

    private JsonReader(String text, Limits limits) {
        this.text = text;
        this.limits = limits;
    }

    /** The one JSON value of {@code text}. */
    public static Object read(String text, Limits limits) {
        if (text == null || text.isBlank()) {
            throw new InputRefusal(ErrorCode.MALFORMED_INPUT, "$", "a JSON object is required");
        }
        if (text.length() > limits.maxChars()) {
            throw new InputRefusal(ErrorCode.MALFORMED_INPUT, "$", "longer than " + limits.maxChars() + " characters");
        }
        JsonReader reader = new JsonReader(text, limits);
        reader.space();
        Object value = reader.value(0);
        reader.space();
        if (reader.pos < text.length()) {
            throw reader.syntax("unexpected data after the value");
        }
        return value;
    }

    /** The one JSON object of {@code text}; any other value is refused. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> readObject(String text, Limits limits) {
        Object value = read(text, limits);
        if (!(value instanceof Map<?, ?>)) {
            throw new InputRefusal(ErrorCode.MALFORMED_INPUT, "$", "must be a JSON object");
        }
        return (Map<String, Object>) value;
    }

    private Object value(int depth) {
        if (pos >= text.length()) {
            throw syntax("the text ends where a value is expected");
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> object(depth + 1);
            case '[' -> array(depth + 1);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw syntax("unexpected character " + describe(c) + " where a value is expected");
            }
        };
    }

    private Map<String, Object> object(int depth) {
        deeper(depth);
        pos++;
        Map<String, Object> out = new LinkedHashMap<>();
        space();
        if (peek() == '}') {
            pos++;
            return out;
        }
        while (true) {
            space();
            if (peek() != '"') {
                throw syntax("a member name in double quotes is expected");
            }
            String name = string();
            steps.add("." + name);
            // A key given twice is ambiguous: refused rather than resolved silently.
            if (out.containsKey(name)) {
                throw new InputRefusal(ErrorCode.MALFORMED_INPUT, path(steps.size()), "duplicate key");
            }
            space();
            expect(':');
            space();
            out.put(name, value(depth));
            steps.remove(steps.size() - 1);
            space();
            char c = peek();
            pos++;
            if (c == '}') {
                return out;
            }
            if (c != ',') {
                pos--;
                throw syntax("',' or '}' is expected");
            }
        }
    }

    private List<Object> array(int depth) {
        deeper(depth);
        pos++;
        List<Object> out = new ArrayList<>();
        space();
        if (peek() == ']') {
            pos++;
            return out;
        }
        while (true) {
            space();
            steps.add("[" + out.size() + "]");
            out.add(value(depth));
            steps.remove(steps.size() - 1);
            space();
            char c = peek();
            pos++;
            if (c == ']') {
                return out;
            }
            if (c != ',') {
                pos--;
                throw syntax("',' or ']' is expected");
            }
        }
    }

    /** Refuses a container beyond the depth limit, naming the top-level member that holds the nesting. */
    private void deeper(int depth) {
        if (depth > limits.maxDepth()) {
            throw new InputRefusal(
                    ErrorCode.MALFORMED_INPUT,
                    path(Math.min(1, steps.size())),
                    "objects and arrays nest deeper than " + limits.maxDepth() + " levels");
        }
    }

    private String string() {
        pos++;
        StringBuilder out = null;
        int start = pos;
        while (true) {
            if (pos >= text.length()) {
                throw syntax("the text ends inside a string");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                String s = out == null
                        ? text.substring(start, pos)
                        : out.append(text, start, pos).toString();
                pos++;
                return s;
            }
            if (c < 0x20) {
                throw syntax("unescaped control character " + describe(c) + " in a string");
            }
            if (c != '\\') {
                pos++;
                continue;
            }
            if (out == null) {
                out = new StringBuilder();
            }
            out.append(text, start, pos);
            pos++;
            if (pos >= text.length()) {
                throw syntax("the text ends inside a string");
            }
            char e = text.charAt(pos);
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (pos + 4 >= text.length()) {
                        throw syntax("the text ends inside a \\u escape");
                    }
                    int cp = 0;
                    for (int i = 1; i <= 4; i++) {
                        int d = Character.digit(text.charAt(pos + i), 16);
                        if (d < 0) {
                            pos += i;
                            throw syntax("a \\u escape needs four hexadecimal digits");
                        }
                        cp = cp * 16 + d;
                    }
                    out.append((char) cp);
                    pos += 4;
                }
                default -> throw syntax("unknown escape \\" + describe(e));
            }
            pos++;
            start = pos;
        }
    }

    private BigDecimal number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (digit()) {
            while (digit()) {
                pos++;
            }
        } else {
            throw syntax("a digit is expected");
        }
        if (peek() == '.') {
            pos++;
            if (!digit()) {
                throw syntax("a digit is expected after the decimal point");
            }
            while (digit()) {
                pos++;
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!digit()) {
                throw syntax("a digit is expected in the exponent");
            }
            while (digit()) {
                pos++;
            }
        }
        int length = pos - start;
        if (length > limits.maxNumberLength()) {
            throw new InputRefusal(
                    ErrorCode.MALFORMED_INPUT,
                    path(steps.size()),
                    "Number value length " + length + " exceeds the limit of " + limits.maxNumberLength()
                            + " characters");
        }
        try {
            return new BigDecimal(text.substring(start, pos));
        } catch (NumberFormatException e) {
            // Only an exponent beyond the int range gets here, e.g. 1e99999999999.
            throw new InputRefusal(ErrorCode.MALFORMED_INPUT, path(steps.size()), "the number is out of range");
        }
    }

    private boolean digit() {
        char c = peek();
        return c >= '0' && c <= '9';
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, pos)) {
            throw syntax("unexpected character " + describe(text.charAt(pos)) + " where a value is expected");
        }
        pos += word.length();
        return value;
    }

    private void expect(char c) {
        if (peek() != c) {
            throw syntax("'" + c + "' is expected");
        }
        pos++;
    }

    /** The character at the position, or U+FFFF past the end (never valid where anything is expected). */
    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\uffff';
    }

    private void space() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private String path(int depth) {
        StringBuilder b = new StringBuilder("$");
        for (int i = 0; i < depth; i++) {
            b.append(steps.get(i));
        }
        return b.toString();
    }

    /** Text that is not JSON: named by its line and column (both from 1), since it has no field path. */
    private InputRefusal syntax(String what) {
        if (pos >= text.length()) {
            what = pos > text.length() || what.contains("ends") ? what : what + " (the text ends)";
        }
        int line = 1;
        int column = 1;
        for (int i = 0; i < Math.min(pos, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new InputRefusal(
                ErrorCode.MALFORMED_INPUT, "$", "not valid JSON at line " + line + ", column " + column + ": " + what);
    }

    private static String describe(char c) {
        return c < 0x20 || c > 0x7e ? String.format("U+%04X", (int) c) : "'" + c + "'";
    }
}
