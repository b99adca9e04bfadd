package io.flexledger.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flexledger.contract.codec.CanonicalJson;
import io.flexledger.contract.codec.MarketRecords;
import io.flexledger.contract.codec.SettlementRecords;
import io.flexledger.domain.community.CommunityTrade;
import io.flexledger.domain.metering.MerkleProof;
import io.flexledger.domain.metering.MeterReading;
import io.flexledger.domain.metering.SignedReading;
import io.flexledger.domain.units.KilowattHours;
import io.flexledger.domain.units.Kilowatts;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The community market's typed client over real HTTP against a canned server on 127.0.0.1. */
class CommunityClientTest {
    private static final String TOKEN_PATH = "/realms/flexledger/protocol/openid-connect/token";
    private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20));
    private static final LocalDate DAY = LocalDate.parse("2030-06-01");

    private FakeServer server;
    private CommunityClient client;

    @BeforeEach
    void start() throws IOException {
        server = new FakeServer();
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        server.on(TOKEN_PATH, FakeServer.Canned.json(200, "{\"access_token\":\"t1\",\"expires_in\":300}"));
        KeycloakTokens tokens = new KeycloakTokens(
                KeycloakTokens.endpoint(server.uri(), "flexledger"),
                "aggregator1-agent",
                "s3cret",
                http,
                FAST,
                Clock.fixed(Instant.parse("2026-05-01T10:00:00Z"), ZoneOffset.UTC));
        client = new MarketplaceClient(server.uri(), tokens, http, FAST, Duration.ofSeconds(5)).community();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anOrderIsPostedWithItsFieldsAndNoMemberUnderTheKeyGiven() throws Exception {
        server.on(
                "/api/community/orders", FakeServer.Canned.json(201, "{\"id\":\"o-1\",\"member\":\"agg1-prosumer\"}"));

        JsonNode answer = client.postOrder(
                new CommunityClient.Order(
                        "o-1", "home-a", DAY, 68, "SELL", true, new BigDecimal("2.500"), new BigDecimal("0.120000")),
                "key-1");

        assertThat(answer.path("member").asText()).isEqualTo("agg1-prosumer");
        FakeServer.Received sent = server.received("/api/community/orders").get(0);
        assertThat(sent.header("Idempotency-Key")).isEqualTo("key-1");
        JsonNode body = new ObjectMapper().readTree(sent.body());
        assertThat(body.has("member")).isFalse();
        assertThat(body.path("day").asText()).isEqualTo("2030-06-01");
        assertThat(body.path("slot").asInt()).isEqualTo(68);
        assertThat(body.path("flexible").asBoolean()).isTrue();
        assertThat(body.path("kw").decimalValue()).isEqualByComparingTo("2.5");
        assertThat(sent.body()).doesNotContain("E-");
    }

    @Test
    void aDayIsOpenedWithOnePricePerSlot() throws Exception {
        server.on("/api/community/days", FakeServer.Canned.json(201, "{\"community\":\"Aggregator1MSP\"}"));
        List<BigDecimal> imports = Collections.nCopies(96, new BigDecimal("0.30"));
        List<BigDecimal> exports = Collections.nCopies(96, new BigDecimal("0.05"));

        client.openDay(
                new CommunityClient.Day(DAY, Instant.parse("2030-05-31T20:00:00Z"), "PAY_AS_CLEAR", imports, exports));

        JsonNode body = new ObjectMapper()
                .readTree(server.received("/api/community/days").get(0).body());
        assertThat(body.path("gateClosure").asText()).isEqualTo("2030-05-31T20:00:00Z");
        assertThat(body.path("importPrice")).hasSize(96);
        assertThat(body.path("exportPrice").get(0).decimalValue()).isEqualByComparingTo("0.05");
    }

    @Test
    void theClearingReportAndTheTradesAreRead() {
        server.on(
                "/api/community/clearing/" + DAY,
                FakeServer.Canned.json(
                        200,
                        "{\"recorded\":false,\"trades\":2,\"slotsCleared\":[68],\"welfareEur\":0.075,"
                                + "\"offersPosted\":[],\"offersExisting\":[\"cm-2030-06-01-home-c-69\"]}"));
        server.on(
                "/api/community/clearing/Aggregator1MSP/" + DAY,
                FakeServer.Canned.json(
                        200,
                        "{\"community\":\"Aggregator1MSP\",\"day\":\"" + DAY + "\",\"pricing\":\"PAY_AS_CLEAR\","
                                + "\"recordedAt\":\"2026-11-27T12:05:00Z\",\"txId\":\"tx-1\",\"trades\":[{"
                                + "\"orderId\":\"a-68\",\"homeId\":\"home-a\",\"member\":\"u\",\"slot\":68,"
                                + "\"side\":\"SELL\",\"flexible\":false,\"kw\":\"2\",\"price\":\"0.175\"}]}"));

        CommunityClient.ClearingReport report = client.clear(DAY, Duration.ofSeconds(30));
        List<CommunityTrade> trades = client.tradeRecords("Aggregator1MSP", DAY);

        assertThat(report.recorded()).isFalse();
        assertThat(report.slotsCleared()).containsExactly(68);
        assertThat(report.offersExisting()).containsExactly("cm-2030-06-01-home-c-69");
        assertThat(trades)
                .containsExactly(new CommunityTrade(
                        "a-68", 68, CommunityTrade.Side.SELL, Kilowatts.of("2"), new BigDecimal("0.175")));
    }

    @Test
    void aMemberIsSettledFromItsReadingsUnderAKeyOfTheHomeAndDayAndTheStatementsAreRead() throws Exception {
        server.on(
                "/api/community/statements/" + DAY,
                FakeServer.Canned.json(201, "{\"homeId\":\"home-b\",\"totals\":{\"netEur\":\"-0.0100\"}}"));
        server.on(
                "/api/community/statements/Aggregator1MSP/" + DAY,
                FakeServer.Canned.json(200, "{\"records\":[{\"homeId\":\"home-b\"},{\"homeId\":\"home-a\"}]}"));
        ObjectMapper json = new ObjectMapper();
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        SignedReading signed = SignedReading.sign(
                new MeterReading("meter-b", "home-b", DAY, 68, KilowattHours.of("-0.5"), 3),
                g.generateKeyPair().getPrivate());
        MerkleProof proof = new MerkleProof(1, 2, List.of("ab".repeat(32)));

        JsonNode answer = client.settleMember(
                DAY, "home-b", List.of(new SettlementRecords.ProvenReading(signed, proof)), Duration.ofSeconds(30));
        List<JsonNode> statements = client.statements("Aggregator1MSP", DAY);

        assertThat(answer.path("totals").path("netEur").asText()).isEqualTo("-0.0100");
        FakeServer.Received sent =
                server.received("/api/community/statements/" + DAY).get(0);
        assertThat(sent.header("Idempotency-Key")).isEqualTo("community-statement-2030-06-01-home-b");
        JsonNode body = json.readTree(sent.body());
        assertThat(body.path("homeId").asText()).isEqualTo("home-b");
        // The readings travel as the ledger contract writes a presented reading, and read back the same.
        assertThat(body.path("readings")).hasSize(1);
        assertThat(body.path("readings").get(0))
                .isEqualTo(json.readTree(CanonicalJson.write(SettlementRecords.proven(signed, proof))));
        SettlementRecords.ProvenReading back = SettlementRecords.proven(
                MarketRecords.stored(body.path("readings").get(0).toString()));
        assertThat(back.signed()).isEqualTo(signed);
        assertThat(back.proof()).isEqualTo(proof);
        assertThat(statements).extracting(n -> n.path("homeId").asText()).containsExactly("home-b", "home-a");
    }

    @Test
    void aRefusalIsThrownWithItsReason() {
        server.on(
                "/api/community/orders",
                FakeServer.Canned.problem(
                        403,
                        "{\"status\":403,\"title\":\"Forbidden\",\"code\":\"MEMBERSHIP_NOT_ACTIVE\","
                                + "\"detail\":\"MEMBERSHIP_NOT_ACTIVE: agg1-prosumer is not the ACTIVE member of home home-c\"}"));

        assertThatThrownBy(() -> client.postOrder(
                        new CommunityClient.Order(
                                "o-1", "home-c", DAY, 68, "SELL", true, BigDecimal.ONE, BigDecimal.ONE),
                        "key-2"))
                .isInstanceOf(ApiProblemException.class)
                .hasMessageContaining("not the ACTIVE member");
    }
}
