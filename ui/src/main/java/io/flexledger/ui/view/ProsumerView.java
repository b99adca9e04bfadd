package io.flexledger.ui.view;

import io.flexledger.contract.codec.CommunityRecords;
import io.flexledger.contract.codec.CommunityRecords.Membership;
import io.flexledger.domain.market.BaselineCommitment;
import io.flexledger.domain.market.FlexOffer;
import io.flexledger.domain.market.FlexOrder;
import io.flexledger.ui.UiConfig;
import io.flexledger.ui.calc.Bill;
import io.flexledger.ui.calc.Slots;
import io.flexledger.ui.upstream.Calls;
import io.quarkus.qute.TemplateData;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A community member's page: their home (from their ACTIVE memberships on the ledger, or the configured
 * demo home when the ledger links none to them), its baseline against its metered load, flexibility
 * sold, the bill, and their orders and trades in the community market (UC2).
 */
@ApplicationScoped
public class ProsumerView {

    private final UiConfig config;

    public ProsumerView(UiConfig config) {
        this.config = config;
    }

    /**
     * The page's data; {@code home} is empty when no home is linked to the user.
     *
     * @param home the home whose meter the page shows
     * @param homeNote how the home was found when the ledger did not name it; empty when it did
     * @param community the community market sections, one per community the user is an ACTIVE member of
     * @param communityNote why there is no community section; empty when there is one
     */
    @TemplateData
    public record Body(
            String home,
            String homeNote,
            List<CommunityView.Section> community,
            String communityNote,
            String soldKwh,
            String deliveredKwh,
            String paidEur,
            String withoutFlexEur,
            String energyEur,
            String flexNetEur,
            String withFlexEur,
            String savingEur,
            String tariff,
            String baselineNote,
            List<Row> trades) {}

    /** One order of the home's flexibility. */
    @TemplateData
    public record Row(
            String orderId,
            String offerId,
            String slots,
            String orderedKwh,
            String creditedKwh,
            String netEur,
            String state) {}

