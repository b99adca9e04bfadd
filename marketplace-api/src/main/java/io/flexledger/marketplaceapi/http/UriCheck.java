package io.flexledger.marketplaceapi.http;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Checks a request target as it arrived (the raw {@code /path?query}) before anything decodes it:
 * every character is one RFC 3986 allows there, every {@code %} starts a two-digit hex escape, the
 * path and each query parameter's name and value are UTF-8 once percent-decoded, and no query
 * parameter holds a character {@link TextCheck} refuses. The first fault found names the part: the
 * path ({@code path}), a query parameter ({@code $.bookmark}, as the API names parameters elsewhere),
 * or the query as a whole ({@code query}) when a parameter's own name is at fault.
 */
public final class UriCheck {
    /** The scheme and authority of a target in absolute form ({@code http://host:port}). */
    private static final Pattern ABSOLUTE = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*");

    /** The part of the target at fault and why. */
    public record Fault(String field, String reason) {}

    private UriCheck() {}

    /** The first fault of a request target, or null when it is well-formed. */
    public static Fault firstFault(String target) {
        if (target == null || target.isEmpty()) {
            return new Fault("path", "is empty");
        }
        var absolute = ABSOLUTE.matcher(target);
        if (absolute.find()) {
            String rest = target.substring(absolute.end());
            return firstFault(rest.isEmpty() ? "/" : rest);
        }
        if (!target.startsWith("/")) {
            // "*" (OPTIONS) or something the router will not match: only its URI syntax matters here
            return syntax(target, -1);
        }
        int q = target.indexOf('?');
        Fault f = path(q < 0 ? target : target.substring(0, q));
        if (f == null && q >= 0) {
            f = query(target.substring(q + 1));
        }
        return f != null ? f : syntax(target, q);
    }

    /** The path: allowed characters, valid escapes, UTF-8. */
    static Fault path(String raw) {
        String escapes = escapes(raw, false);
        if (escapes != null) {
            return new Fault("path", escapes);
        }
        if (decode(raw, false) == null) {
            return new Fault("path", "is not UTF-8 once percent-decoded");
        }
        return null;
    }

    /** Each {@code name=value} pair of the query, separated by {@code &}. */
    static Fault query(String raw) {
        for (String pair : raw.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String rawName = eq < 0 ? pair : pair.substring(0, eq);
            String rawValue = eq < 0 ? "" : pair.substring(eq + 1);
            String escapes = escapes(rawName, true);
            if (escapes != null) {
                return new Fault("query", "a parameter name " + escapes);
            }
            String name = decode(rawName, true);
            if (name == null) {
                return new Fault("query", "a parameter name is not UTF-8 once percent-decoded");
            }
            int at = TextCheck.firstInvalid(name);
            if (at >= 0) {
                return new Fault("query", "a parameter name " + TextCheck.describe(name, at));
            }
            String field = name.isEmpty() ? "query" : "$." + name;
            escapes = escapes(rawValue, true);
            if (escapes != null) {
                return new Fault(field, escapes);
            }
            String value = decode(rawValue, true);
            if (value == null) {
                return new Fault(field, "is not UTF-8 once percent-decoded");
            }
            at = TextCheck.firstInvalid(value);
            if (at >= 0) {
                return new Fault(field, TextCheck.describe(value, at));
            }
        }
        return null;
    }

    /** Why {@code raw} is not well percent-encoded (a character that must be escaped, a bad escape), or null. */
    private static String escapes(String raw, boolean query) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length() || hex(raw.charAt(i + 1)) < 0 || hex(raw.charAt(i + 2)) < 0) {
                    return "has an invalid percent-encoding at position " + i + ": \""
                            + printable(raw.substring(i, Math.min(raw.length(), i + 3)))
                            + "\" (a % starts two hex digits)";
                }
                i += 2;
            } else if (!allowed(c, query)) {
                return "holds " + printable(String.valueOf(c)) + " at position " + i
                        + ", which must be percent-encoded";
            }
        }
        return null;
    }

    /** The text {@code raw} stands for, or null when its bytes are not UTF-8; escapes are known valid. */
    private static String decode(String raw, boolean plusIsSpace) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                bytes.write(hex(raw.charAt(i + 1)) * 16 + hex(raw.charAt(i + 2)));
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else {
                bytes.write(c);
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Whatever the checks above let through must also be a URI to Java, as the HTTP layer requires. */
    private static Fault syntax(String target, int queryStart) {
        try {
            new URI(target);
            return null;
        } catch (URISyntaxException e) {
            boolean inQuery = queryStart >= 0 && e.getIndex() > queryStart;
            return new Fault(inQuery ? "query" : "path", "is not a valid URI: " + printable(e.getReason()));
        }
    }

    /** RFC 3986: unreserved, sub-delims, ':' and '@' (pchar), '/' in a path, and '/' or '?' in a query. */
    private static boolean allowed(char c, boolean query) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            return true;
        }
        if ("-._~!$&'()*+,;=:@/".indexOf(c) >= 0) {
            return true;
        }
        return query && c == '?';
    }

    private static int hex(char c) {
        return Character.digit(c, 16) >= 0 && c < 128 ? Character.digit(c, 16) : -1;
    }

    /** {@code s} with every character outside printable ASCII written as {@code U+XXXX}. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                b.append(c);
            } else {
                b.append(String.format("U+%04X", (int) c));
            }
        }
        return b.toString();
    }
}
