package io.flexledger.agents.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.agents.grid.LvNetwork;
import io.flexledger.agents.grid.PontypoolNetwork;
import io.flexledger.agents.scenario.Scenario;
import io.flexledger.agents.scenario.TypicalDay;
import io.flexledger.clearing.model.Offer;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The aggregators' own offers after their communities cleared: only what the community left. */
class LeftoverOnlyTest {

    private static final LvNetwork NET = PontypoolNetwork.create();
    private static final MarketDay DAY = new MarketDay(LocalDate.parse("2026-06-10"));
    private static final LiveDay.Options OPTIONS = new LiveDay.Options(
            Scenario.of(12), TypicalDay.of(1), 12, DAY, 5.0, "lv-t", 1, 1, true, Duration.ofSeconds(30));

    @Test
    void aMemberOffersNothingAtItsFeederAndNothingThatListsASoldSlot() {
        String member = NET.homes().get(0).id();
        String memberToo = NET.homes().get(2).id();
        String stranger = NET.homes().get(4).id();
        String feeder = NET.feederIds().get(NET.homes().get(0).feeder());
        LiveCommunity.Result result = new LiveCommunity.Result(
                "Aggregator1MSP",
                3,
                new LiveCommunity.Enrolment(Set.of(member, memberToo), 2, 2, List.of()),
                new LiveCommunity.Posted(null, true, 10, 4, 0, 0),
                new LiveCommunity.Cleared(
                        true, 14, 2, 0.5, 0.1, 0.1, 0.1, List.of("cm-x"), 1.0, Set.of(memberToo + "|69"), Map.of()),
                null);
        LiveDay.CommunityRun run = new LiveDay.CommunityRun(null, "Aggregator1MSP", null, Map.of(), result);

        List<LiveDay.Posted> posted = List.of(
                posted("lv-t-TX1-h0", member, "TX1"),
                posted("lv-t-F-h0", member, feeder),
                posted("lv-t-TX1-h2", memberToo, "TX1"),
                posted("lv-t-TX1-h4", stranger, "TX1"),
                posted("lv-t-F-h4", stranger, feeder));

        List<LiveDay.Posted> left = LiveDay.leftoverOnly(posted, List.of(run), NET, OPTIONS);

        assertThat(left)
                .extracting(LiveDay.Posted::ledgerId)
                .containsExactly("lv-t-TX1-h0", "lv-t-TX1-h4", "lv-t-F-h4");
        assertThat(left).allSatisfy(p -> assertThat(p.scale()).isEqualTo(1.0));
    }

    @Test
    void withoutACommunityEveryOfferStays() {
        List<LiveDay.Posted> posted =
                List.of(posted("lv-t-TX1-h0", NET.homes().get(0).id(), "TX1"));
        assertThat(LiveDay.leftoverOnly(posted, List.of(), NET, OPTIONS)).isEqualTo(posted);
    }

    private static LiveDay.Posted posted(String id, String asset, String point) {
        Offer offer =
                new Offer(id, "agr-1", point, asset, new int[] {68, 69, 70}, new double[] {1.0, 1.0, 0.0}, 0.2, 0.1);
        return new LiveDay.Posted(
                id, "Aggregator1MSP", null, offer, LedgerJson.offer(id, asset, "lv-t-req-" + point, DAY, offer), 1.0);
    }
}
