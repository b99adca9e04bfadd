package io.flexledger.ittests;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.settlement.evm.AggregatorAccounts;
import io.flexledger.settlement.evm.EvmConfig;
import io.flexledger.settlement.evm.EvmIds;
import io.flexledger.settlement.evm.EvmSettlementChain;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A full day settled on the local network for a small community: four homes of two aggregators
 * meter their day through MQTT and the bridge, the DSO settles every order on the ledger (endorsed
 * by the DSO's and the aggregator's peers), anchors the settlement root on the EVM node and pays
 * out FLEX tokens; the audit verifies it all, then finds each tampering case.
 */
@ExtendWith(FlexStack.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SettlementIT {
    private static final String PG_URL = "jdbc:postgresql://127.0.0.1:" + FlexStack.port(5433) + "/flexledger";
    private static DeliveryDay day;
    private static DeliveryDay.Home full;
    private static DeliveryDay.Home half;
    private static DeliveryDay.Home none;
    private static DeliveryDay.Home other;
    private static EvmSettlementChain chain;
    private static final Map<String, Long> BALANCE_BEFORE = new HashMap<>();

    @BeforeAll
    static void aMeteredDay() throws Exception {
        Market.congestionPoints();
        day = new DeliveryDay(DeliveryDay.freshDay());
        full = day.addHome("Aggregator1MSP", 1.0);
        half = day.addHome("Aggregator1MSP", 0.5);
        none = day.addHome("Aggregator1MSP", 0.0);
        other = day.addHome("Aggregator2MSP", 1.0);
        day.orderAll();
        day.meterTheDay();
        day.seal();
        day.reveal();
        chain = EvmSettlementChain.connect(EvmConfig.from(
                        name -> "flexledger.evm.rpc-url".equals(name) ? FlexStack.url(8545) : System.getProperty(name),
                        System.getenv())
                .withContractsFile(FlexStack.home().resolve("evm/contracts.json")));
        AggregatorAccounts accounts = AggregatorAccounts.ganacheDefaults();
        for (String msp : List.of("Aggregator1MSP", "Aggregator2MSP")) {
            BALANCE_BEFORE.put(msp, chain.balanceCents(accounts.of(msp)));
        }
    }

    @AfterAll
    static void close() {
        if (chain != null) {
            chain.close();
        }
    }

    private static JsonPath settlement(DeliveryDay.Home h) {
        return Api.as("DsoMSP")
                .get("/api/settlements/{id}", h.settlementId())
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    @Order(1)
    void theDayIsSettledOnTheLedgerWithTheRuleOfTheMarket() {
        FlexStack.Result settle = FlexStack.flex(300, "settle", "--day", day.day.toString());
        assertThat(settle.exit()).as(settle.output()).isZero();
        assertThat(settle.output()).contains("settled 4 order(s) now, 0 skipped");

        // 2 kW ordered over slots 68-71 is 2 kWh; 0.20 EUR/kWh; half price per kWh short.
        assertThat(settlement(full).getString("creditedKwh")).isEqualTo("2.000000");
        assertThat(settlement(full).getString("netEur")).isEqualTo("0.4000");
        assertThat(settlement(half).getString("shortfallKwh")).isEqualTo("1.000000");
        assertThat(settlement(half).getString("netEur")).isEqualTo("0.1000");
        assertThat(settlement(none).getString("penaltyEur")).isEqualTo("0.2000");
        assertThat(settlement(none).getString("netEur")).isEqualTo("-0.2000");
        assertThat(settlement(other).getString("aggregatorMsp")).isEqualTo("Aggregator2MSP");

        for (DeliveryDay.Home h : day.homes) {
            String order = Api.as("DsoMSP")
                    .get("/api/orders/{id}", h.orderId())
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("state");
            assertThat(order).isEqualTo("SETTLED");
        }
        // Each aggregator reads its own settlements' private lines; the other one does not.
        Api.as("Aggregator1MSP")
                .get("/api/settlements/{id}/details", full.settlementId())
                .then()
                .statusCode(200);
        Api.as("Aggregator2MSP")
                .get("/api/settlements/{id}/details", full.settlementId())
                .then()
                .statusCode(403);
    }

    @Test
    @Order(2)
    void theRootIsAnchoredAndEachAggregatorIsPaidItsPositiveNets() {
        assertThat(chain.anchoredRoot(day.day)).isPresent();
        AggregatorAccounts accounts = AggregatorAccounts.ganacheDefaults();
        // Aggregator1: 40 + 10 cents (the home that delivered nothing is not paid); Aggregator2: 40.
        assertThat(chain.balanceCents(accounts.of("Aggregator1MSP")) - BALANCE_BEFORE.get("Aggregator1MSP"))
                .isEqualTo(50);
        assertThat(chain.balanceCents(accounts.of("Aggregator2MSP")) - BALANCE_BEFORE.get("Aggregator2MSP"))
                .isEqualTo(40);
        assertThat(chain.paidOut(EvmIds.settlementId(none.settlementId()))).isFalse();

        // Settling again changes nothing: no order twice, no payout twice.
        FlexStack.Result again = FlexStack.flex(300, "settle", "--day", day.day.toString());
        assertThat(again.exit()).as(again.output()).isZero();
        assertThat(again.output()).contains("settled 0 order(s) now").contains("0 payout(s)");
        assertThat(chain.balanceCents(accounts.of("Aggregator1MSP")) - BALANCE_BEFORE.get("Aggregator1MSP"))
                .isEqualTo(50);
    }

    @Test
    @Order(3)
    void theAuditVerifiesEverySettlement() {
        FlexStack.Result audit = audit();
        assertThat(audit.exit()).as(audit.output()).isZero();
        for (DeliveryDay.Home h : day.homes) {
            assertThat(audit.output()).containsPattern(h.settlementId() + "\\s+VERIFIED");
        }
        assertThat(audit.output()).contains("VERIFIED\n").doesNotContain("DISCREPANCY");
    }

    @Test
    @Order(4)
    void aChangedStoredReadingIsNamed() throws SQLException {
        String where = "where device_id = ? and day = ? and slot = 69";
        String honest = query("select net_kwh::text from bridge.meter_reading " + where, half.meterId());
        update("update bridge.meter_reading set net_kwh = 0.25 " + where, half.meterId());
        try {
            FlexStack.Result audit = audit();
            assertThat(audit.exit()).isEqualTo(1);
            assertThat(audit.output())
                    .contains("reading " + half.meterId() + " slot 69: the signature does not verify")
                    .containsPattern(half.settlementId() + "\\s+DISCREPANCY")
                    .containsPattern(full.settlementId() + "\\s+VERIFIED");
        } finally {
            update("update bridge.meter_reading set net_kwh = " + honest + " " + where, half.meterId());
        }
        assertThat(audit().exit()).isZero();
    }

    @Test
    @Order(5)
    void aChangedSettlementFieldIsNamed() throws SQLException {
        String id = none.settlementId();
        update2("update billing.billing_settlement set net_eur = 1.0000 where settlement_id = ?", id);
        try {
            FlexStack.Result audit = audit();
            assertThat(audit.exit()).isEqualTo(1);
            assertThat(audit.output()).contains("billing netEur: billing 1.0000, ledger -0.2000");
        } finally {
            update2("update billing.billing_settlement set net_eur = -0.2000 where settlement_id = ?", id);
        }
        assertThat(audit().exit()).isZero();
    }

    @Test
    @Order(6)
    void aChangedAnchorIsNamed() throws SQLException {
        String honest = query(
                "select root_hex from bridge.reading_anchor where aggregator_msp = ? and day = ?", "Aggregator2MSP");
        String forged = "ab".repeat(32);
        update(
                "update bridge.reading_anchor set root_hex = '" + forged + "' where aggregator_msp = ? and day = ?",
                "Aggregator2MSP");
        try {
            FlexStack.Result audit = audit();
            assertThat(audit.exit()).isEqualTo(1);
            assertThat(audit.output())
                    .contains("anchor rootHex: bridge " + forged + ", ledger " + honest)
                    .containsPattern(other.settlementId() + "\\s+DISCREPANCY")
                    .containsPattern(full.settlementId() + "\\s+VERIFIED");
        } finally {
            update(
                    "update bridge.reading_anchor set root_hex = '" + honest + "' where aggregator_msp = ? and day = ?",
                    "Aggregator2MSP");
        }
        assertThat(audit().exit()).isZero();
    }

    /**
     * The home that delivered nothing (2 kWh ordered at 0.20 EUR/kWh, net -0.2000) is disputed by its
     * aggregator, which claims half was delivered: 1 kWh credited, 1 kWh short, net 0.2000 - 0.1000.
     */
    @Test
    @Order(7)
    void aDisputeStatesItsFiguresAndTheOtherPartyOnlyAcceptsThem() {
        String dispute = Market.uniqueId("d");
        String body = """
                {"id":"%s","settlementId":"%s","reason":"the meter was replaced on the day",
                 "evidenceHash":"%s","claim":%s}""";
        // More than the order could ever be worth (all of it delivered: 0.4000 EUR) is refused.
        String refused = Api.post("Aggregator1MSP")
                .body(body.formatted(
                        dispute,
                        none.settlementId(),
                        "cd".repeat(32),
                        "{\"creditedKwh\":\"1\",\"shortfallKwh\":\"1\",\"netEur\":\"1000000\"}"))
                .post("/api/disputes")
                .then()
                .statusCode(400)
                .extract()
                .path("code");
        assertThat(refused).isEqualTo("DISPUTE_CLAIM_OUT_OF_BOUNDS");
        Api.post("Aggregator1MSP")
                .body(body.formatted(
                        dispute,
                        none.settlementId(),
                        "cd".repeat(32),
                        "{\"creditedKwh\":\"1\",\"shortfallKwh\":\"1\",\"netEur\":\"0.1000\"}"))
                .post("/api/disputes")
                .then()
                .statusCode(201);
        assertThat(settlement(none).getString("state")).isEqualTo("DISPUTED");
        // The party that opened it cannot resolve it, nor can a third organisation; the resolver names no amount.
        Api.post("Aggregator1MSP")
                .body("{\"outcome\":\"REJECTED\",\"note\":\"own dispute\"}")
                .post("/api/disputes/{id}/resolution", dispute)
                .then()
                .statusCode(403);
        Api.post("Aggregator2MSP")
                .body("{\"outcome\":\"UPHELD\"}")
                .post("/api/disputes/{id}/resolution", dispute)
                .then()
                .statusCode(403);
        Api.post("DsoMSP")
                .body("{\"outcome\":\"UPHELD\",\"adjustedNetEur\":\"1000000\"}")
                .post("/api/disputes/{id}/resolution", dispute)
                .then()
                .statusCode(400);
        Api.post("DsoMSP")
                .body("{\"outcome\":\"UPHELD\",\"note\":\"replacement confirmed\"}")
                .post("/api/disputes/{id}/resolution", dispute)
                .then()
                .statusCode(201);
        // Resolved once.
        Api.post("DsoMSP")
                .body("{\"outcome\":\"REJECTED\"}")
                .post("/api/disputes/{id}/resolution", dispute)
                .then()
                .statusCode(409);
        JsonPath d = Api.as("DsoMSP")
                .get("/api/disputes/{id}", dispute)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(d.getString("dispute.state")).isEqualTo("RESOLVED");
        assertThat(d.getString("dispute.claim.netEur")).isEqualTo("0.1000");
        assertThat(d.getList("history")).hasSize(2);
        // Exactly the opener's figures apply.
        assertThat(settlement(none).getString("state")).isEqualTo("RESOLVED");
        assertThat(settlement(none).getString("netEur")).isEqualTo("0.1000");
        assertThat(settlement(none).getString("originalNetEur")).isEqualTo("-0.2000");

        // The next settlement run brings billing up to date and pays the now positive net; the day still
        // audits clean against the dispute, its anchored root unchanged (the root keeps the settled net).
        FlexStack.Result again = FlexStack.flex(300, "settle", "--day", day.day.toString());
        assertThat(again.exit()).as(again.output()).isZero();
        assertThat(chain.paidOut(EvmIds.settlementId(none.settlementId()))).isTrue();
        FlexStack.Result audit = audit();
        assertThat(audit.exit()).as(audit.output()).isZero();
        assertThat(audit.output()).containsPattern(none.settlementId() + "\\s+VERIFIED");
    }

    private static FlexStack.Result audit() {
        return FlexStack.flex(300, "audit", "--period", day.day.toString());
    }

    private static Connection db() throws SQLException {
        return DriverManager.getConnection(PG_URL, "flexledger", "flexledger-demo");
    }

    /** A statement with parameters (key, day). */
    private static void update(String sql, String key) throws SQLException {
        try (Connection c = db();
                PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, key);
            p.setObject(2, day.day);
            assertThat(p.executeUpdate()).isEqualTo(1);
        }
    }

    private static void update2(String sql, String key) throws SQLException {
        try (Connection c = db();
                PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, key);
            assertThat(p.executeUpdate()).isEqualTo(1);
        }
    }

    private static String query(String sql, String key) throws SQLException {
        try (Connection c = db();
                PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, key);
            p.setObject(2, day.day);
            try (var r = p.executeQuery()) {
                assertThat(r.next()).isTrue();
                return r.getString(1);
            }
        }
    }
}
