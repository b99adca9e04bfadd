package io.flexledger.ui.view;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.contract.codec.SettlementRecords.StoredSettlement;
import io.flexledger.domain.market.FlexOffer;
import io.flexledger.domain.market.FlexOrder;
import io.flexledger.ui.calc.Slots;
import io.flexledger.ui.upstream.Calls;
import io.flexledger.ui.upstream.Reply;
import io.quarkus.qute.TemplateData;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/** An aggregator's page: portfolio, offers, orders to fulfil, delivery per order, settlements and payouts. */
@ApplicationScoped
public class AggregatorView {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Delivery charts drawn at most, the first orders of the day. */
    private static final int MAX_DELIVERY_CHARTS = 12;

    /** The page's data. */
    @TemplateData
    public record Body(
            String msp,
            List<Home> portfolio,
            List<OfferRow> offers,
            List<OrderRow> orders,
            List<SettlementRow> settlements,
            String payoutEur) {}

    @TemplateData
    public record Home(String assetId, String congestionPointId) {}

    @TemplateData
    public record OfferRow(
            String id,
            String assetId,
            String congestionPointId,
            String slots,
            String kwh,
            String price,
            String state) {}

    /** An order with its delivery so far. */
    @TemplateData
    public record OrderRow(
            String id,
            String offerId,
            String assetId,
            String activation,
            String orderedKwh,
            String creditedKwh,
            String slotsMetered,
            String state) {}

    @TemplateData
    public record SettlementRow(
            String id,
            String orderId,
            String creditedKwh,
            String shortfallKwh,
            String paymentEur,
            String penaltyEur,
            String netEur,
            String state,
            String txId) {}

    /** The offer form's fresh values (not data: they change on every rendering). */
    @TemplateData
    public record FormDefaults(String offerId, String idempotencyKey) {}

    /**
     * The fields of the offer form.
     *
     * @param fromSlot first slot offered
     * @param toSlot last slot offered (inclusive)
     */
    public record OfferForm(
            String id,
            String assetId,
            String congestionPointId,
            String day,
            String fromSlot,
            String toSlot,
            String kw,
            String price,
            String minActivation,
            String idempotencyKey) {}

    public Built build(Calls calls, LocalDate day) {
        String d = day.toString();
        String msp = calls.msp();
        List<FlexOffer> offers = calls.offers(d).orElse(List.of()).stream()
                .filter(o -> msp.equals(o.aggregatorMsp()))
                .toList();
        Map<String, FlexOffer> offerById = new LinkedHashMap<>();
        offers.forEach(o -> offerById.put(o.id(), o));
        List<FlexOrder> orders = calls.orders(d).orElse(List.of()).stream()
                .filter(o -> offerById.containsKey(o.offerId()))
                .toList();
        List<StoredSettlement> settlements = calls.settlements(d).orElse(List.of()).stream()
                .filter(s -> msp.equals(s.aggregatorMsp()))
                .toList();

        Map<String, String> portfolio = new TreeMap<>();
        offers.forEach(o -> portfolio.put(o.assetId(), o.congestionPointId()));

        List<OfferRow> offerRows = new ArrayList<>();
        for (FlexOffer o : offers) {
            SortedMap<Integer, BigDecimal> kw = Fmt.kw(o.kwBySlot());
            offerRows.add(new OfferRow(
                    o.id(),
                    o.assetId(),
                    o.congestionPointId(),
                    Fmt.slotRange(kw),
                    Fmt.kwh(Fmt.energyKwh(kw)),
                    o.price().toString(),
                    o.state().name()));
        }

        Map<String, StoredSettlement> settlementOfOrder = new LinkedHashMap<>();
        settlements.forEach(s -> settlementOfOrder.put(s.orderId(), s));

        int slots = Slots.count(day);
        List<String> labels = Slots.labels(day);
        Map<String, SortedMap<Integer, BigDecimal>> meteredOf = new LinkedHashMap<>();
        List<OrderRow> orderRows = new ArrayList<>();
        List<Chart> charts = new ArrayList<>();
        for (FlexOrder o : orders) {
            FlexOffer offer = offerById.get(o.offerId());
            String asset = offer.assetId();
            SortedMap<Integer, BigDecimal> metered = meteredOf.computeIfAbsent(
                    asset, a -> calls.readings(d, a).map(Fmt::meteredKwh).orElse(new TreeMap<>()));
            // The public commitment holds the baseline's hash, not its kW: a settled order's baseline of
            // its slots comes from the settlement's private lines.
            SortedMap<Integer, BigDecimal> baseline = new TreeMap<>();
            StoredSettlement settled = settlementOfOrder.get(o.id());
            if (settled != null) {
                baseline.putAll(baselineOfLines(calls, settled.id()));
            }
            List<OrderDelivery.Line> lines =
                    OrderDelivery.lines(Fmt.kw(offer.kwBySlot()), o.activation(), baseline, metered);
            long known = lines.stream().filter(OrderDelivery.Line::known).count();
            orderRows.add(new OrderRow(
                    o.id(),
                    o.offerId(),
                    asset,
                    o.activation().toPlainString(),
                    Fmt.kwh(OrderDelivery.totalOrdered(lines)),
                    Fmt.kwh(OrderDelivery.totalCredited(lines)),
                    known + " of " + lines.size(),
                    o.state().name()));
            if (charts.size() < MAX_DELIVERY_CHARTS) {
                Map<Integer, BigDecimal> ordered = new TreeMap<>();
                Map<Integer, BigDecimal> credited = new TreeMap<>();
                lines.forEach(l -> {
                    ordered.put(l.slot(), l.ordered());
                    if (l.known()) {
                        credited.put(l.slot(), l.credited());
                    }
                });
                charts.add(new Chart(
                        "delivery-" + o.id(),
                        "Order " + o.id() + " (" + asset + "): ordered and delivered energy per slot",
                        "kWh",
                        labels,
                        List.of(
                                new Chart.Series(
                                        "ordered (kWh)",
                                        "bar",
                                        "#8c959f",
                                        false,
                                        Fmt.series(slots, ordered, BigDecimal.ONE),
                                        List.of()),
                                new Chart.Series(
                                        "delivered, credited (kWh)",
                                        "bar",
                                        "#2da44e",
                                        false,
                                        Fmt.series(slots, credited, BigDecimal.ONE),
                                        List.of()))));
            }
        }

        List<SettlementRow> settlementRows = new ArrayList<>();
        BigDecimal payout = BigDecimal.ZERO;
        for (StoredSettlement s : settlements) {
            settlementRows.add(new SettlementRow(
                    s.id(),
                    s.orderId(),
                    s.creditedKwh().toString(),
                    s.shortfallKwh().toString(),
                    s.paymentEur().toString(),
                    s.penaltyEur().toString(),
                    s.netEur().toString(),
                    s.state().name(),
                    s.txId()));
            payout = payout.add(s.netEur().value());
        }
        List<Home> homes = new ArrayList<>();
        portfolio.forEach((a, cp) -> homes.add(new Home(a, cp)));
        return new Built(
                new Body(msp, homes, offerRows, orderRows, settlementRows, Fmt.eur(payout)),
                charts,
                new FormDefaults(
                        "offer-" + UUID.randomUUID().toString().substring(0, 8),
                        UUID.randomUUID().toString()));
    }

