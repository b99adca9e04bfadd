package io.flexledger.ui.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.flexledger.ui.Roles;
import io.flexledger.ui.calc.Slots;
import io.flexledger.ui.upstream.Calls;
import io.quarkus.qute.TemplateData;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** The market page: the order book of a day per congestion point, and the clearing's results. */
@ApplicationScoped
public class MarketView {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @TemplateData
    public record Body(List<Book> books, String clearing, String clearingNote) {}

    /** One congestion point's book. */
    @TemplateData
    public record Book(
            String congestionPointId,
            List<Entry> requests,
            List<Entry> offers,
            List<Entry> orders,
            String requestedKwh,
            String offeredKwh,
            String orderedKwh) {}

    @TemplateData
    public record Entry(String id, String party, String slots, String kwh, String price, String state) {}

    public Built build(Calls calls, LocalDate day, String onlyPoint) {
        String d = day.toString();
        List<JsonNode> requests =
                calls.dayRecords("requests", d, "the day's requests").orElse(List.of());
        List<JsonNode> offers =
                calls.dayRecords("offers", d, "the day's offers").orElse(List.of());
        List<JsonNode> orders =
                calls.dayRecords("orders", d, "the day's orders").orElse(List.of());
        Map<String, JsonNode> offerById = new LinkedHashMap<>();
        offers.forEach(o -> offerById.put(Fmt.text(o, "id"), o));

        Map<String, List<JsonNode>> requestsAt = new TreeMap<>();
        Map<String, List<JsonNode>> offersAt = new TreeMap<>();
        Map<String, List<JsonNode>> ordersAt = new TreeMap<>();
        requests.forEach(r -> requestsAt
                .computeIfAbsent(Fmt.text(r, "congestionPointId"), k -> new ArrayList<>())
                .add(r));
        offers.forEach(o -> offersAt.computeIfAbsent(Fmt.text(o, "congestionPointId"), k -> new ArrayList<>())
                .add(o));
        for (JsonNode o : orders) {
            JsonNode offer = offerById.get(Fmt.text(o, "offerId"));
            String cp = offer == null ? "?" : Fmt.text(offer, "congestionPointId");
            ordersAt.computeIfAbsent(cp, k -> new ArrayList<>()).add(o);
        }
        java.util.SortedSet<String> points = new java.util.TreeSet<>();
        points.addAll(requestsAt.keySet());
        points.addAll(offersAt.keySet());
        points.addAll(ordersAt.keySet());
        if (onlyPoint != null && !onlyPoint.isBlank()) {
            points.retainAll(java.util.Set.of(onlyPoint));
        }

        int slots = Slots.count(day);
        List<Book> books = new ArrayList<>();
        List<Chart> charts = new ArrayList<>();
        for (String cp : points) {
            SortedMap<Integer, BigDecimal> requestedKw = new TreeMap<>();
            SortedMap<Integer, BigDecimal> offeredKw = new TreeMap<>();
            SortedMap<Integer, BigDecimal> orderedKw = new TreeMap<>();
            List<Entry> req = new ArrayList<>();
            for (JsonNode r : requestsAt.getOrDefault(cp, List.of())) {
                SortedMap<Integer, BigDecimal> kw = Slots.bySlot(r.path("kwBySlot"));
                kw.forEach((s, v) -> requestedKw.merge(s, v, BigDecimal::add));
                req.add(new Entry(
                        Fmt.text(r, "id"),
                        Fmt.text(r, "dsoMsp"),
                        Fmt.slotRange(kw),
                        Fmt.kwh(Fmt.energyKwh(kw)),
                        Fmt.text(r, "unservedPenalty"),
                        Fmt.text(r, "state")));
            }
            List<Entry> off = new ArrayList<>();
            List<JsonNode> sorted = new ArrayList<>(offersAt.getOrDefault(cp, List.of()));
            // The book lists offers cheapest first, as the clearing would take them.
            sorted.sort(Comparator.comparing(o -> Fmt.dec(o, "price")));
            for (JsonNode o : sorted) {
                SortedMap<Integer, BigDecimal> kw = Slots.bySlot(o.path("kwBySlot"));
                kw.forEach((s, v) -> offeredKw.merge(s, v, BigDecimal::add));
                off.add(new Entry(
                        Fmt.text(o, "id"),
                        Fmt.text(o, "aggregatorMsp") + " / " + Fmt.text(o, "assetId"),
                        Fmt.slotRange(kw),
                        Fmt.kwh(Fmt.energyKwh(kw)),
                        Fmt.text(o, "price"),
                        Fmt.text(o, "state")));
            }
            List<Entry> ord = new ArrayList<>();
            for (JsonNode o : ordersAt.getOrDefault(cp, List.of())) {
                JsonNode offer = offerById.get(Fmt.text(o, "offerId"));
                SortedMap<Integer, BigDecimal> kw =
                        offer == null ? new TreeMap<>() : Slots.bySlot(offer.path("kwBySlot"));
                BigDecimal activation = Fmt.dec(o, "activation");
                kw.forEach((s, v) -> orderedKw.merge(s, v.multiply(activation), BigDecimal::add));
                ord.add(new Entry(
                        Fmt.text(o, "id"),
                        "offer " + Fmt.text(o, "offerId") + " × " + activation.toPlainString(),
                        Fmt.slotRange(kw),
                        Fmt.kwh(Fmt.energyKwh(kw).multiply(activation)),
                        offer == null ? "" : Fmt.text(offer, "price"),
                        Fmt.text(o, "state")));
            }
            books.add(new Book(
                    cp,
                    req,
                    off,
                    ord,
                    Fmt.kwh(Fmt.energyKwh(requestedKw)),
                    Fmt.kwh(Fmt.energyKwh(offeredKw)),
                    Fmt.kwh(Fmt.energyKwh(orderedKw))));
            charts.add(new Chart(
                    "book-" + cp,
                    cp + ": requested, offered and ordered power per slot",
                    "kW",
                    Slots.labels(day),
                    List.of(
                            new Chart.Series(
                                    "requested (kW)",
                                    "line",
                                    "#d1242f",
                                    false,
                                    Fmt.series(slots, requestedKw, BigDecimal.ONE),
                                    List.of()),
                            new Chart.Series(
                                    "offered (kW)",
                                    "bar",
                                    "#8c959f",
                                    false,
                                    Fmt.series(slots, offeredKw, BigDecimal.ONE),
                                    List.of()),
                            new Chart.Series(
                                    "ordered (kW)",
                                    "bar",
                                    "#2da44e",
                                    false,
                                    Fmt.series(slots, orderedKw, BigDecimal.ONE),
                                    List.of()))));
        }
        String clearing = "";
        String note;
        // The provisional clearing is the DSO's working view (marketplace-api grants it to the DSO only).
        if (calls.viewer().has(Roles.DSO)) {
            clearing = calls.clearing(d)
                    .map(c -> {
                        try {
                            return JSON.writeValueAsString(c.json());
                        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                            return c.json().toString();
                        }
                    })
                    .orElse("");
            note = clearing.isEmpty() ? "no provisional clearing for this day" : "";
        } else {
            note = "The provisional clearing is the DSO's working view; the orders above are the cleared result.";
        }
        return new Built(new Body(books, clearing, note), charts);
    }
}
