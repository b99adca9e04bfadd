package io.flexledger.ui.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The pages in a real browser (the system's Chromium, headless), logged in through the realm's own
 * login form as each role's demo user. Screenshots of every page go to {@code target/screenshots}.
 *
 * <p>Without the ledger (CI), the pages show their service-down banners; the tests that need the
 * ledger's data run only when the DSO's marketplace-api answers at 127.0.0.1:8081.
 */
@QuarkusTest
@QuarkusTestResource(value = KeycloakResource.class, restrictToAnnotatedClass = true)
class PagesBrowserTest {
    private static final String UI = "http://127.0.0.1:8088";

    private static Chromium chromium;
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

    static boolean stackAnswers() {
        return answers("http://127.0.0.1:8081/q/health");
    }

    /** Whether this run started its own Keycloak (the stack's, if any, lacks the flexledger-ui client). */
    static boolean ownKeycloak() {
        return Boolean.getBoolean(KeycloakResource.OWN);
    }

    /** The stack's data can be read: its API answers and accepts this run's tokens. */
    private static void assumeStackUsable() {
        assumeTrue(
                !ownKeycloak(),
                "the Keycloak at KEYCLOAK_URL (default 127.0.0.1:8180) has no flexledger-ui client, so the stack"
                        + " would refuse the test's tokens: import the realm again (network-config/keycloak)");
    }

    static boolean dsoApiAbsent() {
        return !stackAnswers();
    }

    private static boolean answers(String url) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(3000);
            c.getResponseCode();
            c.disconnect();
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
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
        if (!stackAnswers()) {
            assertThat(bannerText()).contains("marketplace-api (DsoMSP, http://127.0.0.1:8081)", "not answering");
        } else if (ownKeycloak()) {
            // A stack whose Keycloak is not this test's refuses this test's tokens: the page says so.
            assertThat(bannerText()).contains("marketplace-api (DsoMSP, http://127.0.0.1:8081)", "refused access");
        } else {
            assertThat(bannerText()).doesNotContain("marketplace-api (DsoMSP");
        }
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
        if (!answers("http://127.0.0.1:8091/q/health")) {
            assertThat(bannerText()).contains("settlement (http://127.0.0.1:8091)", "the audit verdicts");
        }
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
    @EnabledIf(value = "dsoApiAbsent", disabledReason = "the DSO's marketplace-api answers at 8081: not absent")
    void withTheMarketplaceApiAbsentTheDsoPageNamesIt() {
        open("/market", "dso-operator");
        assertThat(bannerText())
                .contains("marketplace-api (DsoMSP, http://127.0.0.1:8081)", "the day's requests", "the day's offers");
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

    // ---- With the full stack (ledger, marketplace-api instances, device-bridge, settlement) ------------

    private static final String NEEDS_STACK =
            "needs the full stack with the ledger: the DSO's marketplace-api does not answer at 127.0.0.1:8081";

    private static String stackDay() {
        return System.getProperty(
                "ui.it.day", LocalDate.now(ZoneId.of("Europe/London")).toString());
    }

    @Test
    @EnabledIf(value = "stackAnswers", disabledReason = NEEDS_STACK)
    void withTheStackTheDsoSeesTheLedgersData() {
        assumeStackUsable();
        open("/dso?day=" + stackDay(), "dso-operator");
        assertThat(bannerText()).doesNotContain("marketplace-api");
        assertThat(page.locator("#points tbody tr").count()).isPositive();
        shot("dso-stack");
    }

    @Test
    @EnabledIf(value = "stackAnswers", disabledReason = NEEDS_STACK)
    void withTheStackAnAggregatorPostsAnOffer() {
        assumeStackUsable();
        String day = stackDay();
        open("/aggregator?day=" + day, "agg1-trader");
        String asset = System.getProperty("ui.it.asset");
        String point = System.getProperty("ui.it.congestion-point");
        if (asset == null && page.locator("#portfolio tbody tr td").count() > 1) {
            asset = page.locator("#portfolio tbody tr td").nth(0).innerText();
            point = page.locator("#portfolio tbody tr td").nth(1).innerText();
        }
        assumeTrue(
                asset != null && point != null,
                "no home of Aggregator1MSP known: set -Dui.it.asset and -Dui.it.congestion-point");
        String id = page.inputValue("input[name=id]");
        page.fill("input[name=assetId]", asset);
        page.fill("input[name=congestionPointId]", point);
        page.fill("input[name=fromSlot]", "88");
        page.fill("input[name=toSlot]", "89");
        page.waitForNavigation(() -> page.click("#post-offer"));
        assertThat(page.locator("#notice").innerText()).contains("offer " + id + " posted: ledger transaction");
        assertThat(page.locator("#offers").innerText()).contains(id);
        shot("aggregator-offer-posted");
    }

    @Test
    @EnabledIf(value = "stackAnswers", disabledReason = NEEDS_STACK)
    void withTheStackAnAuditorOpensASettlementsProof() {
        assumeStackUsable();
        open("/audit?day=" + stackDay(), "market-auditor");
        assumeTrue(page.locator(".proof-link").count() > 0, "no settlement on " + stackDay() + " (-Dui.it.day)");
        String id = page.locator("#settlements tbody tr td").first().innerText();
        page.waitForNavigation(() -> page.locator(".proof-link").first().click());
        assertThat(page.locator("#proof-title").innerText()).contains(id);
        assertThat(page.locator("#ledger-root").innerText()).isNotBlank();
        assertThat(page.locator("#roots-agree").innerText()).isEqualTo("yes");
        assertThat(page.locator("#readings tbody tr").count()).isPositive();
        assertThat(page.locator("#readings").innerText()).contains("verified").doesNotContain("fails");
        shot("proof");
    }
}
