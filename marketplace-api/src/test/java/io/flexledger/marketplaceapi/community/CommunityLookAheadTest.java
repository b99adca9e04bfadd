package io.flexledger.marketplaceapi.community;

import static io.flexledger.marketplaceapi.community.CommunityFixture.AGG1;
import static io.flexledger.marketplaceapi.community.CommunityFixture.COMMUNITY;
import static io.flexledger.marketplaceapi.community.CommunityFixture.DAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.junit.jupiter.api.Test;

/**
 * The schedule's window: a community day opened with its gate days before the day (the live mode's day is
 * the day after tomorrow or later) is cleared at that gate, with nobody asking, while it is within
 * {@code flex.community.look-ahead-days} of today (7 here, 14 by default); further ahead it waits until it
 * comes within.
 */
@QuarkusTest
@TestProfile(InMemoryLedgerProfile.class)
class CommunityLookAheadTest {
    @Inject
    InMemoryLedger ledger;

    @Inject
    InMemoryRegistry registry;

    @Inject
    InMemoryCommunity community;

    @Inject
    CommunityLedger communityPort;

    @Inject
    RegistryLedger registryPort;

    @Inject
    Ledger marketPort;

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

    private CommunityClearing instance() {
        return new CommunityClearing(communityPort, registryPort, marketPort, true, 5, 4, 0, 7);
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
        List<CommunityReport> cleared = clearing.atGates(after);
        assertThat(cleared).singleElement().satisfies(r -> {
            assertThat(r.day()).isEqualTo(DAY);
            assertThat(r.recorded()).isTrue();
            assertThat(r.trades()).isEqualTo(2);
            assertThat(r.offersPosted()).containsExactly("cm-2030-06-01-home-c-69");
        });
        assertThat(communityPort.readClearing(AGG1, DAY)).isNotEmpty();
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
        assertThatThrownBy(() -> communityPort.readClearing(AGG1, DAY))
                .hasMessageContaining("COMMUNITY_CLEARING_NOT_FOUND");

        // On 2030-05-25 (London) the day is seven days ahead: within the window.
        Instant within = Instant.parse("2030-05-25T08:00:00Z");
        community.setNow(within);
        assertThat(clearing.atGates(within))
                .singleElement()
                .satisfies(r -> assertThat(r.trades()).isEqualTo(2));
    }
}
