package io.flexledger.ui.view;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.flexledger.domain.market.FlexOffer;
import io.flexledger.domain.market.FlexOrder;
import io.flexledger.domain.market.FlexRequest;
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
        List<FlexRequest> requests = calls.requests(d).orElse(List.of());
        List<FlexOffer> offers = calls.offers(d).orElse(List.of());
        List<FlexOrder> orders = calls.orders(d).orElse(List.of());
        Map<String, FlexOffer> offerById = new LinkedHashMap<>();
        offers.forEach(o -> offerById.put(o.id(), o));

        Map<String, List<FlexRequest>> requestsAt = new TreeMap<>();
        Map<String, List<FlexOffer>> offersAt = new TreeMap<>();
        Map<String, List<FlexOrder>> ordersAt = new TreeMap<>();
        requests.forEach(r -> requestsAt
                .computeIfAbsent(r.congestionPointId(), k -> new ArrayList<>())
                .add(r));
        offers.forEach(o -> offersAt.computeIfAbsent(o.congestionPointId(), k -> new ArrayList<>())
                .add(o));
        for (FlexOrder o : orders) {
            FlexOffer offer = offerById.get(o.offerId());
            String cp = offer == null ? "?" : offer.congestionPointId();
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
            for (FlexRequest r : requestsAt.getOrDefault(cp, List.of())) {
                SortedMap<Integer, BigDecimal> kw = Fmt.kw(r.kwBySlot());
                kw.forEach((s, v) -> requestedKw.merge(s, v, BigDecimal::add));
                req.add(new Entry(
                        r.id(),
                        r.dsoMsp(),
                        Fmt.slotRange(kw),
                        Fmt.kwh(Fmt.energyKwh(kw)),
                        r.unservedPenalty().toString(),
                        r.state().name()));
            }
            List<Entry> off = new ArrayList<>();
            List<FlexOffer> sorted = new ArrayList<>(offersAt.getOrDefault(cp, List.of()));
            // The book lists offers cheapest first, as the clearing would take them.
            sorted.sort(Comparator.comparing(FlexOffer::price));
            for (FlexOffer o : sorted) {
                SortedMap<Integer, BigDecimal> kw = Fmt.kw(o.kwBySlot());
                kw.forEach((s, v) -> offeredKw.merge(s, v, BigDecimal::add));
                off.add(new Entry(
                        o.id(),
                        o.aggregatorMsp() + " / " + o.assetId(),
                        Fmt.slotRange(kw),
                        Fmt.kwh(Fmt.energyKwh(kw)),
                        o.price().toString(),
                        o.state().name()));
            }
            List<Entry> ord = new ArrayList<>();
            for (FlexOrder o : ordersAt.getOrDefault(cp, List.of())) {
                FlexOffer offer = offerById.get(o.offerId());
                SortedMap<Integer, BigDecimal> kw = offer == null ? new TreeMap<>() : Fmt.kw(offer.kwBySlot());
                BigDecimal activation = o.activation();
                kw.forEach((s, v) -> orderedKw.merge(s, v.multiply(activation), BigDecimal::add));
                ord.add(new Entry(
                        o.id(),
                        "offer " + o.offerId() + " × " + activation.toPlainString(),
                        Fmt.slotRange(kw),
                        Fmt.kwh(Fmt.energyKwh(kw).multiply(activation)),
                        offer == null ? "" : offer.price().toString(),
                        o.state().name()));
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
