package io.flexledger.ui.view;

import io.flexledger.contract.codec.SettlementRecords.StoredSettlement;
import io.flexledger.domain.grid.CongestionPoint;
import io.flexledger.domain.market.FlexOffer;
import io.flexledger.domain.market.FlexOrder;
import io.flexledger.domain.market.FlexRequest;
import io.flexledger.ui.UiConfig;
import io.flexledger.ui.calc.GridLoading;
import io.flexledger.ui.calc.Slots;
import io.flexledger.ui.upstream.Calls;
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
        List<FlexRequest> requests = calls.requests(d).orElse(List.of());
        List<FlexOffer> offers = calls.offers(d).orElse(List.of());
        List<FlexOrder> orders = calls.orders(d).orElse(List.of());
        List<StoredSettlement> settlements = calls.settlements(d).orElse(List.of());

        // Congestion points: configured ones, then those the day's requests and offers name.
        LinkedHashSet<String> pointIds =
                new LinkedHashSet<>(config.congestionPoints().orElse(List.of()));
        requests.forEach(r -> pointIds.add(r.congestionPointId()));
        offers.forEach(o -> pointIds.add(o.congestionPointId()));
        pointIds.remove("");

        // Homes per point: those of the day's offers, then configured ones (their point read from the registry).
        Map<String, String> homePoint = new LinkedHashMap<>();
        offers.forEach(o -> homePoint.put(o.assetId(), o.congestionPointId()));
        for (String asset : config.gridHomes().orElse(List.of())) {
            if (!homePoint.containsKey(asset)) {
                calls.asset(asset, "the registry record of " + asset)
                        .ifPresent(a -> homePoint.put(asset, a.congestionPointId()));
            }
        }
        homePoint.values().forEach(pointIds::add);
        pointIds.remove("");

        Map<String, FlexOffer> offerById = new LinkedHashMap<>();
        offers.forEach(o -> offerById.put(o.id(), o));
        Map<String, StoredSettlement> settlementByOrder = new LinkedHashMap<>();
        settlements.forEach(s -> settlementByOrder.put(s.orderId(), s));

        int slots = Slots.count(day);
        List<String> labels = Slots.labels(day);
        List<Point> points = new ArrayList<>();
        List<Chart> charts = new ArrayList<>();
        for (String cp : pointIds) {
            Optional<CongestionPoint> point = calls.congestionPoint(cp, "the capacity of " + cp);
            BigDecimal capacity = point.map(p -> p.capacityKw().value()).orElse(null);
            String kind = point.map(p -> p.kind().name()).orElse("?");
            List<GridLoading.Home> homes = new ArrayList<>();
            homePoint.forEach((asset, at) -> {
                if (at.equals(cp)) {
                    SortedMap<Integer, BigDecimal> metered =
                            calls.readings(d, asset).map(Fmt::meteredKwh).orElse(new TreeMap<>());
                    // The public commitment holds the baseline's hash, not its kW: no stand-in for unmetered slots.
                    SortedMap<Integer, BigDecimal> baseline = new TreeMap<>();
                    homes.add(new GridLoading.Home(asset, metered, baseline));
                }
            });
            GridLoading.Result loading = GridLoading.compute(slots, capacity, homes);

            BigDecimal requested = BigDecimal.ZERO;
            for (FlexRequest r : requests) {
                if (cp.equals(r.congestionPointId())) {
                    requested = requested.add(Fmt.energyKwh(Fmt.kw(r.kwBySlot())));
                }
            }
            BigDecimal ordered = BigDecimal.ZERO;
            BigDecimal credited = BigDecimal.ZERO;
            for (FlexOrder o : orders) {
                FlexOffer offer = offerById.get(o.offerId());
                if (offer != null && cp.equals(offer.congestionPointId())) {
                    ordered =
                            ordered.add(Fmt.energyKwh(Fmt.kw(offer.kwBySlot())).multiply(o.activation()));
                    StoredSettlement s = settlementByOrder.get(o.id());
                    if (s != null) {
                        credited = credited.add(s.creditedKwh().value());
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
        for (FlexRequest r : requests) {
            SortedMap<Integer, BigDecimal> kw = Fmt.kw(r.kwBySlot());
            requestRows.add(new Row(
                    r.id(),
                    r.congestionPointId(),
                    "penalty " + r.unservedPenalty() + " EUR/kWh",
                    Fmt.slotRange(kw),
                    Fmt.kwh(Fmt.energyKwh(kw)),
                    r.state().name()));
        }
        List<Row> orderRows = new ArrayList<>();
        for (FlexOrder o : orders) {
            FlexOffer offer = offerById.get(o.offerId());
            SortedMap<Integer, BigDecimal> kw = offer == null ? new TreeMap<>() : Fmt.kw(offer.kwBySlot());
            orderRows.add(new Row(
                    o.id(),
                    offer == null ? "?" : offer.congestionPointId(),
                    "offer " + o.offerId() + " × " + o.activation().toPlainString(),
                    Fmt.slotRange(kw),
                    Fmt.kwh(Fmt.energyKwh(kw).multiply(o.activation())),
                    o.state().name()));
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
