package io.flexledger.ui.browser;

import static io.flexledger.ui.browser.Chromium.UI;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pages in a real browser (the system's Chromium, headless), logged in through the realm's own
 * login form as each role's demo user. Screenshots of every page go to {@code target/screenshots}.
 *
 * <p>The services are addresses where nothing listens (test profile), never a running stack's, so
 * the pages show their service-down banners. The pages with data: {@link PagesWithDataBrowserTest}
 * here, and it-tests' {@code WebUiIT} on a stack of its own with the ledger.
 */
@QuarkusTest
@QuarkusTestResource(value = KeycloakResource.class, restrictToAnnotatedClass = true)
class PagesBrowserTest {
    private static Chromium chromium;

    /** Where Quarkus serves the pages. */
    @TestHTTPResource("/")
    URI served;

    private Chromium.Session session;
    private Page page;

    @BeforeAll
    static void launch() {
        chromium = Chromium.launch();
    }

    @AfterAll
    static void close() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void newSession() {
        session = chromium.session();
        page = session.page();
    }

    @AfterEach
    void endSession() {
        session.close();
    }

    /** Opens a page of the UI, signing in on the realm's login form when sent there. */
    private Response open(String path, String user) {
        return session.open(path, user);
    }

    private void shot(String name) {
        session.shot(name);
    }

    private String bannerText() {
        return page.locator("#service-down").count() == 0
                ? ""
                : page.locator("#service-down").innerText();
    }

    @Test
    void theDsoSeesTheGridPageWithChartsAndLiveUpdates() {
        Response r = open("/dso", "dso-operator");
        assertThat(r.status()).isEqualTo(200);
        assertThat(page.locator("h1").first().innerText()).isEqualTo("Grid loading");
        assertThat(page.locator("#user").innerText()).isEqualTo("dso-operator");
        assertThat(page.locator("#points").isVisible()).isTrue();
        assertThat(page.locator("#requests").isVisible()).isTrue();
        // Chart.js comes from the application itself, not from a CDN.
        assertThat(page.evaluate("typeof Chart")).isEqualTo("function");
        assertThat(page.evaluate("document.querySelector('script[src*=\"chart\"]').src"))
                .isEqualTo(UI + "/webjars/chart.js/dist/chart.umd.js");
        // The live stream connects and sends the data's fingerprint.
        page.waitForFunction("document.getElementById('live-status').textContent.startsWith('● live ·')");
        assertThat(bannerText()).contains("marketplace-api (DsoMSP, http://127.0.0.1:1)", "not answering");
        shot("dso");
    }

    @Test
    void theAggregatorSeesItsOffersOrdersAndTheOfferForm() {
        Response r = open("/aggregator", "agg1-trader");
        assertThat(r.status()).isEqualTo(200);
        assertThat(page.locator("h1").first().innerText()).isEqualTo("Aggregator Aggregator1MSP");
        assertThat(page.locator("#offer-form").isVisible()).isTrue();
        assertThat(page.locator("#offers").isVisible()).isTrue();
        assertThat(page.locator("#orders").isVisible()).isTrue();
        assertThat(page.locator("#settlements").isVisible()).isTrue();
        shot("aggregator");
    }

    @Test
    void theCommunityMemberSeesTheirHomeAndBill() {
        Response r = open("/prosumer", "agg1-prosumer");
        assertThat(r.status()).isEqualTo(200);
        assertThat(page.locator("h1").first().innerText()).isEqualTo("My home pontypool-001");
        assertThat(page.locator("#bill").innerText()).contains("Without flexibility", "With flexibility");
        assertThat(page.locator("#chart-home").isVisible()).isTrue();
        shot("prosumer");
    }

    @Test
    void theAuditorSeesTheSettlementsAudit() {
        Response r = open("/audit", "market-auditor");
        assertThat(r.status()).isEqualTo(200);
        assertThat(page.locator("h1").first().innerText()).isEqualTo("Settlements audit");
        assertThat(page.locator("#settlements thead").innerText()).contains("Ledger transaction", "Block", "Verdict");
        // The settlement service is not part of this test's stack: the page says so.
        assertThat(bannerText()).contains("settlement (http://127.0.0.1:1)", "the audit verdicts");
        shot("audit");
    }

    @Test
    void theMarketShowsTheBookToMarketRoles() {
        Response r = open("/market", "dso-admin");
        assertThat(r.status()).isEqualTo(200);
        assertThat(page.locator("h1").first().innerText()).isEqualTo("Market");
        assertThat(page.locator("nav a").allInnerTexts()).containsExactly("Market");
        shot("market");
    }

    @Test
    void aRoleOpeningAnotherRolesPageIsRefused() {
        Response r = open("/dso", "agg1-prosumer");
        assertThat(r.status()).isEqualTo(403);
        assertThat(page.locator("#refused-title").innerText()).contains("403");
        assertThat(page.locator("#refused-message").innerText())
                .contains("Grid (DSO) page is for the roles [dso]", "agg1-prosumer", "[prosumer]");
        assertThat(page.locator("#points").count()).isZero();
        shot("refused");
        // The same session is refused the auditor's page and its proofs, the market, and their live streams.
        for (String path : List.of("/audit", "/audit/proof/stl-any", "/market", "/aggregator", "/live/dso")) {
            assertThat(page.navigate(UI + path).status()).as(path).isEqualTo(403);
        }
        // And still opens its own.
        assertThat(page.navigate(UI + "/prosumer").status()).isEqualTo(200);
    }

    @Test
    void anAuditorMayNotOpenAnAggregatorsPage() {
        Response r = open("/aggregator", "market-auditor");
        assertThat(r.status()).isEqualTo(403);
        assertThat(page.locator("#refused-message").innerText()).contains("[aggregator]", "[auditor]");
        com.microsoft.playwright.APIResponse post = page.request()
                .post(
                        UI + "/aggregator/offers",
                        com.microsoft.playwright.options.RequestOptions.create()
                                .setForm(com.microsoft.playwright.options.FormData.create()
                                        .set("id", "x")));
        assertThat(post.status()).isEqualTo(403);
    }

    @Test
    void theRootSendsEachRoleToItsPage() {
        assertThat(URI.create(UI).getPort())
                .as("the browser's port is the UI's")
                .isEqualTo(served.getPort());
        open("/", "agg2-trader");
        assertThat(page.url()).isEqualTo(UI + "/aggregator");
        assertThat(page.locator("h1").first().innerText()).isEqualTo("Aggregator Aggregator2MSP");
    }

    @Test
    void aServiceThatDoesNotAnswerGivesABannerNotAStackTrace() {
        // The Community instance's address is one where nothing listens (test profile).
        Response r = open("/prosumer", "community-prosumer");
        assertThat(r.status()).isEqualTo(200);
        assertThat(bannerText())
                .contains("marketplace-api (CommunityMSP, http://127.0.0.1:1)", "not answering", "the day's offers");
        assertThat(page.content()).doesNotContain("Exception\n\tat ", "at io.flexledger");
        shot("service-down");
    }

    @Test
    void withTheMarketplaceApiAbsentTheDsoPageNamesIt() {
        open("/market", "dso-operator");
        assertThat(bannerText())
                .contains("marketplace-api (DsoMSP, http://127.0.0.1:1)", "the day's requests", "the day's offers");
        assertThat(page.locator("#empty-book").innerText()).contains("No request, offer or order");
    }

    @Test
    void signingOutEndsTheSession() {
        open("/market", "market-auditor");
        page.waitForNavigation(() -> page.click("text=Sign out"));
        page.navigate(UI + "/audit");
        // Back at the realm's login form: the session is over.
        assertThat(page.url()).contains("/realms/flexledger/");
        assertThat(page.locator("#kc-login").isVisible()).isTrue();
    }

    @Test
    void aBadDayIsNamed() {
        Response r = open("/dso?day=28-11-2026", "dso-operator");
        assertThat(r.status()).isEqualTo(400);
        assertThat(page.locator("#refused-message").innerText()).contains("day: must be a day written YYYY-MM-DD");
    }
}
