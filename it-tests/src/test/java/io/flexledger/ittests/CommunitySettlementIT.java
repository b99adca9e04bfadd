package io.flexledger.ittests;

import static io.flexledger.ittests.CommunityDays.member;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import io.flexledger.domain.metering.MeterReading;
import io.flexledger.domain.metering.SignedReading;
import io.flexledger.domain.units.KilowattHours;
import io.restassured.path.json.JsonPath;
import java.math.BigDecimal;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Community trades settled per member from the meters, on the real network: two homes of Aggregator1 with
 * DSO-approved meters join its community (one through CommunityMSP), trade 2 kW in slot 68 at the gate;
 * their meters publish signed readings of the slot over MQTT (the seller exported 0.3 kWh of its 0.5 kWh
 * sale, the buyer imported 0.4 kWh of its 0.5 kWh purchase), the DSO seals the day, and {@code ./flex
 * settle} settles both members through the operator's API: the ledger re-checks the readings against
 * the anchored root and computes each statement, endorsed by Aggregator1's and CommunityMSP's peers. A
 * member reads their own statement and is refused another's; the DSO reads none; a re-run settles nothing
 * twice; the operator's {@code ./flex audit} re-derives both statements and verifies the day.
 */
@ExtendWith(FlexStack.class)
class CommunitySettlementIT {
    private static final String OPERATOR = CommunityDays.OPERATOR;

    @BeforeAll
    static void grid() {
        Market.congestionPoints();
    }

