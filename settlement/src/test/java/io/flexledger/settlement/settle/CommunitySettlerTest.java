package io.flexledger.settlement.settle;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.client.MarketplaceClient;
import io.flexledger.client.RetryPolicy;
import io.flexledger.client.TokenSource;
import io.flexledger.settlement.support.FakeMarket;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The settlement of community members over HTTP against the fake market: home-1 (Aggregator1) sold in slots
 * 68 and 69, home-2 bought in 68, home-3 has no trade; Aggregator2's community has no clearing.
 */
class CommunitySettlerTest {
    private FakeMarket market;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @BeforeEach
    void aClearedDay() throws Exception {
        market = new FakeMarket();
        market.addHome(1, "Aggregator1MSP", 1);
        market.addHome(2, "Aggregator1MSP", 1);
        market.addHome(3, "Aggregator1MSP", 1);
        market.addHome(4, "Aggregator2MSP", 1);
        market.communityTrade(1, 68, "SELL");
        market.communityTrade(1, 69, "SELL");
        market.communityTrade(2, 68, "BUY");
        market.anchor("Aggregator1MSP");
        market.anchor("Aggregator2MSP");
    }

    @AfterEach
    void close() {
        market.close();
    }

    CommunitySettler settler() {
        URI base = market.base();
        HttpClient http = HttpClient.newHttpClient();
        RetryPolicy once = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
        MarketplaceClient api = new MarketplaceClient(base, TokenSource.fixed("t"), http, once, Duration.ofSeconds(30));
        return new CommunitySettler(
                market.ledger(),
                List.of(
                        new CommunitySettler.Operator("Aggregator1MSP", api.community()),
                        new CommunitySettler.Operator("Aggregator2MSP", api.community())),
                new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    @Test
    void everyTradingMemberIsSettledOnceFromItsTradedSlotsReadings() {
        CommunitySettler.Outcome o = settler().settle(FakeMarket.DAY);

        assertThat(o.skipped()).as(log.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(o.settled()).containsExactly("Aggregator1MSP/home-1", "Aggregator1MSP/home-2");
        assertThat(market.statementKeys()).containsExactlyInAnyOrder("Aggregator1MSP|home-1", "Aggregator1MSP|home-2");
        assertThat(log.toString(StandardCharsets.UTF_8))
                .contains("community Aggregator2MSP: no clearing of 2026-11-28, nothing to settle");

        CommunitySettler.Outcome again = settler().settle(FakeMarket.DAY);
        assertThat(again.settled()).isEmpty();
        assertThat(again.existing()).containsExactly("Aggregator1MSP/home-1", "Aggregator1MSP/home-2");
    }

    @Test
    void aMemberWithoutAReadingOfATradedSlotIsSkippedWithTheSlotNamed() {
        // The bridge has readings of slots 64-75 only.
        market.communityTrade(2, 90, "BUY");

        CommunitySettler.Outcome o = settler().settle(FakeMarket.DAY);

        assertThat(o.settled()).containsExactly("Aggregator1MSP/home-1");
        assertThat(o.skipped()).singleElement().asString().contains("home-2", "slot(s) [90]");
    }

    @Test
    void theTradedSlotsOfEachHomeComeFromTheClearing() throws Exception {
        var clearing = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree("{\"trades\":[{\"homeId\":\"h-2\",\"slot\":5},{\"homeId\":\"h-1\",\"slot\":7},"
                        + "{\"homeId\":\"h-2\",\"slot\":4},{\"homeId\":\"h-2\",\"slot\":5}]}");
        assertThat(CommunitySettler.tradedSlots(clearing))
                .containsExactly(
                        java.util.Map.entry("h-1", java.util.Set.of(7)),
                        java.util.Map.entry("h-2", java.util.Set.of(4, 5)));
    }

    @Test
    void aClearingWhoseTradeHasNoWholeSlotIsRefusedByItsPath() throws Exception {
        var clearing = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree("{\"trades\":[{\"homeId\":\"h-2\",\"slot\":5},{\"homeId\":\"h-1\",\"slot\":7.5}]}");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CommunitySettler.tradedSlots(clearing))
                .isInstanceOf(io.flexledger.contract.codec.InputRefusal.class)
                .hasMessageContaining("$.trades[1].slot");
    }
}
