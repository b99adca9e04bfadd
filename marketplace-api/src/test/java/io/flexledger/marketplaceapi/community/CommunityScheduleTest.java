package io.flexledger.marketplaceapi.community;

import static io.flexledger.marketplaceapi.community.CommunityFixture.AGG1;
import static io.flexledger.marketplaceapi.community.CommunityFixture.COMMUNITY;
import static io.flexledger.marketplaceapi.community.CommunityFixture.DAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flexledger.marketplaceapi.ledger.CommunityLedger;
import io.flexledger.marketplaceapi.ledger.InMemoryCommunity;
import io.flexledger.marketplaceapi.ledger.InMemoryLedger;
import io.flexledger.marketplaceapi.ledger.InMemoryLedgerProfile;
import io.flexledger.marketplaceapi.ledger.InMemoryRegistry;
import io.flexledger.marketplaceapi.ledger.Ledger;
import io.flexledger.marketplaceapi.ledger.RegistryLedger;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operator's instance clears its community's day on schedule, with nobody asking: not before the
 * community's gate, once after it, not after the DSO market's gate, and an instance that restarted (and
 * forgot what it finished) finds the recorded clearing and posts no offer twice. A day opened with its
 * gate days before the day (the live mode's day is the day after tomorrow or later) is cleared at that
 * gate while it is within {@code flex.community.look-ahead-days} of today (7 here, 14 by default); further
 * ahead it waits until it comes within.
 */
@QuarkusTest
@TestProfile(InMemoryLedgerProfile.class)
class CommunityScheduleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The community gate of {@link CommunityFixture#DAY} is 20:00Z, the DSO market's 22:00Z. */
    private static final Instant BEFORE_GATE = Instant.parse("2030-05-31T19:59:00Z");

    private static final Instant AFTER_DSO_GATE = Instant.parse("2030-05-31T22:00:00Z");

    @Inject
    InMemoryLedger ledger;

    @Inject
    InMemoryRegistry registry;

    @Inject
    InMemoryCommunity community;

    @BeforeEach
    void book() {
        book(Instant.parse("2030-05-31T12:00:00Z"), CommunityFixture.GATE);
    }

    /** The book of {@link CommunityFixture#DAY}, opened at {@code opened} with its community gate at {@code gate}. */
    private void book(Instant opened, String gate) {
        CommunityFixture fixture = new CommunityFixture(ledger, registry, community);
        community.setNow(opened);
        fixture.grid("home-a", "home-b", "home-c")
                .member(AGG1, "agg1-prosumer", "home-a", true)
                .member(COMMUNITY, "community-prosumer", "home-b", true)
                .member(AGG1, "agg1-neighbour", "home-c", true)
                .day("PAY_AS_CLEAR", gate)
                .order(AGG1, "a-68", "agg1-prosumer", "home-a", 68, "BUY", false, "2.0", "0.25")
                .order(COMMUNITY, "b-68", "community-prosumer", "home-b", 68, "SELL", true, "3.0", "0.10")
                .order(AGG1, "c-69", "agg1-neighbour", "home-c", 69, "SELL", true, "1.5", "0.12");
    }

    @Test
    void beforeTheCommunityGateNothingIsCleared() {
        community.setNow(BEFORE_GATE);
        assertThat(instance().atGates(BEFORE_GATE)).isEmpty();
        assertThatThrownBy(() -> community.as(AGG1).readClearing(AGG1, DAY))
                .hasMessageContaining("COMMUNITY_CLEARING_NOT_FOUND");
    }

    @Test
    void afterTheGateTheDayIsClearedOnceAndARestartedInstancePostsNothingTwice() throws Exception {
        community.setNow(CommunityFixture.AFTER_GATE);
        CommunityClearing clearing = instance();
        List<CommunityReport> first = clearing.atGates(CommunityFixture.AFTER_GATE);
        assertThat(first).hasSize(1);
        CommunityReport report = first.get(0);
        assertThat(report.day()).isEqualTo(DAY);
        assertThat(report.recorded()).isTrue();
        assertThat(report.trades()).isEqualTo(2);
        assertThat(report.offersPosted()).containsExactly("cm-2030-06-01-home-c-69");
        assertThat(community.as(AGG1).readClearing(AGG1, DAY).trades()).hasSize(2);

        // the next check finds the day finished
        assertThat(clearing.atGates(CommunityFixture.AFTER_GATE.plusSeconds(60)))
                .isEmpty();

        // a restarted instance: the recorded clearing is found, the offer is not posted again
        CommunityClearing restarted = instance();
        List<CommunityReport> again = restarted.atGates(CommunityFixture.AFTER_GATE.plusSeconds(120));
        assertThat(again).hasSize(1);
        assertThat(again.get(0).recorded()).isFalse();
        assertThat(again.get(0).offersPosted()).isEmpty();
        assertThat(again.get(0).offersExisting()).containsExactly("cm-2030-06-01-home-c-69");
        assertThat(ledger.listOffersByDay(DAY, "100", "").records()).hasSize(1);
    }

    @Test
    void afterTheDsoMarketsGateTheDayIsLeftAlone() {
        community.setNow(AFTER_DSO_GATE);
        assertThat(instance().atGates(AFTER_DSO_GATE)).isEmpty();
        assertThatThrownBy(() -> community.as(AGG1).readClearing(AGG1, DAY))
                .hasMessageContaining("COMMUNITY_CLEARING_NOT_FOUND");
    }

    @Test
    void aDayFourDaysAheadIsClearedAtItsGate() {
        // 2030-06-01's community gate on 2030-05-28 at 10:00Z: the day is four days ahead of the gate's day.
        book(Instant.parse("2030-05-27T12:00:00Z"), "2030-05-28T10:00:00Z");
        CommunityClearing clearing = instance();
        Instant before = Instant.parse("2030-05-28T09:59:00Z");
        community.setNow(before);
        assertThat(clearing.atGates(before)).isEmpty();

        Instant after = Instant.parse("2030-05-28T10:01:00Z");
        community.setNow(after);
        assertThat(clearing.atGates(after)).singleElement().satisfies(r -> {
            assertThat(r.day()).isEqualTo(DAY);
            assertThat(r.recorded()).isTrue();
            assertThat(r.trades()).isEqualTo(2);
            assertThat(r.offersPosted()).containsExactly("cm-2030-06-01-home-c-69");
        });
        // finished: the next check leaves it alone
        assertThat(clearing.atGates(after.plusSeconds(60))).isEmpty();
    }

    @Test
    void aDayBeyondTheWindowWaitsUntilItComesWithin() {
        // The community gate on 2030-05-20, twelve days before the day.
        book(Instant.parse("2030-05-19T12:00:00Z"), "2030-05-20T10:00:00Z");
        CommunityClearing clearing = instance();
        Instant afterGate = Instant.parse("2030-05-20T10:01:00Z");
        community.setNow(afterGate);
        assertThat(clearing.atGates(afterGate)).isEmpty();
        assertThatThrownBy(() -> community.as(AGG1).readClearing(AGG1, DAY))
                .hasMessageContaining("COMMUNITY_CLEARING_NOT_FOUND");

        // On 2030-05-25 (London) the day is seven days ahead: within the window.
        Instant within = Instant.parse("2030-05-25T08:00:00Z");
        community.setNow(within);
        assertThat(clearing.atGates(within))
                .singleElement()
                .satisfies(r -> assertThat(r.trades()).isEqualTo(2));
    }

    @Inject
    CommunityLedger communityPort;

    @Inject
    RegistryLedger registryPort;

    @Inject
    Ledger marketPort;

    /** A fresh instance on the same ledger (the application's own remembers other tests' days), as after a restart. */
    private CommunityClearing instance() {
        return new CommunityClearing(communityPort, registryPort, marketPort, true, 5, 4, 0, 7);
    }
}