    @Test
    void membersAreSettledFromTheirMetersOnceAndReadTheirOwnStatement() throws Exception {
        LocalDate day = DeliveryDay.freshDay();
        DeliveryDay delivery = new DeliveryDay(day);
        DeliveryDay.Home seller = delivery.addHomeWithoutOffer(OPERATOR, 0);
        DeliveryDay.Home buyer = delivery.addHomeWithoutOffer(OPERATOR, 0);

        CommunityDays.enrol(seller.assetId(), buyer.assetId());
        Instant gate = CommunityDays.open(day);
        CommunityDays.postOrder(
                CommunityDays.SELLER,
                OPERATOR,
                CommunityDays.order(Market.uniqueId("cs"), seller.assetId(), day, 68, "SELL", true, "2", "0.08"));
        CommunityDays.postOrder(
                CommunityDays.BUYER,
                CommunityDays.BUYER_MSP,
                CommunityDays.order(Market.uniqueId("cb"), buyer.assetId(), day, 68, "BUY", false, "2", "0.25"));
        JsonPath report = CommunityDays.clearAfter(gate, day);
        assertThat(report.getInt("trades")).isEqualTo(2);

        // The meters publish the traded slot; the DSO seals the day (the bridge anchors Aggregator1's root).
        long before = DeliveryDay.accepted();
        Mqtt5BlockingClient mqtt = DeliveryDay.mqtt(Market.uniqueId("it-community-meters"));
        try {
            DeliveryDay.publish(mqtt, seller.meterId(), DeliveryDay.json(reading(seller, day, "-0.3")));
            DeliveryDay.publish(mqtt, buyer.meterId(), DeliveryDay.json(reading(buyer, day, "0.4")));
        } finally {
            mqtt.disconnect();
        }
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> DeliveryDay.accepted() >= before + 2);
        delivery.seal();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> Api.as(OPERATOR)
                                .get("/api/anchors/{day}/{msp}", day.toString(), OPERATOR)
                                .then()
                                .extract()
                                .statusCode()
                        == 200);

        FlexStack.Result settle = FlexStack.flex(300, "settle", "--day", day.toString());
        assertThat(settle.exit()).as(settle.output()).isZero();
        assertThat(settle.output()).contains("settled 2 community member(s) now, 0 before, 0 skipped");
        FlexStack.Result again = FlexStack.flex(300, "settle", "--day", day.toString());
        assertThat(again.exit()).as(again.output()).isZero();
        assertThat(again.output()).contains("settled 0 community member(s) now, 2 before, 0 skipped");

        // The operator's audit re-derives both statements from first principles (public hash from the
        // block, the clearing's hash and trades, each reading's meter, key, signature and proof to the
        // anchor, the rule's lines and totals) and verifies the day; the DSO is told it cannot read them.
        FlexStack.Result audit = FlexStack.flex(300, "audit", "--period", day.toString(), "--org", "aggregator1");
        assertThat(audit.exit()).as(audit.output()).isZero();
        assertThat(audit.output())
                .as(audit.output())
                .contains("community statements 2 re-derived (" + OPERATOR + "), 2 reading(s) checked")
                .containsPattern(OPERATOR + "/" + seller.assetId() + " +VERIFIED")
                .containsPattern(OPERATOR + "/" + buyer.assetId() + " +VERIFIED")
                .doesNotContain("DISCREPANCY")
                .containsPattern("(?m)^VERIFIED$");
        FlexStack.Result dso = FlexStack.flex(300, "audit", "--period", day.toString());
        assertThat(dso.output())
                .as(dso.output())
                .contains(
                        "community statements: not readable by this party (the DSO reads no community's private data");

        // The seller delivered 0.3 of its 0.5 kWh and bought the 0.2 kWh short at the import price.
        JsonPath own = awaitStatement("agg1-prosumer", OPERATOR, day, seller.assetId());
        assertThat(own.getString("records[0].member")).isEqualTo("agg1-prosumer");
        assertThat(own.getString("records[0].totals.soldKwh")).isEqualTo("0.500000");
        assertThat(own.getString("records[0].totals.deliveredKwh")).isEqualTo("0.300000");
        assertThat(own.getString("records[0].totals.shortfallKwh")).isEqualTo("0.200000");
        BigDecimal price =
                new BigDecimal(own.getString("records[0].lines[0].receivedEur")).divide(new BigDecimal("0.5"));
        assertThat(new BigDecimal(own.getString("records[0].totals.paidEur"))).isEqualByComparingTo("0.0600");
        assertThat(price).isBetween(new BigDecimal("0.08"), new BigDecimal("0.25"));
        // The buyer took 0.4 of its 0.5 kWh and sold the rest to the grid; read through CommunityMSP's peer.
        JsonPath theirs = awaitStatement("community-prosumer", "CommunityMSP", day, buyer.assetId());
        assertThat(theirs.getString("records[0].totals.takenKwh")).isEqualTo("0.400000");
        assertThat(theirs.getString("records[0].totals.unusedKwh")).isEqualTo("0.100000");
        assertThat(new BigDecimal(theirs.getString("records[0].totals.receivedEur")))
                .isEqualByComparingTo("0.0050");
        theMembersPageShowsTheirStatementAndItsProof(day, seller.assetId(), own);

        // A member is refused another's statement, and lists only their own; the DSO reads none.
        member("agg1-prosumer", OPERATOR)
                .get("/api/community/statements/{c}/{day}?homeId={home}", OPERATOR, day.toString(), buyer.assetId())
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        assertThat(member("agg1-prosumer", OPERATOR)
                        .get("/api/community/statements/{c}/{day}", OPERATOR, day.toString())
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("records.homeId", String.class))
                .containsExactly(seller.assetId());
        Api.as("DsoMSP")
                .get("/api/community/statements/{c}/{day}", OPERATOR, day.toString())
                .then()
                .statusCode(403);
    }

    // ---- The member's page (ui) in a real browser: the settled statement and its proof ----------------

    /**
     * The seller's member opens their page ({@code /prosumer}) in Debian's Chromium through Playwright,
     * signing in on Keycloak's form: the statement's totals are the ledger's, computed again in the page
     * they agree, and the settled line's reading verifies (the meter's signature with its registered key,
     * the Merkle path to the anchor root on the ledger). Screenshot: target/screenshots/prosumer-statement.png.
     */
    private static void theMembersPageShowsTheirStatementAndItsProof(LocalDate day, String home, JsonPath own) {
        String ui = FlexStack.url(8088);
        try (Playwright playwright = Playwright.create(
                        new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
                Browser browser = playwright
                        .chromium()
                        .launch(new BrowserType.LaunchOptions()
                                .setExecutablePath(Paths.get("/usr/bin/chromium"))
                                .setHeadless(true))) {
            Page page = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 1000))
                    .newPage();
            page.setDefaultTimeout(60_000);
            Response r = page.navigate(ui + "/prosumer?day=" + day);
            if (page.url().contains("/realms/flexledger/")) {
                page.fill("#username", "agg1-prosumer");
                page.fill("#password", Tokens.DEMO_PASSWORD);
                r = page.waitForNavigation(() -> page.click("#kc-login"));
            }
            assertThat(page.url()).startsWith(ui);
            assertThat(r.status()).isEqualTo(200);
            Locator st = page.locator("section.statement[data-home=\"" + home + "\"]");
            assertThat(st.getAttribute("data-state"))
                    .as(page.locator("main").innerText())
                    .isEqualTo("SETTLED");
            assertThat(st.locator(".st-sold").innerText()).isEqualTo("0.500000 kWh");
            assertThat(st.locator(".st-delivered").innerText()).isEqualTo("0.300000 kWh");
            assertThat(st.locator(".st-shortfall").innerText()).isEqualTo("0.200000 kWh");
            assertThat(st.locator(".st-paid").innerText())
                    .isEqualTo(own.getString("records[0].totals.paidEur") + " EUR");
            assertThat(st.locator(".st-received").innerText())
                    .isEqualTo(own.getString("records[0].totals.receivedEur") + " EUR");
            assertThat(st.locator(".st-net").innerText()).isEqualTo(own.getString("records[0].totals.netEur") + " EUR");
            assertThat(st.locator("table.statement-lines tbody tr").allInnerTexts())
                    .singleElement()
                    .asString()
                    .startsWith("68 (")
                    .contains("0.500000", "-0.300000", "0.200000");
            assertThat(st.locator(".statement-recomputed").innerText()).contains("agrees");
            assertThat(st.locator(".st-anchor-root").innerText()).isEqualTo(own.getString("records[0].anchorRoot"));
            assertThat(st.locator(".st-proofs-verified").innerText()).isEqualTo("1 of 1");
            assertThat(st.locator(".st-signature").innerText())
                    .isEqualTo("verified with the meter's registered key version 1");
            assertThat(st.locator(".st-path").innerText()).isEqualTo("verified");
            assertThat(page.locator(".statement-refused").count()).isZero();
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(Paths.get(System.getProperty("flex.screenshots", "target/screenshots"))
                            .resolve("prosumer-statement.png"))
                    .setFullPage(true));
        }
    }

    // ---- end of the member's page ---------------------------------------------------------------------

    private static SignedReading reading(DeliveryDay.Home h, LocalDate day, String kwh) {
        return SignedReading.sign(
                new MeterReading(h.meterId(), h.assetId(), day, 68, KilowattHours.of(kwh), 69L),
                h.keys().getPrivate());
    }

    private static JsonPath awaitStatement(String user, String msp, LocalDate day, String home) {
        return CommunityDays.awaitRead(
                user,
                msp,
                read -> true,
                "/api/community/statements/{c}/{day}?homeId={home}",
                OPERATOR,
                day.toString(),
                home);
    }
}
