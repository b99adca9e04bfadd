package io.flexledger.chaincode.support;

import static io.flexledger.chaincode.failures.Failures.fail;

import io.flexledger.contract.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
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
    private static final Pattern ROOT = Pattern.compile("<(?:[A-Za-z_][\\w.-]*:)?D-Prognosis(\\s[^>]*)?>");
    private static final Pattern ISP = Pattern.compile("<(?:[A-Za-z_][\\w.-]*:)?ISP(\\s[^>]*)?/?>");
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
        Matcher root = ROOT.matcher(text);
        if (!root.find() || root.group(1) == null) {
            throw fail(ErrorCode.MALFORMED_INPUT, "$: the signed message is not a D-Prognosis");
        }
        String attributes = plain(root.group(1));
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
        Matcher isp = ISP.matcher(text);
        while (isp.find()) {
            String a = plain(isp.group(1) == null ? "" : isp.group(1));
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
