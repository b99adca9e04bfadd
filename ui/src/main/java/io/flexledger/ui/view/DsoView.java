package io.flexledger.ui.view;

import com.fasterxml.jackson.databind.JsonNode;
import io.flexledger.ui.UiConfig;
import io.flexledger.ui.calc.GridLoading;
import io.flexledger.ui.calc.Slots;
import io.flexledger.ui.upstream.Calls;
import io.flexledger.ui.upstream.Reply;
import io.quarkus.qute.TemplateData;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** The DSO's page: loading of each congestion point over the day, requests, orders, congestion relieved. */
@ApplicationScoped
public class DsoView {
    private final UiConfig config;

    public DsoView(UiConfig config) {
        this.config = config;
    }

    /** The page's data. */
    @TemplateData
    public record Body(List<Point> points, List<Row> requests, List<Row> orders) {}

    /**
     * One congestion point.
     *
     * @param relieved requested, ordered and credited energy at the point
     */
    @TemplateData
    public record Point(
            String id,
            String kind,
            String capacityKw,
            String peakKw,
            long congestedSlots,
            int homes,
            String sources,
            String requestedKwh,
            String orderedKwh,
            String creditedKwh) {}

    /** A request or order row. */
    @TemplateData
    public record Row(String id, String congestionPointId, String detail, String slots, String kwh, String state) {}

