package io.flexledger.agents.aggregator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.flexledger.agents.cems.CemsOptimiser;
import io.flexledger.agents.cems.flex.FlexOffer;
import io.flexledger.agents.cems.flex.Flexibility;
import io.flexledger.agents.cems.flex.FlexibilityDeriver;
import io.flexledger.agents.grid.LvNetwork;
import io.flexledger.agents.grid.PontypoolNetwork;
import io.flexledger.agents.scenario.GeneratedHome;
import io.flexledger.agents.scenario.Scenario;
import io.flexledger.agents.scenario.ScenarioGenerator;
import io.flexledger.agents.scenario.TypicalDay;
import io.flexledger.clearing.community.CommunityDay;
import io.flexledger.clearing.community.CommunityLimit;
import io.flexledger.clearing.community.CommunityMarket;
import io.flexledger.clearing.community.CommunityOrder;
import io.flexledger.clearing.community.CommunityResult;
import io.flexledger.clearing.model.Offer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The aggregator's community market on a real day: agr-1's 92 homes of scenario 12, winter Sunday. */
class CommunityBookTest {

    private static LvNetwork network;
    private static List<CemsAgent> homes;

    @BeforeAll
    static void optimise() {
        network = PontypoolNetwork.create();
        ScenarioGenerator gen = new ScenarioGenerator(network, ScenarioGenerator.DEFAULT_SEED);
        List<GeneratedHome> all = gen.generate(Scenario.of(12), TypicalDay.of(13));
        CemsOptimiser opt = new CemsOptimiser();
        homes = new ArrayList<>();
        for (int h = 0; h < all.size(); h += 2) {
            CemsAgent a = new CemsAgent(all.get(h), h, opt);
            a.optimise();
            homes.add(a);
        }
    }

    private static AggregatorAgent aggregator() {
        return new AggregatorAgent(
                "agr-1",
                homes,
                0.01,
                new AggregatorAgent.Community(
                        new CommunityMarket(CommunityLimit.moves(200)),
                        network.feederIds(),
                        h -> network.feederIds().get(network.homes().get(h).feeder())));
    }

    @Test
    void theFirmBookIsThePlannedFlowsAtEachHomesOwnTariff() {
        AggregatorAgent agr = aggregator();
        agr.clearCommunity("s12-d13");
        CommunityDay day = agr.communityDay();
        double[] book = new double[day.slots()];
        for (CommunityOrder o : day.orders()) {
            assertThat(o.flexible()).isFalse();
            GeneratedHome home = homes.stream()
                    .filter(h -> h.day().id().equals(o.home()))
                    .findFirst()
                    .orElseThrow()
                    .home();
            double own =
                    o.buys() ? home.day().importPrice()[o.slot()] : home.day().exportPrice()[o.slot()];
            assertThat(o.limitPriceEurPerKwh()).isEqualTo(own);
            book[o.slot()] += o.buys() ? o.kw() : -o.kw();
        }
        for (int t = 0; t < day.slots(); t++) {
            double planned = 0;
            for (CemsAgent h : homes) {
                double net = h.planned().netKw(t);
                planned += Math.abs(net) > CommunityBook.MIN_KW ? net : 0.0;
            }
            assertThat(book[t]).as("slot " + t).isCloseTo(planned, offset(1e-9));
        }
    }

    @Test
    void whatIsBoughtIsSoldInEverySlotAndNoHomeDoesWorseThanWithTheGridAlone() {
        AggregatorAgent agr = aggregator();
        CommunityResult r = agr.clearCommunity("s12-d13");
        CommunityDay day = agr.communityDay();
        assertThat(r.matching().feasible()).isTrue();
        double[] bought = new double[day.slots()];
        double[] sold = new double[day.slots()];
        double h = day.slotHours();
        for (int i = 0; i < day.orders().size(); i++) {
            CommunityOrder o = day.orders().get(i);
            double kw = r.matching().matchedKw(i);
            assertThat(kw).isBetween(0.0, o.kw() + 1e-9);
            (o.buys() ? bought : sold)[o.slot()] += kw;
            if (kw > 0) {
                double unit = r.prices().amountEur()[i] / (kw * h);
                // a buyer never pays above its retail price, a seller never gets below its feed-in price
                if (o.buys()) {
                    assertThat(unit).isLessThanOrEqualTo(o.limitPriceEurPerKwh() + 1e-12);
                } else {
                    assertThat(unit).isGreaterThanOrEqualTo(o.limitPriceEurPerKwh() - 1e-12);
                }
            }
        }
        double traded = 0;
        for (int t = 0; t < day.slots(); t++) {
            assertThat(bought[t]).as("slot " + t).isCloseTo(sold[t], offset(1e-9));
            traded += bought[t] * h;
        }
        // a winter Sunday of scenario 12: PV surplus of some homes meets the demand of others
        assertThat(traded).isGreaterThan(10.0);
        Map<String, Double> gains = CommunityBook.gainsEur(day, r);
        assertThat(gains).isNotEmpty();
        assertThat(gains.values()).allSatisfy(g -> assertThat(g).isGreaterThanOrEqualTo(-1e-12));
        assertThat(gains.values().stream().mapToDouble(Double::doubleValue).sum())
                .isCloseTo(r.matching().welfareEur() - r.prices().aggregatorBalanceEur(), offset(1e-6));
    }