    public Built build(Calls calls, LocalDate day) {
        String user = calls.viewer().user();
        int failedBefore = calls.outages().size();
        List<Membership> active = calls.communityMemberships().orElse(List.of()).stream()
                .filter(m -> user.equals(m.member()) && m.state() == CommunityRecords.MembershipState.ACTIVE)
                .toList();
        boolean membershipsRead = calls.outages().size() == failedBefore;
        String home;
        String homeNote;
        if (!active.isEmpty()) {
            home = active.get(0).homeId();
            homeNote = active.size() > 1
                    ? "You are the member of " + active.size() + " homes on the ledger: "
                            + String.join(
                                    ", ",
                                    active.stream().map(Membership::homeId).toList())
                            + "; the meter shown is " + home + "'s."
                    : "";
        } else {
            home = config.homes().getOrDefault(user, "");
            String why = membershipsRead
                    ? "No home is linked to you on the ledger (no ACTIVE community membership)"
                    : "Your community memberships could not be read from the ledger (see above)";
            homeNote = home.isEmpty() ? why + "." : why + "; showing the configured demo home " + home + ".";
        }
        CommunityView.Result community = CommunityView.build(calls, day, active, membershipsRead);
        if (home.isEmpty()) {
            return new Built(
                    new Body(
                            "",
                            homeNote,
                            community.sections(),
                            community.note(),
                            "",
                            "",
                            "",
                            "",
                            "",
                            "",
                            "",
                            "",
                            "",
                            "",
                            List.of()),
                    community.charts());
        }
        String d = day.toString();
        SortedMap<Integer, BigDecimal> metered =
                calls.readings(d, home).map(Fmt::meteredKwh).orElse(new TreeMap<>());
        failedBefore = calls.outages().size();
        Optional<BaselineCommitment> commitment = calls.baseline(d, home);
        boolean baselineRead = calls.outages().size() == failedBefore;
        // The baseline's values are private to the aggregator and the DSO; the ledger shows its hash.
        SortedMap<Integer, BigDecimal> baseline = new TreeMap<>();
        String baselineNote = !baselineRead
                ? "The baseline could not be read (see above)."
                : commitment.isEmpty()
                        ? "No baseline is committed on the ledger for this day."
                        : "Baseline committed on the ledger as hash "
                                + commitment.get().hashHex()
                                + " (" + commitment.get().state().name()
                                + "); its values are shared with your aggregator and the DSO only.";
        List<FlexOffer> offers = calls.offers(d).orElse(List.of()).stream()
                .filter(o -> home.equals(o.assetId()))
                .toList();
        Map<String, FlexOffer> offerById =
                offers.stream().collect(Collectors.toMap(FlexOffer::id, o -> o, (a, b) -> a));
        Set<String> offerIds = offerById.keySet();
        List<FlexOrder> orders = calls.orders(d).orElse(List.of()).stream()
                .filter(o -> offerIds.contains(o.offerId()))
                .toList();

        BigDecimal sold = BigDecimal.ZERO;
        BigDecimal delivered = BigDecimal.ZERO;
        BigDecimal paid = BigDecimal.ZERO;
        List<Row> rows = new ArrayList<>();
        for (FlexOrder o : orders) {
            FlexOffer offer = offerById.get(o.offerId());
            SortedMap<Integer, BigDecimal> kw = Fmt.kw(offer.kwBySlot());
            List<OrderDelivery.Line> lines = OrderDelivery.lines(kw, o.activation(), baseline, metered);
            BigDecimal ordered = OrderDelivery.totalOrdered(lines);
            BigDecimal credited = OrderDelivery.totalCredited(lines);
            // Paid by the settlement rule on the slots metered so far (the settlement itself is read by
            // the aggregator and the DSO).
            BigDecimal n = OrderDelivery.netEur(lines, offer.price().value());
            paid = paid.add(n);
            String net = Fmt.eur(n);
            sold = sold.add(ordered);
            delivered = delivered.add(credited);
            rows.add(new Row(
                    o.id(),
                    o.offerId(),
                    Fmt.slotRange(kw),
                    Fmt.kwh(ordered),
                    Fmt.kwh(credited),
                    net,
                    o.state().name()));
        }
        UiConfig.Tariff t = config.tariff();
        Bill.Tariff tariff = new Bill.Tariff(t.eurPerKwh(), t.peakEurPerKwh(), t.peakFromHour(), t.peakToHour());
        Bill bill = Bill.of(day, tariff, baseline, metered, paid);

        int slots = Slots.count(day);
        List<Chart> charts = new ArrayList<>();
        charts.add(new Chart(
                "home",
                home + ": baseline and metered load",
                "kW",
                Slots.labels(day),
                List.of(
                        new Chart.Series(
                                "baseline (kW)",
                                "line",
                                "#8250df",
                                true,
                                Fmt.series(slots, baseline, BigDecimal.ONE),
                                List.of()),
                        new Chart.Series(
                                "metered (kW)",
                                "line",
                                "#1f6feb",
                                false,
                                Fmt.series(slots, metered, BigDecimal.valueOf(4)),
                                List.of()))));
        charts.addAll(community.charts());
        return new Built(
                new Body(
                        home,
                        homeNote,
                        community.sections(),
                        community.note(),
                        Fmt.kwh(sold),
                        Fmt.kwh(delivered),
                        Fmt.eur(paid),
                        Fmt.eur(bill.withoutFlexEur()),
                        Fmt.eur(bill.energyEur()),
                        Fmt.eur(bill.flexNetEur()),
                        Fmt.eur(bill.withFlexEur()),
                        Fmt.eur(bill.savingEur()),
                        t.eurPerKwh() + " EUR/kWh, " + t.peakEurPerKwh() + " EUR/kWh from " + t.peakFromHour()
                                + ":00 to " + t.peakToHour() + ":00",
                        baselineNote,
                        rows),
                charts);
    }
}