    public Built build(Calls calls, LocalDate day) {
        String d = day.toString();
        List<JsonNode> requests =
                calls.dayRecords("requests", d, "the day's requests").orElse(List.of());
        List<JsonNode> offers =
                calls.dayRecords("offers", d, "the day's offers").orElse(List.of());
        List<JsonNode> orders =
                calls.dayRecords("orders", d, "the day's orders").orElse(List.of());
        List<JsonNode> settlements =
                calls.dayRecords("settlements", d, "the day's settlements").orElse(List.of());

        // Congestion points: configured ones, then those the day's requests and offers name.
        LinkedHashSet<String> pointIds =
                new LinkedHashSet<>(config.congestionPoints().orElse(List.of()));
        requests.forEach(r -> pointIds.add(Fmt.text(r, "congestionPointId")));
        offers.forEach(o -> pointIds.add(Fmt.text(o, "congestionPointId")));
        pointIds.remove("");

        // Homes per point: those of the day's offers, then configured ones (their point read from the registry).
        Map<String, String> homePoint = new LinkedHashMap<>();
        offers.forEach(o -> homePoint.put(Fmt.text(o, "assetId"), Fmt.text(o, "congestionPointId")));
        for (String asset : config.gridHomes().orElse(List.of())) {
            if (!homePoint.containsKey(asset)) {
                calls.one("assets", asset, "the registry record of " + asset)
                        .ifPresent(a -> homePoint.put(asset, Fmt.text(a.json(), "congestionPointId")));
            }
        }
        homePoint.values().forEach(pointIds::add);
        pointIds.remove("");

        Map<String, JsonNode> offerById = new LinkedHashMap<>();
        offers.forEach(o -> offerById.put(Fmt.text(o, "id"), o));
        Map<String, JsonNode> settlementByOrder = new LinkedHashMap<>();
        settlements.forEach(s -> settlementByOrder.put(Fmt.text(s, "orderId"), s));

        int slots = Slots.count(day);
        List<String> labels = Slots.labels(day);
        List<Point> points = new ArrayList<>();
        List<Chart> charts = new ArrayList<>();
        for (String cp : pointIds) {
            Optional<Reply> point = calls.one("congestion-points", cp, "the capacity of " + cp);
            BigDecimal capacity =
                    point.map(p -> Fmt.dec(p.json(), "capacityKw")).orElse(null);
            String kind = point.map(p -> Fmt.text(p.json(), "kind")).orElse("?");
            List<GridLoading.Home> homes = new ArrayList<>();
            homePoint.forEach((asset, at) -> {
                if (at.equals(cp)) {
                    SortedMap<Integer, BigDecimal> metered = calls.readings(d, asset)
                            .map(r -> Fmt.meteredKwh(r.json()))
                            .orElse(new TreeMap<>());
                    SortedMap<Integer, BigDecimal> baseline = metered.size() >= slots
                            ? new TreeMap<>()
                            : calls.baseline(d, asset)
                                    .map(b -> Fmt.baselineKw(b.json()))
                                    .orElse(new TreeMap<>());
                    homes.add(new GridLoading.Home(asset, metered, baseline));
                }
            });
            GridLoading.Result loading = GridLoading.compute(slots, capacity, homes);

            BigDecimal requested = BigDecimal.ZERO;
            for (JsonNode r : requests) {
                if (cp.equals(Fmt.text(r, "congestionPointId"))) {
                    requested = requested.add(Fmt.energyKwh(Slots.bySlot(r.path("kwBySlot"))));
                }
            }
            BigDecimal ordered = BigDecimal.ZERO;
            BigDecimal credited = BigDecimal.ZERO;
            for (JsonNode o : orders) {
                JsonNode offer = offerById.get(Fmt.text(o, "offerId"));
                if (offer != null && cp.equals(Fmt.text(offer, "congestionPointId"))) {
                    ordered = ordered.add(
                            Fmt.energyKwh(Slots.bySlot(offer.path("kwBySlot"))).multiply(Fmt.dec(o, "activation")));
                    JsonNode s = settlementByOrder.get(Fmt.text(o, "id"));
                    if (s != null) {
                        credited = credited.add(Fmt.dec(s, "creditedKwh"));
                    }
                }
            }
            points.add(new Point(
                    cp,
                    kind,
                    capacity == null ? "unknown" : capacity.toPlainString(),
                    String.format(java.util.Locale.ROOT, "%.1f", loading.peakKw()),
                    loading.congestedSlots(),
                    homes.size(),
                    summary(loading.sources()),
                    Fmt.kwh(requested),
                    Fmt.kwh(ordered),
                    Fmt.kwh(credited)));
            List<Chart.Series> series = new ArrayList<>();
            series.add(new Chart.Series("load (kW)", "line", "#1f6feb", false, loading.loadKw(), loading.congested()));
            if (capacity != null) {
                List<Double> cap = new ArrayList<>();
                labels.forEach(l -> cap.add(capacity.doubleValue()));
                series.add(new Chart.Series("capacity (kW)", "line", "#d1242f", true, cap, List.of()));
            }
            charts.add(new Chart(
                    "grid-" + cp,
                    cp + " (" + kind + "): loading over the day, congested slots in red",
                    "kW",
                    labels,
                    series));
        }

        List<Row> requestRows = new ArrayList<>();
        for (JsonNode r : requests) {
            SortedMap<Integer, BigDecimal> kw = Slots.bySlot(r.path("kwBySlot"));
            requestRows.add(new Row(
                    Fmt.text(r, "id"),
                    Fmt.text(r, "congestionPointId"),
                    "penalty " + Fmt.text(r, "unservedPenalty") + " EUR/kWh",
                    Fmt.slotRange(kw),
                    Fmt.kwh(Fmt.energyKwh(kw)),
                    Fmt.text(r, "state")));
        }
        List<Row> orderRows = new ArrayList<>();
        for (JsonNode o : orders) {
            JsonNode offer = offerById.get(Fmt.text(o, "offerId"));
            SortedMap<Integer, BigDecimal> kw = offer == null ? new TreeMap<>() : Slots.bySlot(offer.path("kwBySlot"));
            orderRows.add(new Row(
                    Fmt.text(o, "id"),
                    offer == null ? "?" : Fmt.text(offer, "congestionPointId"),
                    "offer " + Fmt.text(o, "offerId") + " × " + Fmt.text(o, "activation"),
                    Fmt.slotRange(kw),
                    Fmt.kwh(Fmt.energyKwh(kw).multiply(Fmt.dec(o, "activation"))),
                    Fmt.text(o, "state")));
        }
        return new Built(new Body(points, requestRows, orderRows), charts);
    }

    private static String summary(List<GridLoading.Source> sources) {
        Map<GridLoading.Source, Integer> n = new TreeMap<>();
        sources.forEach(s -> n.merge(s, 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        n.forEach((s, c) -> parts.add(c + " " + s.name().toLowerCase()));
        return parts.isEmpty() ? "no homes known" : String.join(", ", parts);
    }
}
