package io.flexledger.ui.browser;

import static io.flexledger.ui.browser.Chromium.UI;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pages with data, in a real browser after a real login: the services are stand-ins answering in
 * their documented shapes ({@link ServiceStubs}) with one day of a two-home feeder, so that what each
 * page computes and draws from the services' answers is checked in CI, where the ledger is absent.
 */
@QuarkusTest
@QuarkusTestResource(value = KeycloakResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = ServiceStubs.class, restrictToAnnotatedClass = true)
class PagesWithDataBrowserTest {
    private static final String DAY = "?day=" + ServiceStubs.DAY;
    private static final ObjectMapper JSON = new ObjectMapper();

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
        ServiceStubs.build();
        session = chromium.session();
        page = session.page();
    }

    @AfterEach
    void endSession() {
        session.close();
    }

    private Response open(String path, String user) {
        Response r = session.open(path, user);
        assertThat(page.locator("#service-down").count())
                .as("no service-down banner")
                .isZero();
        return r;
    }

    private void shot(String name) {
        session.shot(name);
    }

    private static JsonNode claims(String authorization) throws Exception {
        String jwt = authorization.substring("Bearer ".length());
        return JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    private String cell(String table, int row, int column) {
        return page.locator(table + " tbody tr")
                .nth(row)
                .locator("td")
                .nth(column)
                .innerText();
    }

    @Test
    void theDsoSeesTheFeedersLoadingWithCongestionMarkedAndRelieved() throws Exception {
        open("/dso" + DAY, "dso-operator");
        // feeder-1: 12 kW; two homes of 1.7 kWh per quarter hour (13.6 kW) from 16:00 to 20:00, except
        // 17:00-18:00 when home 1's order brings it to 1.2 kWh (11.6 kW): 12 congested slots.
        assertThat(cell("#points", 0, 0)).isEqualTo("feeder-1");
        // The capacity as the ledger writes it (kW, three decimals).
        assertThat(cell("#points", 0, 2)).isEqualTo("12.000");
        assertThat(cell("#points", 0, 3)).isEqualTo("13.6");
        assertThat(cell("#points", 0, 4)).isEqualTo("12");
        assertThat(cell("#points", 0, 5)).isEqualTo("2");
        assertThat(cell("#points", 0, 6)).isEqualTo("2 metered");
        // Requested 2 kW × 16 slots × 0.25 h; ordered 2 kW × 4 × 0.25 h; credited as settled.
        assertThat(cell("#points", 0, 7)).isEqualTo("8.000");
        assertThat(cell("#points", 0, 8)).isEqualTo("2.000");
        assertThat(cell("#points", 0, 9)).isEqualTo("1.800");
        Object marked = page.evaluate(
                "Chart.getChart('chart-grid-feeder-1').data.datasets[0].pointRadius.filter(r => r > 0).length");
        assertThat(marked).isEqualTo(12);
        Object capacity = page.evaluate("Chart.getChart('chart-grid-feeder-1').data.datasets[1].data[0]");
        assertThat(((Number) capacity).doubleValue()).isEqualTo(12.0);
        // The services were called with the DSO user's own token.
        JsonNode claims = claims(ServiceStubs.TOKENS.get("/api/requests"));
        assertThat(claims.path("msp").asText()).isEqualTo("DsoMSP");
        assertThat(claims.path("preferred_username").asText()).isEqualTo("dso-operator");
        assertThat(claims.path("aud").toString()).contains("marketplace-api");
        shot("dso-data");
    }

    @Test
    void theAuditorOpensASettlementsProofAndItsPathsVerify() {
        open("/audit" + DAY, "market-auditor");
        assertThat(cell("#settlements", 0, 0)).isEqualTo("stl-order-1");
        assertThat(cell("#settlements", 0, 7)).isEqualTo("tx-settle-1");
        assertThat(cell("#settlements", 0, 8)).isEqualTo("42");
        assertThat(cell("#settlements", 0, 9)).isEqualTo("VERIFIED");
        shot("audit-data");
        page.waitForNavigation(() -> page.locator(".proof-link").first().click());
        assertThat(page.url()).isEqualTo(UI + "/audit/proof/stl-order-1");
        assertThat(page.locator("#roots-agree").innerText()).isEqualTo("yes");
        // The order's four slots (68-71), each with its path to the 192-leaf anchor.
        assertThat(page.locator("#paths-verified").innerText()).isEqualTo("4 of 4");
        assertThat(page.locator("#readings tbody tr"))
                .satisfies(rows -> assertThat(rows.count()).isEqualTo(4));
        assertThat(page.locator("#readings").innerText())
                .contains("1.200000", "verified")
                .doesNotContain("fails");
        shot("proof-data");
    }

    @Test
    void aTamperedReadingFailsItsPath() {
        // The stand-in's readings of home 1 now differ from what the anchor holds in slot 69.
        var readings = ServiceStubs.tamper("pontypool-001", 69, "0.100000");
        assertThat(readings).isTrue();
        open("/audit/proof/stl-order-1", "market-auditor");
        assertThat(page.locator("#paths-verified").innerText()).isEqualTo("3 of 4");
        assertThat(page.locator("#readings tbody tr").nth(1).innerText()).contains("0.100000", "fails");
    }

    @Test
    void anAggregatorPostsAnOfferThroughTheForm() throws Exception {
        open("/aggregator" + DAY, "agg1-trader");
        String id = page.inputValue("input[name=id]");
        String key = page.inputValue("input[name=idempotencyKey]");
        page.fill("input[name=assetId]", "pontypool-002");
        page.fill("input[name=congestionPointId]", "feeder-1");
        page.fill("input[name=fromSlot]", "80");
        page.fill("input[name=toSlot]", "83");
        page.fill("input[name=kw]", "1.25");
        page.fill("input[name=price]", "0.28");
        page.waitForNavigation(() -> page.click("#post-offer"));
        assertThat(page.locator("#notice").innerText())
                .isEqualTo("offer " + id + " posted: ledger transaction tx-post-1, block 43");
        assertThat(page.locator("#offers").innerText()).contains(id, "80–83 (4 slots)", "1.250");
        // The settled order's delivery: metered 1.2 kWh against the settlement's baseline of 1.65, capped at 0.5.
        assertThat(cell("#orders", 0, 0)).isEqualTo("order-1");
        assertThat(cell("#orders", 0, 4)).isEqualTo("2.000");
        assertThat(cell("#orders", 0, 5)).isEqualTo("1.800");
        assertThat(cell("#orders", 0, 6)).isEqualTo("4 of 4");
        assertThat(page.locator("#payout").innerText()).isEqualTo("0.51 EUR");
        assertThat(ServiceStubs.POSTED).hasSize(1);
        JsonNode posted = ServiceStubs.POSTED.get(0);
        assertThat(posted.path("_key").asText()).isEqualTo(key);
        assertThat(posted.path("kwBySlot").size()).isEqualTo(4);
        assertThat(posted.path("kwBySlot").path("80").decimalValue()).isEqualByComparingTo("1.25");
        assertThat(posted.path("day").asText()).isEqualTo(ServiceStubs.DAY);
        assertThat(claims(ServiceStubs.TOKENS.get("/api/offers")).path("msp").asText())
                .isEqualTo("Aggregator1MSP");
        shot("aggregator-data");
    }

    @Test
    void aBadOfferFieldIsNamedAndNothingIsPosted() {
        open("/aggregator" + DAY, "agg1-trader");
        page.fill("input[name=assetId]", "pontypool-002");
        page.fill("input[name=congestionPointId]", "feeder-1");
        page.fill("input[name=fromSlot]", "83");
        page.fill("input[name=toSlot]", "80");
        page.waitForNavigation(() -> page.click("#post-offer"));
        assertThat(page.locator("#form-error").innerText()).contains("fromSlot, toSlot: must satisfy");
        assertThat(ServiceStubs.POSTED).isEmpty();
    }

    @Test
    void theAggregatorsPageFollowsTheLedgerLive() {
        open("/aggregator" + DAY, "agg1-trader");
        assertThat(page.locator("#offers").innerText()).doesNotContain("offer-live");
        page.evaluate("window.__samePage = true");
        // Another party's offer reaches the ledger: the page shows it without being reloaded.
        ServiceStubs.OFFERS.add(ServiceStubs.offer("offer-live", "pontypool-002", 84, 85, "1.0", "0.31", "OFFERED"));
        page.waitForFunction("document.getElementById('offers').innerText.includes('offer-live')");
        assertThat(page.evaluate("window.__samePage")).isEqualTo(true);
    }

    @Test
    void theCommunityMemberSeesTheirMeteredLoadSaleAndBill() {
        open("/prosumer" + DAY, "agg1-prosumer");
        assertThat(page.locator("#sold-kwh").innerText()).isEqualTo("2.000 kWh");
        Object points =
                page.evaluate("Chart.getChart('chart-home').data.datasets[1].data.filter(v => v !== null).length");
        assertThat(points).isEqualTo(96);
        // Metered energy at 0.25 EUR/kWh, and 0.38 from 16:00 to 19:00:
        // off-peak 39.6 kWh × 0.25 = 9.90; peak 18.4 kWh × 0.38 = 6.992; together 16.89.
        assertThat(page.locator("#bill").innerText()).contains("16.89 EUR");
        assertThat(page.locator("#baseline-note").innerText()).contains("REVEALED", "your aggregator and the DSO");
        shot("prosumer-data");
    }

    @Test
    void theMemberSeesTheirCommunityOrdersAndTradesAndNothingOfANeighbours() {
        open("/prosumer" + DAY, "agg1-prosumer");
        // The home comes from the ACTIVE membership; the PROPOSED one gives none.
        assertThat(page.locator("h1").first().innerText()).isEqualTo("My home pontypool-001");
        assertThat(page.locator("#home-note").count()).isZero();
        assertThat(page.locator("#community-market").innerText()).isEqualTo("Community market");
        String section = page.locator("section.community").innerText();
        assertThat(section).contains("Aggregator1MSP", "Cleared on the ledger: 4 trades", "PAY_AS_CLEAR");
        assertThat(page.locator("table.community-orders tbody tr").allInnerTexts())
                .containsExactly(
                        "co-buy-68\tpontypool-001\t68 (17:00)\tBUY\tfirm\t1.500\t0.21000",
                        "co-sell-70\tpontypool-001\t70 (17:30)\tSELL\tflexible\t2.000\t0.11000");
        // kW and price as the ledger has them; EUR = kW × 0.25 h × price, exact.
        assertThat(page.locator("table.community-trades tbody tr").allInnerTexts())
                .containsExactly(
                        "co-buy-68\tpontypool-001\t68 (17:00)\tBUY\t1.500\t0.16\tpaid 0.06",
                        "co-sell-70\tpontypool-001\t70 (17:30)\tSELL\t1.250\t0.14\treceived 0.04375");
        assertThat(page.locator(".community-totals").innerText()).isEqualTo("Paid 0.06 EUR · received 0.04375 EUR");
        // The answers held a neighbour's membership, order and trade, and an order of the home's former
        // member: none of it reaches the page.
        assertThat(page.content()).doesNotContain("agg1-neighbour", "co-neighbour", "pontypool-009", "co-former");
        assertThat(section).doesNotContain("pontypool-002");
        assertThat(page.evaluate("Chart.getChart('chart-community-price-Aggregator1MSP').data.datasets[0].data[68]"))
                .isEqualTo(0.16);
        assertThat(
                        page.evaluate(
                                "Chart.getChart('chart-community-kw-Aggregator1MSP').data.datasets[0].data.filter(v => v !== null)"))
                .isEqualTo(java.util.List.of(1.5, -1.25));
        shot("prosumer-community");
    }

    @Test
    void theMemberSeesTheirSettledStatementWithEachLinesProof() {
        ServiceStubs.statementMode = ServiceStubs.StatementMode.SETTLED;
        open("/prosumer" + DAY, "agg1-prosumer");
        var st = page.locator("section.statement[data-home=pontypool-001]");
        assertThat(st.getAttribute("data-state")).isEqualTo("SETTLED");
        // Slot 68: bought 0.375 kWh at 0.16, all taken (1.2 kWh imported). Slot 70: sold 0.3125 kWh at
        // 0.14, nothing exported (1.2 kWh imported): the 0.3125 kWh short bought at 0.30.
        // Paid 0.06 + 0.09375 = 0.15375 -> 0.1538; received 0.04375 -> 0.0438; net -0.1100.
        assertThat(st.locator(".st-bought").innerText()).isEqualTo("0.375000 kWh");
        assertThat(st.locator(".st-sold").innerText()).isEqualTo("0.312500 kWh");
        assertThat(st.locator(".st-taken").innerText()).isEqualTo("0.375000 kWh");
        assertThat(st.locator(".st-delivered").innerText()).isEqualTo("0.000000 kWh");
        assertThat(st.locator(".st-shortfall").innerText()).isEqualTo("0.312500 kWh");
        assertThat(st.locator(".st-paid").innerText()).isEqualTo("0.1538 EUR");
        assertThat(st.locator(".st-received").innerText()).isEqualTo("0.0438 EUR");
        assertThat(st.locator(".st-net").innerText()).isEqualTo("-0.1100 EUR");
        assertThat(st.locator("table.statement-lines tbody tr").allInnerTexts())
                .containsExactly(
                        "68 (17:00)\t0.000000\t0.375000\t1.200000\t0.000000\t0.375000\t0.000000\t0.000000\t0.0600\t0.0000",
                        "70 (17:30)\t0.312500\t0.000000\t1.200000\t0.000000\t0.000000\t0.312500\t0.000000\t0.0938\t0.0438");
        assertThat(st.locator(".statement-recomputed").innerText()).contains("agrees");
        assertThat(st.locator(".st-bridge-root").innerText()).endsWith(": the same root");
        assertThat(st.locator(".st-proofs-verified").innerText()).isEqualTo("2 of 2");
        assertThat(st.locator(".st-signature").allInnerTexts())
                .containsOnly("verified with the meter's registered key version 1");
        assertThat(st.locator(".st-path").allInnerTexts()).containsExactly("verified", "verified");
        shot("prosumer-statement");
    }

    @Test
    void anAlteredReadingInTheStatementFailsItsProofOnTheMembersPage() {
        ServiceStubs.statementMode = ServiceStubs.StatementMode.SETTLED;
        // The statement's reading of slot 70 says the home exported: not what the meter signed.
        ServiceStubs.alteredSlot70Kwh = "-1.200000";
        open("/prosumer" + DAY, "agg1-prosumer");
        var st = page.locator("section.statement");
        assertThat(st.locator(".st-proofs-verified").innerText()).isEqualTo("1 of 2");
        assertThat(st.locator(".st-signature").nth(1).innerText()).startsWith("fails");
        assertThat(st.locator(".st-path").nth(1).innerText()).isEqualTo("fails");
        // The rule on the altered reading gives another statement than the ledger's.
        assertThat(st.locator(".statement-recomputed").innerText()).contains("differs", "slot 70 metered kWh");
    }

    @Test
    void aDayNotSettledYetIsSaidPlainlyWithWhatTheReadingsWouldGive() {
        open("/prosumer" + DAY, "agg1-prosumer");
        var st = page.locator("section.statement");
        assertThat(st.getAttribute("data-state")).isEqualTo("NOT_SETTLED");
        assertThat(st.locator(".statement-pending").innerText()).startsWith("Not settled yet");
        assertThat(st.locator(".statement-totals").count()).isZero();
        assertThat(st.locator("table.statement-lines caption").innerText()).contains("provisional");
        assertThat(st.locator("table.statement-lines tbody tr").count()).isEqualTo(2);
    }

    @Test
    void aRefusedStatementIsAClearMessageNotAnError() {
        ServiceStubs.statementMode = ServiceStubs.StatementMode.REFUSED;
        Response r = open("/prosumer" + DAY, "agg1-prosumer");
        assertThat(r.status()).isEqualTo(200);
        assertThat(page.locator(".statement-refused").innerText())
                .contains("not shown", "refused access (HTTP 403", "only the statements of their own homes");
        assertThat(page.locator(".statement-totals").count()).isZero();
        assertThat(page.content()).doesNotContain("Exception", "at io.flexledger");
    }

    @Test
    void aUserWithoutAMembershipSeesTheConfiguredHomeAndIsToldSo() {
        open("/prosumer" + DAY, "agg2-prosumer");
        assertThat(page.locator("h1").first().innerText()).isEqualTo("My home pontypool-002");
        assertThat(page.locator("#home-note").innerText())
                .contains("No home is linked to you on the ledger", "configured demo home pontypool-002");
        assertThat(page.locator("#community-note").innerText()).contains("not the ACTIVE member");
        assertThat(page.locator("section.community").count()).isZero();
        assertThat(page.content()).doesNotContain("co-buy-68", "co-neighbour");
    }

    @Test
    void aFailingCommunityCallIsAnOutageBannerNotAnError() {
        ServiceStubs.communityDown = true;
        Response r = session.open("/prosumer" + DAY, "agg1-prosumer");
        assertThat(r.status()).isEqualTo(200);
        assertThat(page.locator("#service-down").innerText())
                .contains("your community memberships", "unavailable (HTTP 503", "the ledger is not answering");
        assertThat(page.locator("#home-note").innerText())
                .contains("could not be read from the ledger", "configured demo home pontypool-001");
        assertThat(page.locator("#community-note").innerText()).contains("could not be read");
        assertThat(page.locator("#bill").isVisible()).isTrue();
        assertThat(page.content()).doesNotContain("Exception", "at io.flexledger");
    }

    @Test
    void theMarketShowsTheBookPerCongestionPoint() {
        open("/market" + DAY, "dso-operator");
        assertThat(page.locator(".book h2").allInnerTexts()).containsExactly("feeder-1");
        // Offers cheapest first.
        assertThat(page.locator(".book table.offers tbody tr td:first-child").allInnerTexts())
                .containsExactly("offer-1", "offer-2");
        assertThat(page.locator(".book table.orders").innerText()).contains("order-1", "offer offer-1 × 1");
        assertThat(page.locator(".book p.muted").first().innerText())
                .contains("requested 8.000 kWh", "offered 3.500 kWh", "ordered 2.000 kWh");
        shot("market-data");
    }

    /**
     * A record from upstream that does not decode through the ledger contract's codec is refused: the
     * page names the service and the field at fault in its service-down banner and shows nothing of the
     * list the record came in, never the record as if it were valid and never an error page.
     */
    @Test
    void aCorruptedRecordFromUpstreamIsShownAsRefusedNotRenderedAsValid() {
        // A negative kW: the offer would add negative energy to the book.
        ServiceStubs.OFFERS.add(ServiceStubs.offer("offer-bad", "pontypool-002", 72, 75, "-1.5", "0.35", "OFFERED"));
        refusedOnMarket("$.records[2].kwBySlot.72", "offer-bad");

        // A field of the wrong type: a price that is not a decimal.
        ServiceStubs.build();
        ServiceStubs.OFFERS.get(1).put("price", true);
        refusedOnMarket("$.records[1].price", "offer-2");

        // A field the ledger never writes, riding along on a valid offer.
        ServiceStubs.build();
        ServiceStubs.OFFERS.get(0).put("bonusEur", "5.00");
        refusedOnMarket("$.records[0].bonusEur: is not a known field", "offer-1");

        // A settlement crediting a negative energy: the aggregator's payout is not computed from it.
        ServiceStubs.build();
        ServiceStubs.creditedKwh = "-1.800000";
        // The aggregator signs in on a session of their own.
        session.close();
        session = chromium.session();
        page = session.page();
        Response r = session.open("/aggregator" + DAY, "agg1-trader");
        assertThat(r.status()).isEqualTo(200);
        assertThat(page.locator("#service-down").innerText())
                .contains("the day's settlements", "unreadable answer", "$.records[0].creditedKwh: must be >= 0");
        assertThat(page.locator("#settlements").innerText()).doesNotContain("stl-order-1", "-1.800000");
        assertThat(page.content()).doesNotContain("Exception", "at io.flexledger");
    }

    private void refusedOnMarket(String field, String offerId) {
        Response r = session.open("/market" + DAY, "dso-operator");
        assertThat(r.status()).isEqualTo(200);
        assertThat(page.locator("#service-down").innerText())
                .contains("marketplace-api", "unreadable answer", field, "Not shown: the day's offers");
        assertThat(page.locator(".book table.offers").allInnerTexts()).noneMatch(t -> t.contains(offerId));
        assertThat(page.content()).doesNotContain("Exception", "at io.flexledger");
    }
}
