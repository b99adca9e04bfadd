package io.flexledger.agents.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.agents.aggregator.CemsAgent;
import io.flexledger.agents.cems.CemsOptimiser;
import io.flexledger.agents.cems.flex.FlexOffer;
import io.flexledger.agents.cems.flex.Flexibility;
import io.flexledger.agents.cems.flex.FlexibilityDeriver;
import io.flexledger.agents.grid.LvNetwork;
import io.flexledger.agents.grid.PontypoolNetwork;
import io.flexledger.agents.scenario.Scenario;
import io.flexledger.agents.scenario.ScenarioGenerator;
import io.flexledger.agents.scenario.TypicalDay;
import io.flexledger.client.CommunityClient;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A live community day's orders, built by the campaign's CommunityBook and put at the ledger's scale. */
class CommunityOrdersTest {

    private static final LvNetwork NET = PontypoolNetwork.create();
    private static final MarketDay DAY = new MarketDay(LocalDate.parse("2026-06-10"));
    private static final Map<String, String> ASSET = new HashMap<>();
    private static List<CemsAgent> homes;
    private static List<CemsAgent> winter;

    @BeforeAll
    static void optimiseSixSummerAndSixWinterHomes() {
        homes = optimised(TypicalDay.of(7));
        winter = optimised(TypicalDay.of(1));
    }

    private static List<CemsAgent> optimised(TypicalDay day) {
        ScenarioGenerator gen = new ScenarioGenerator(NET, ScenarioGenerator.DEFAULT_SEED);
        CemsOptimiser optimiser = new CemsOptimiser();
        List<CemsAgent> out = new ArrayList<>();
        for (int h = 0; h < 12; h += 2) {
            CemsAgent a = new CemsAgent(gen.generate(Scenario.of(12), day, h), h, optimiser);
            a.optimise();
            out.add(a);
            ASSET.put(a.day().id(), a.home().household().home().id());
        }
        return out;
    }

    @Test
    void firmOrdersAreThePlannedFlowsInSlotsWhereBothSidesAreAndAtTheLedgersScale() {
        CommunityOrders book = CommunityOrders.build("lv-t1", DAY, "agr-1", homes, List.of(), 0.01, NET, ASSET::get);

        assertThat(book.flexibleCount()).isZero();
        assertThat(book.sources()).isEmpty();
        assertThat(book.importPrice()).hasSize(96);
        assertThat(book.exportPrice()).hasSize(96);
        for (int t = 0; t < 96; t++) {
            assertThat(book.exportPrice().get(t))
                    .isLessThanOrEqualTo(book.importPrice().get(t));
            assertThat(book.importPrice().get(t).scale()).isEqualTo(5);
        }
        Set<Integer> buys = new HashSet<>();
        Set<Integer> sells = new HashSet<>();
        for (CommunityClient.Order o : book.orders()) {
            (o.side().equals("BUY") ? buys : sells).add(o.slot());
            assertThat(o.id()).startsWith("lv-t1-h").matches("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
            assertThat(o.kw().scale()).isEqualTo(3);
            assertThat(o.kw()).isGreaterThan(BigDecimal.ZERO);
            assertThat(o.price().scale()).isEqualTo(5);
            assertThat(o.homeId()).startsWith("pontypool-");
            assertThat(o.day()).isEqualTo(DAY.date());
        }
        // a summer day: PV exports at noon while others import; at night nobody sells
        assertThat(book.orders()).isNotEmpty();
        assertThat(buys).isEqualTo(sells);
        // every firm order of the campaign's book is either posted or left out for want of a counterpart
        assertThat(book.firmCount() + book.firmLeftOut())
                .isLessThanOrEqualTo(book.firm().orders().size())
                .isGreaterThan(book.firm().orders().size() - 5);
    }

    @Test
    void downwardFlexibilityBecomesOneFlexibleSellPerHomeAndSlotAtItsPricePlusTheFee() {
        int[] evening = {68, 69, 70, 71};
        List<Flexibility> down = new ArrayList<>();
        for (CemsAgent h : winter) {
            down.addAll(h.offers(FlexibilityDeriver.Settings.defaults(), "TX1", FlexOffer.Direction.DOWN, evening));
            down.addAll(h.offers(FlexibilityDeriver.Settings.defaults(), "F1", FlexOffer.Direction.DOWN, evening));
        }
        assertThat(down).isNotEmpty();

        CommunityOrders book = CommunityOrders.build("lv-t2", DAY, "agr-1", winter, down, 0.01, NET, ASSET::get);

        List<CommunityClient.Order> flexible =
                book.orders().stream().filter(CommunityClient.Order::flexible).toList();
        assertThat(flexible).isNotEmpty().allSatisfy(o -> {
            assertThat(o.side()).isEqualTo("SELL");
            assertThat(o.id()).contains("-f-");
            CommunityOrders.Source s = book.sources().get(o.id());
            assertThat(s.flexibility()).isNotNull();
            assertThat(s.assetId()).isEqualTo(o.homeId());
            assertThat(s.flexibility().offer().kwBySlot()).containsKey(o.slot());
            assertThat(o.price().doubleValue())
                    .isGreaterThanOrEqualTo(s.flexibility().offer().price() + 0.01 - 1e-9);
        });
        Set<String> homeSlots = new HashSet<>();
        flexible.forEach(o -> assertThat(homeSlots.add(o.homeId() + "|" + o.slot()))
                .as("one flexible sell per home and slot")
                .isTrue());
        assertThat(book.flexibleCount()).isEqualTo(flexible.size());
    }
}
