package io.flexledger.ui.calc;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** The market day's 15-minute slots (Europe/London: 92, 96 or 100 of them) and per-slot values in JSON. */
public final class Slots {
    /** The market's time zone. */
    public static final ZoneId ZONE = ZoneId.of("Europe/London");

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private Slots() {}

    /** Number of slots of a day: its length in quarter hours (a clock change makes it 92 or 100). */
    public static int count(LocalDate day) {
        ZonedDateTime start = day.atStartOfDay(ZONE);
        ZonedDateTime end = day.plusDays(1).atStartOfDay(ZONE);
        return (int) (Duration.between(start, end).toMinutes() / 15);
    }

    /** The local start time of each slot, "HH:mm". */
    public static List<String> labels(LocalDate day) {
        ZonedDateTime start = day.atStartOfDay(ZONE);
        List<String> out = new ArrayList<>();
        for (int s = 0; s < count(day); s++) {
            out.add(start.plusMinutes(15L * s).format(HH_MM));
        }
        return out;
    }

    /** The local hour at which a slot starts. */
    public static int hourOf(LocalDate day, int slot) {
        return day.atStartOfDay(ZONE).plusMinutes(15L * slot).getHour();
    }

    /**
     * Per-slot amounts from JSON: an object of slot number to amount ({@code {"68":"1.5"}}) or an array
     * indexed by slot; amounts as numbers or decimal strings. Null or missing gives an empty map.
     */
    public static SortedMap<Integer, BigDecimal> bySlot(JsonNode node) {
        SortedMap<Integer, BigDecimal> out = new TreeMap<>();
        if (node == null || node.isNull() || node.isMissingNode()) {
            return out;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                if (!node.get(i).isNull()) {
                    out.put(i, decimal(node.get(i)));
                }
            }
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(Integer.parseInt(e.getKey()), decimal(e.getValue()));
        }
        return out;
    }

    /** A decimal from a JSON number or decimal string; zero when absent. */
    public static BigDecimal decimal(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode() || n.asText().isEmpty()) {
            return BigDecimal.ZERO;
        }
        return n.isNumber() ? n.decimalValue() : new BigDecimal(n.asText());
    }
}
