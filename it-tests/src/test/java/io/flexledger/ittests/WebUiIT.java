package io.flexledger.ittests;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The web UI of the running stack in a real browser (Debian's Chromium through Playwright), on a day
 * settled through the ledger: each role signs in on Keycloak's form and sees its own data, an
 * aggregator posts an offer through the page, an auditor opens a settlement's proof, and a role that
 * opens another role's page is refused. Screenshots of every page go to target/screenshots.
 */
@ExtendWith(FlexStack.class)
class WebUiIT {
    private static final String UI = FlexStack.url(8088);
    private static final Path SHOTS = Paths.get(System.getProperty("flex.screenshots", "target/screenshots"));
    private static DeliveryDay day;
    private static DeliveryDay.Home home;
    private static Playwright playwright;
    private static Browser browser;
    private BrowserContext context;
    private Page page;

    @BeforeAll
    static void aSettledDayAndABrowser() throws Exception {
        Market.congestionPoints();
        day = new DeliveryDay(DeliveryDay.freshDay());
        home = day.addHome("Aggregator1MSP", 0.5);
        day.addHome("Aggregator2MSP", 1.0);
        day.orderAll();
        day.meterTheDay();
        day.seal();
        day.reveal();
        FlexStack.Result settle = FlexStack.flex(300, "settle", "--day", day.day.toString());
        assertThat(settle.exit()).as(settle.output()).isZero();
        playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(Paths.get("/usr/bin/chromium"))
                        .setHeadless(true));
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @BeforeEach
    void session() {
        context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 1000));
        page = context.newPage();
        page.setDefaultTimeout(60_000);
    }

    @AfterEach
    void endSession() {
        context.close();
    }

    /** Opens a page as a demo user, signing in on Keycloak's own form. */
    private Response open(String path, String user) {
        Response r = page.navigate(UI + path);
        if (page.url().contains("/realms/flexledger/")) {
            page.fill("#username", user);
            page.fill("#password", Tokens.DEMO_PASSWORD);
            r = page.waitForNavigation(() -> page.click("#kc-login"));
        }
        assertThat(page.url()).startsWith(UI);
        return r;
    }

    private void shot(String name) {
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve(name + ".png"))
                .setFullPage(true));
    }

    @Test
    void theDsoSeesTheLoadingOfItsCongestionPointsAndTheOrders() {
        Response r = open("/dso?day=" + day.day, "dso-operator");
        assertThat(r.status()).isEqualTo(200);
        assertThat(page.locator("#points tbody tr").count()).isPositive();
        assertThat(page.content()).contains(home.orderId());
        assertThat(page.locator(".banner").count()).isZero();
        shot("dso");
    }

    @Test
    void anAggregatorSeesItsSettlementsAndPostsAnOffer() {
        open("/aggregator?day=" + day.day, "agg1-trader");
        assertThat(page.content()).contains(home.settlementId());
        String id = page.inputValue("input[name=id]");
        page.fill("input[name=assetId]", home.assetId());
        page.fill("input[name=congestionPointId]", "F1");
        page.fill("input[name=fromSlot]", "88");
        page.fill("input[name=toSlot]", "89");
        page.waitForNavigation(() -> page.click("#post-offer"));
        assertThat(page.locator("#notice").innerText()).contains("offer " + id + " posted: ledger transaction");
        // The offer is on the ledger, read back through the DSO's own API (once its peer has the block).
        DeliveryDay.awaitOffer("DsoMSP", id);
        String state = Api.as("DsoMSP")
                .get("/api/offers/{id}", id)
                .then()
                .statusCode(200)
                .extract()
                .path("state");
        assertThat(state).isEqualTo("OFFERED");
        shot("aggregator");
    }

    @Test
    void anAuditorSeesTheVerdictsAndOpensASettlementsProof() {
        open("/audit?day=" + day.day, "market-auditor");
        assertThat(page.locator("#settlements").innerText())
                .contains(home.settlementId())
                .contains("VERIFIED");
        shot("audit");
        page.waitForNavigation(() -> page.locator(".proof-link").first().click());
        assertThat(page.locator("#roots-agree").innerText()).isEqualTo("yes");
        assertThat(page.locator("#readings tbody tr").count()).isPositive();
        assertThat(page.locator("#readings").innerText()).contains("verified").doesNotContain("fails");
        shot("audit-proof");
    }

    @Test
    void aCommunityMemberSeesTheirHomeAndIsRefusedTheDsosPage() {
        Response mine = open("/prosumer?day=" + day.day, "agg1-prosumer");
        assertThat(mine.status()).isEqualTo(200);
        assertThat(page.locator("#community-market").innerText()).isEqualTo("Community market");
        // The member's memberships are read from the ledger through their organisation's instance.
        String banner = page.locator("#service-down").count() == 0
                ? ""
                : page.locator("#service-down").innerText();
        assertThat(banner).doesNotContain("community");
        shot("prosumer");
        Response refused = page.navigate(UI + "/dso?day=" + day.day);
        assertThat(refused.status()).isEqualTo(403);
        shot("refused");
    }

    @Test
    void anOpenPageHearsTheLedgersEventsAsTheyHappen() throws Exception {
        open("/aggregator?day=" + day.day, "agg1-trader");
        String live = page.locator("#content").getAttribute("data-live");
        String offer = Market.uniqueId("o-live");
        // Another party writes to the ledger while the page listens.
        Thread writer = new Thread(() -> {
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Api.post("Aggregator1MSP")
                    .body("{\"id\":\"%s\",\"congestionPointId\":\"F1\",\"assetId\":\"%s\",\"day\":\"%s\","
                                    .formatted(offer, home.assetId(), day.day)
                            + "\"kwBySlot\":{\"90\":1.0},\"price\":0.3,\"minActivation\":1}")
                    .post("/api/offers")
                    .then()
                    .statusCode(201);
        });
        writer.start();
        // The first live message caused by something other than the periodic re-read names the event.
        Object trigger = page.evaluate(
                "url => new Promise(done => { const es = new EventSource(url);"
                        + " es.onmessage = e => { const m = JSON.parse(e.data);"
                        + " if (m.trigger !== 'tick') { es.close(); done(m.trigger); } }; })",
                live);
        writer.join();
        assertThat(trigger).isEqualTo("OfferCreated");
    }

    @Test
    void theMarketShowsTheOrderBook() {
        Response r = open("/market?day=" + day.day, "dso-operator");
        assertThat(r.status()).isEqualTo(200);
        assertThat(page.content()).contains(home.offerId());
        shot("market");
    }
}
