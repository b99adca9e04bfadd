package io.flexledger.chaincode.support;

import static io.flexledger.chaincode.failures.Failures.fail;

import io.flexledger.contract.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the chaincode reads of a signed D-Prognosis: its Period, CongestionPoint, ISP-Duration and the
 * Power (W) of each ISP, read from the exact XML the aggregator signed, so that the edge cannot state
 * other figures than the message. Only the plain form a UFTP serialiser writes is read: comments, CDATA,
 * document types and entities are refused rather than interpreted, so that the chaincode and an XML
 * parser cannot see different ISPs.
 */
public final class UftpPrognosis {
    /** The XML declaration a serialiser may write first. */
    private static final Pattern DECLARATION = Pattern.compile("\\A\\uFEFF?<\\?xml\\s[^<>]*\\?>");
    /** A tag: {@code /} for an end tag, the element's name, the rest up to {@code >} (or {@code />}). */
    private static final Pattern TAG = Pattern.compile("<(/?)([^\\s/>]*)([^>]*)>");

    private static final String ROOT = "D-Prognosis";
    private static final String ISP = "ISP";
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,12}");
    /**
     * A start tag's attributes as a whole: names with quoted values free of {@code < > &}. A {@code >} inside
     * a value would end the tag early for this reader while an XML parser reads on, so it is refused.
     */
    private static final Pattern ATTRIBUTES =
            Pattern.compile("(?:\\s+[A-Za-z_:][\\w.:-]*\\s*=\\s*(?:\"[^\"<>&]*\"|'[^'<>&]*'))*\\s*/?");

    /** A D-Prognosis's figures: the day, the congestion point's EntityAddress, watts by slot (ISP n is slot n-1). */
    public record Figures(LocalDate period, String congestionPoint, Map<Integer, Long> wattsBySlot) {}

    private UftpPrognosis() {}

    /** Reads the figures of the signed D-Prognosis {@code xml}, refusing what it cannot read exactly. */
    public static Figures read(byte[] xml) {
        String text = new String(xml, StandardCharsets.UTF_8);
        for (String construct : new String[] {"<!--", "<![CDATA[", "<!DOCTYPE", "<!ENTITY", "&"}) {
            // Only the plain form is read, so that no construct hides or adds an ISP.
            if (text.contains(construct)) {
                throw fail(
                        ErrorCode.MALFORMED_INPUT,
                        "$: the signed D-Prognosis contains %s, which this ledger does not read",
                        construct);
            }
        }
        List<String> elements = elements(text);
        String attributes = elements.get(0);
        String period = attribute(attributes, "Period");
        String congestionPoint = attribute(attributes, "CongestionPoint");
        String ispDuration = attribute(attributes, "ISP-Duration");
        // ISPs are the market's 15-minute slots.
        if (!"PT15M".equals(ispDuration)) {
            throw fail(ErrorCode.INVALID_FIELD, "$: the D-Prognosis's ISP-Duration must be PT15M, not %s", ispDuration);
        }
        LocalDate day;
        try {
            day = LocalDate.parse(period == null ? "" : period);
        } catch (DateTimeParseException e) {
            throw fail(ErrorCode.INVALID_FIELD, "$: the D-Prognosis's Period must be a day, not %s", period);
        }
        Map<Integer, Long> watts = new TreeMap<>();
        for (String a : elements.subList(1, elements.size())) {
            long start = integer(a, "Start", null);
            long duration = integer(a, "Duration", "1");
            long power = integer(a, "Power", null);
            if (start < 1 || duration < 1 || start + duration - 1 > 200) {
                throw fail(
                        ErrorCode.INVALID_FIELD, "$: ISP Start %d Duration %d is not a span of ISPs", start, duration);
            }
            for (long n = start; n < start + duration; n++) {
                // Each ISP once.
                if (watts.put((int) n - 1, power) != null) {
                    throw fail(ErrorCode.INVALID_FIELD, "$: ISP %d appears twice in the D-Prognosis", n);
                }
            }
        }
        return new Figures(day, congestionPoint, watts);
    }

    /**
     * The attributes of the D-Prognosis element, then of each ISP, in order, from a document that is exactly
     * the form a UFTP serialiser writes: an optional XML declaration, one {@code <D-Prognosis>} element without
     * namespace holding only {@code <ISP/>} elements (empty, or {@code <ISP …></ISP>}) and white space, and
     * nothing after it. Anything else (another element, an ISP in another element or namespace, a prefixed
     * name, a namespace declaration, text) is refused: an XML parser bound to UFTP's schema and this reader
     * must see the same ISPs.
     */
    private static List<String> elements(String text) {
        Matcher declaration = DECLARATION.matcher(text);
        int at = declaration.find() ? declaration.end() : 0;
        List<String> out = new ArrayList<>();
        Matcher tag = TAG.matcher(text);
        boolean rootClosed = false;
        boolean ispOpen = false;
        while (tag.find(at)) {
            blank(text.substring(at, tag.start()));
            boolean end = !tag.group(1).isEmpty();
            String name = tag.group(2);
            String rest = tag.group(3);
            boolean empty = rest.endsWith("/");
            if (rootClosed) {
                throw refusedElement("<" + tag.group(1) + name + "> after the D-Prognosis's end");
            } else if (out.isEmpty()) {
                if (end || empty || !name.equals(ROOT)) {
                    throw fail(ErrorCode.MALFORMED_INPUT, "$: the signed message is not a D-Prognosis");
                }
                out.add(attributes(rest));
            } else if (ispOpen) {
                // An ISP holds nothing: its end tag comes next.
                if (!end || !name.equals(ISP) || !rest.isBlank()) {
                    throw refusedElement("<" + tag.group(1) + name + "> inside an ISP");
                }
                ispOpen = false;
            } else if (end && name.equals(ROOT) && rest.isBlank()) {
                rootClosed = true;
            } else if (!end && name.equals(ISP)) {
                out.add(attributes(rest));
                ispOpen = !empty;
            } else {
                throw refusedElement("<" + tag.group(1) + name + ">");
            }
            at = tag.end();
        }
        if (out.isEmpty()) {
            throw fail(ErrorCode.MALFORMED_INPUT, "$: the signed message is not a D-Prognosis");
        }
        if (!rootClosed) {
            throw fail(ErrorCode.MALFORMED_INPUT, "$: the signed D-Prognosis does not end with </D-Prognosis>");
        }
        blank(text.substring(at));
        return out;
    }

    private static RuntimeException refusedElement(String what) {
        return fail(
                ErrorCode.MALFORMED_INPUT,
                "$: the signed D-Prognosis has %s; this ledger reads a D-Prognosis of ISPs only",
                what);
    }

    /** Text between tags: only white space (no character data, no stray {@code <} or {@code >}). */
    private static void blank(String between) {
        if (!between.isBlank()) {
            throw fail(
                    ErrorCode.MALFORMED_INPUT,
                    "$: the signed D-Prognosis has text this ledger does not read: %s",
                    between.strip().length() > 40 ? between.strip().substring(0, 40) + "…" : between.strip());
        }
    }

    /** A start tag's attributes without the closing {@code /}: plain, and none a namespace declaration or prefixed. */
    private static String attributes(String rest) {
        String a = plain(rest);
        if (Pattern.compile("(?:^|\\s)[\\w.-]*:")
                        .matcher(a.replaceAll("([\"'])[^\"']*\\1", ""))
                        .find()
                || Pattern.compile("(?:^|\\s)xmlns\\s*=").matcher(a).find()) {
            throw fail(
                    ErrorCode.MALFORMED_INPUT,
                    "$: the signed D-Prognosis declares or uses a namespace; UFTP messages have none");
        }
        return a.endsWith("/") ? a.substring(0, a.length() - 1) : a;
    }

    /** {@code attributes} if they are a start tag's plain attributes, else refused. */
    private static String plain(String attributes) {
        if (!ATTRIBUTES.matcher(attributes).matches()) {
            throw fail(
                    ErrorCode.MALFORMED_INPUT,
                    "$: an element of the signed D-Prognosis has attributes this ledger does not read: %s",
                    attributes.strip());
        }
        return attributes;
    }

    private static long integer(String attributes, String name, String absent) {
        String value = attribute(attributes, name);
        if (value == null) {
            value = absent;
        }
        if (value == null || !INTEGER.matcher(value).matches()) {
            throw fail(ErrorCode.INVALID_FIELD, "$: an ISP's %s must be an integer, not %s", name, value);
        }
        return Long.parseLong(value);
    }

    private static String attribute(String attributes, String name) {
        Matcher m = Pattern.compile("(?:^|\\s)" + Pattern.quote(name) + "\\s*=\\s*([\"'])([^\"'<>]*)\\1")
                .matcher(attributes);
        String value = m.find() ? m.group(2) : null;
        // An attribute given twice is not well-formed XML.
        if (value != null && m.find()) {
            throw fail(ErrorCode.MALFORMED_INPUT, "$: attribute %s appears twice in an element", name);
        }
        return value;
    }
}