    @Test
    void theDsoIsOfferedNoMoreThanTheLeftoverOfTheHomesFlexibility() {
        AggregatorAgent agr = aggregator();
        agr.clearCommunity("s12-d13");
        int[] down = {68, 69, 70, 71, 72, 73};
        List<Offer> offers = agr.offers("TX1", h -> true, down, new int[0], FlexibilityDeriver.Settings.defaults());
        assertThat(offers).isNotEmpty();
        AggregatorAgent.FlexibleRound round = agr.flexibleRounds().get(0);
        assertThat(round.leftoverKwh()).isPositive().isLessThanOrEqualTo(round.askedKwh() + 1e-9);
        // per home and slot: the offered kW of any one offer stay within the home's asks
        Map<String, Map<Integer, Double>> asked = new HashMap<>();
        for (CommunityOrder o : round.day().orders()) {
            assertThat(o.flexible()).isTrue();
            assertThat(o.buys()).isFalse();
            asked.computeIfAbsent(o.home(), k -> new TreeMap<>()).merge(o.slot(), o.kw(), Double::sum);
        }
        for (Offer o : offers) {
            assertThat(agr.fromLeftover("TX1", o.id())).isTrue();
            for (int k = 0; k < o.slots().length; k++) {
                double cap = asked.getOrDefault(o.asset(), Map.of()).getOrDefault(o.slots()[k], 0.0);
                assertThat(o.kw()[k]).isLessThanOrEqualTo(cap + 1e-9);
            }
        }
    }

    @Test
    void whatTheCommunityMatchedOfAHomeIsNotSoldToTheDsoAgain() {
        // the attack: an aggregator selling a battery's kW to a neighbour and the same kW to the DSO
        Flexibility twoSlots = flexibility("h-1", Map.of(68, 2.0, 69, 2.0));
        Flexibility oneSlot = flexibility("h-1", Map.of(69, 1.0));
        Map<String, Double> shares =
                AggregatorAgent.shares(List.of(twoSlots, oneSlot), Map.of("h-1", Map.of(68, 1.0, 69, 2.0)));
        // the community bought 1 of the 2 kW in slot 68: half of the two-slot block is left
        assertThat(shares.get(twoSlots.offer().id())).isCloseTo(0.5, offset(1e-12));
        assertThat(shares.get(oneSlot.offer().id())).isEqualTo(1.0);
        // a home whose flexibility the community took whole offers nothing
        assertThat(AggregatorAgent.shares(List.of(twoSlots), Map.of())
                        .get(twoSlots.offer().id()))
                .isZero();
    }

    @Test
    void withoutACommunityMarketOffersAreForwardedAsBefore() {
        AggregatorAgent plain = new AggregatorAgent("agr-1", homes, 0.01);
        assertThat(plain.clearCommunity("d")).isNull();
        List<Offer> offers =
                plain.offers("TX1", h -> true, new int[] {68, 69}, new int[0], FlexibilityDeriver.Settings.defaults());
        assertThat(offers).isNotEmpty();
        assertThat(plain.flexibleRounds()).isEmpty();
        assertThat(offers)
                .allSatisfy(o -> assertThat(plain.fromLeftover("TX1", o.id())).isFalse());
    }

    private static Flexibility flexibility(String home, Map<Integer, Double> kw) {
        return new Flexibility(
                new FlexOffer(
                        home + "-" + kw.keySet(), home, "TX1", FlexOffer.Direction.DOWN, new TreeMap<>(kw), 0.05, 0.0),
                null,
                0.0);
    }
}