    /** The baseline (kW) of a settlement's slots, from its private lines' baseline energy. */
    private static SortedMap<Integer, BigDecimal> baselineOfLines(Calls calls, String settlementId) {
        SortedMap<Integer, BigDecimal> kw = new TreeMap<>();
        calls.settlementLines(settlementId)
                .ifPresent(lines -> lines.forEach(
                        l -> kw.put(l.slot(), l.baselineKwh().value().multiply(BigDecimal.valueOf(4)))));
        return kw;
    }

    /**
     * Posts an offer from the form. Returns the message to show: the committed offer and its ledger
     * transaction, or what is wrong (a field of the form, or the service's refusal).
     */
    public Result post(Calls calls, OfferForm form) {
        LocalDate day;
        try {
            day = LocalDate.parse(nonEmpty(form.day(), "day"));
        } catch (DateTimeParseException e) {
            return Result.error("day: must be a day written YYYY-MM-DD");
        } catch (IllegalArgumentException e) {
            return Result.error(e.getMessage());
        }
        ObjectNode body = JSON.createObjectNode();
        try {
            body.put("id", nonEmpty(form.id(), "id"));
            body.put("congestionPointId", nonEmpty(form.congestionPointId(), "congestionPointId"));
            body.put("assetId", nonEmpty(form.assetId(), "assetId"));
            body.put("day", day.toString());
            int from = integer(form.fromSlot(), "fromSlot");
            int to = integer(form.toSlot(), "toSlot");
            // The slots lie within the day and in order.
            if (from < 0 || to >= Slots.count(day) || from > to) {
                return Result.error("fromSlot, toSlot: must satisfy 0 <= fromSlot <= toSlot < " + Slots.count(day));
            }
            BigDecimal kw = decimal(form.kw(), "kw");
            ObjectNode kwBySlot = body.putObject("kwBySlot");
            for (int s = from; s <= to; s++) {
                kwBySlot.put(Integer.toString(s), kw);
            }
            body.put("price", decimal(form.price(), "price"));
            body.put("minActivation", decimal(form.minActivation(), "minActivation"));
        } catch (IllegalArgumentException e) {
            return Result.error(e.getMessage());
        }
        String key = form.idempotencyKey() == null || form.idempotencyKey().isBlank()
                ? UUID.randomUUID().toString()
                : form.idempotencyKey();
        Optional<Reply> reply = calls.postOffer(key, body);
        if (reply.isEmpty()) {
            String why = calls.outages().isEmpty()
                    ? "the service answered 404"
                    : calls.outages().get(calls.outages().size() - 1).reason();
            return Result.error("offer " + body.path("id").asText() + " not posted: " + why);
        }
        return Result.ok("offer " + body.path("id").asText() + " posted: ledger transaction "
                + reply.get().ledgerTx() + ", block " + reply.get().ledgerBlock());
    }

    /** The outcome of a post. */
    public record Result(boolean ok, String message) {
        static Result ok(String m) {
            return new Result(true, m);
        }

        static Result error(String m) {
            return new Result(false, m);
        }
    }

    private static String nonEmpty(String v, String field) {
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(field + ": is required");
        }
        return v.trim();
    }

    private static int integer(String v, String field) {
        try {
            return Integer.parseInt(nonEmpty(v, field));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + ": must be a whole number");
        }
    }

    private static BigDecimal decimal(String v, String field) {
        try {
            return new BigDecimal(nonEmpty(v, field));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + ": must be a decimal number");
        }
    }
}
