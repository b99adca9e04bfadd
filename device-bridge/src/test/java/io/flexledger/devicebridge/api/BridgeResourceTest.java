package io.flexledger.devicebridge.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.agroal.api.AgroalDataSource;
import io.flexledger.client.reading.ReadingCodec;
import io.flexledger.devicebridge.pipeline.BridgeStats;
import io.flexledger.devicebridge.store.JdbcReadingStore;
import io.flexledger.devicebridge.support.BridgeTestResource;
import io.flexledger.devicebridge.support.InMemoryAnchorLedger;
import io.flexledger.devicebridge.support.InMemoryDeviceDirectory;
import io.flexledger.devicebridge.support.TestDevice;
import io.flexledger.devicebridge.support.TestIdentities;
import io.flexledger.devicebridge.support.TestInfra;
import io.flexledger.domain.metering.MerkleProof;
import io.flexledger.domain.metering.MerkleTree;
import io.flexledger.domain.metering.SignedReading;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The service as deployed: MQTT in, PostgreSQL, then the HTTP endpoints with their roles. Each refusal
 * is written as the attacker would try it: another organisation's admin sealing a day that is still
 * open, another aggregator or organisation's admin reading a home's meter data.
 */
@QuarkusTest
@QuarkusTestResource(BridgeTestResource.class)
class BridgeResourceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate DAY =
            LocalDate.now(ZoneId.of("Europe/London")).minusDays(2);
    /** The day after: still open, its readings still arriving. */
    private static final LocalDate OPEN_DAY = DAY.plusDays(1);
    /** A day without readings, sealed (or not) by the matrix. */
    private static final LocalDate MATRIX_DAY = DAY.minusDays(3);

    private static final String HOME = "home-api-1";
    private static final String OPEN_HOME = "home-api-open";
    private static List<SignedReading> published;

    @Inject
    InMemoryDeviceDirectory directory;

    @Inject
    InMemoryAnchorLedger ledger;

    @Inject
    BridgeStats stats;

    @Inject
    JdbcReadingStore store;

    /** Once: a meter of Aggregator1's home publishes four readings over MQTT, the bridge stores them. */
    @BeforeEach
    void publishOnce() {
        if (published != null) {
            return;
        }
        TestDevice meter = TestDevice.create("meter-api-1", HOME);
        TestDevice openDayMeter = TestDevice.create("meter-api-open", OPEN_HOME);
        directory.register(meter.device(), "Aggregator1MSP");
        directory.register(openDayMeter.device(), "Aggregator1MSP");
        List<SignedReading> readings = new ArrayList<>();
        for (int slot = 0; slot < 4; slot++) {
            readings.add(meter.sign(DAY, slot, "0.3" + slot, slot + 1));
        }
        List<SignedReading> all = new ArrayList<>(readings);
        all.add(openDayMeter.sign(OPEN_DAY, 7, "1.5", 1));
        Mqtt5BlockingClient client = MqttClient.builder()
                .useMqttVersion5()
                .identifier("api-test-publisher")
                .serverHost("127.0.0.1")
                .serverPort(TestInfra.mqttPort())
                .buildBlocking();
        client.connect();
        long before = stats.snapshot().accepted();
        for (SignedReading r : all) {
            client.publishWith()
                    .topic("flexledger/readings/" + r.reading().deviceId())
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload(ReadingCodec.toJsonText(r).getBytes(StandardCharsets.UTF_8))
                    .send();
        }
        client.disconnect();
        await().atMost(Duration.ofSeconds(20)).until(() -> stats.snapshot().accepted() == before + all.size());
        published = readings;
    }

    @Inject
    AgroalDataSource dataSource;

    @Nested
    class Database {
        @Test
        void theConnectionsLookInTheSchemaFlywayMigrated() throws SQLException {
            // The URL names no schema: the datasource follows quarkus.flyway.schemas (app_test here).
            try (Connection c = dataSource.getConnection();
                    Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("select current_schema(), to_regclass('meter_reading')::text,"
                            + " to_regclass('public.meter_reading') is null")) {
                r.next();
                assertThat(r.getString(1)).isEqualTo("app_test");
                assertThat(r.getString(2)).isEqualTo("meter_reading");
                assertThat(r.getBoolean(3)).isTrue();
            }
        }
    }

    @Nested
    class Stats {
        @Test
        void countsAreOpenOnLoopback() {
            given().when()
                    .get("/bridge/stats")
                    .then()
                    .statusCode(200)
                    .body("accepted", equalTo((int) stats.snapshot().accepted()))
                    .body("rejected", hasKey("REPLAY"))
                    .body("rejected", hasKey("OUT_OF_PERIOD"));
        }
    }

    @Nested
    class Anchors {
        @Test
        @TestSecurity(
                user = "dso-operator",
                roles = "dso",
                attributes = @SecurityAttribute(key = "msp", value = "DsoMSP"))
        void theDsoSealsTheDayAndTheRootIsTheTreeOfTheStoredReadings() throws Exception {
            String body = seal(DAY).statusCode(200).extract().asString();
            JsonNode anchors = JSON.readTree(body).path("anchors");
            assertThat(anchors).hasSize(1);
            JsonNode anchor = anchors.get(0);
            String expectedRoot = MerkleTree.of(
                            published.stream().map(SignedReading::leafHash).toList())
                    .rootHex();
            assertThat(anchor.path("aggregatorMsp").asText()).isEqualTo("Aggregator1MSP");
            assertThat(anchor.path("rootHex").asText()).isEqualTo(expectedRoot);
            assertThat(anchor.path("leafCount").asInt()).isEqualTo(4);
            assertThat(anchor.path("onLedger").asBoolean()).isTrue();
            assertThat(ledger.all())
                    .anyMatch(a -> a.day().equals(DAY) && a.rootHex().equals(expectedRoot));
        }

        @Test
        @TestSecurity(
                user = "agg2-admin",
                roles = "admin",
                attributes = @SecurityAttribute(key = "msp", value = "Aggregator2MSP"))
        void anotherOrganisationsAdminCannotSealADayThatIsStillOpen() {
            // The attack: close the day while Aggregator1's meters still report, so their late
            // readings are refused and its delivery is under-counted.
            seal(OPEN_DAY)
                    .statusCode(403)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:flexledger:problem:forbidden"))
                    .body("detail", containsString("DSO's alone"))
                    .body("detail", containsString("Aggregator2MSP"));
            assertStillOpen();
        }

        @Test
        @TestSecurity(
                user = "agg1-trader",
                roles = {"aggregator", "dso"},
                attributes = @SecurityAttribute(key = "msp", value = "Aggregator1MSP"))
        void aDsoRoleOnAnAggregatorsTokenDoesNotMakeItTheDso() {
            seal(OPEN_DAY).statusCode(403).body("detail", containsString("Aggregator1MSP"));
            assertStillOpen();
        }

        @Test
        @TestSecurity(user = "someone", roles = "prosumer")
        void aProsumerCannotSeal() {
            seal(DAY).statusCode(403).contentType("application/problem+json");
        }

        @Test
        void withoutATokenNothingIsSealed() {
            seal(DAY).statusCode(401).contentType("application/problem+json");
        }

        @Test
        @TestSecurity(
                user = "dso-operator",
                roles = "dso",
                attributes = @SecurityAttribute(key = "msp", value = "DsoMSP"))
        void aDayThatIsNotADateIsABadRequestNamingThePath() {
            seal("28-11-2026")
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("field", equalTo("path day"));
        }

        /** OPEN_DAY is neither sealed nor anchored. */
        private void assertStillOpen() {
            assertThat(store.sealedDays()).doesNotContain(OPEN_DAY);
            assertThat(ledger.all()).noneMatch(a -> a.day().equals(OPEN_DAY));
        }
    }

    @Nested
    class Readings {
        @Test
        @TestSecurity(user = "auditor-1", roles = "auditor")
        void anAuditorGetsEveryReadingWithAProofToTheAnchor() throws Exception {
            JsonNode home =
                    JSON.readTree(readHome(DAY, HOME).statusCode(200).extract().asString());
            assertThat(home.path("aggregatorMsp").asText()).isEqualTo("Aggregator1MSP");
            String root = home.path("anchor").path("rootHex").asText();
            JsonNode readings = home.path("readings");
            assertThat(readings).hasSize(4);
            for (JsonNode r : readings) {
                JsonNode proofJson = r.path("proof");
                com.fasterxml.jackson.databind.node.ObjectNode reading = r.deepCopy();
                reading.remove("proof");
                SignedReading signed = ReadingCodec.parse(reading.toString().getBytes(StandardCharsets.UTF_8))
                        .toSigned();
                List<String> siblings = new ArrayList<>();
                proofJson.path("siblings").forEach(s -> siblings.add(s.asText()));
                MerkleProof proof = new MerkleProof(
                        proofJson.path("leafIndex").asInt(),
                        proofJson.path("leafCount").asInt(),
                        siblings);
                assertThat(proof.verify(signed.leafHash(), root)).isTrue();
                assertThat(published).contains(signed);
            }
        }

        @Test
        @TestSecurity(
                user = "agg1",
                roles = "aggregator",
                attributes = @SecurityAttribute(key = "msp", value = "Aggregator1MSP"))
        void anAggregatorReadsItsOwnHomes() {
            readHome(DAY, HOME).statusCode(200).body("readings.size()", equalTo(4));
        }

        @Test
        @TestSecurity(
                user = "agg2",
                roles = "aggregator",
                attributes = @SecurityAttribute(key = "msp", value = "Aggregator2MSP"))
        void anAggregatorDoesNotReadAnotherPortfoliosHomes() {
            readHome(DAY, HOME)
                    .statusCode(403)
                    .contentType("application/problem+json")
                    .body("detail", containsString("portfolio of Aggregator1MSP"))
                    .body("detail", containsString("Aggregator2MSP"));
        }

        @Test
        @TestSecurity(
                user = "agg2",
                roles = "aggregator",
                attributes = @SecurityAttribute(key = "msp", value = "Aggregator2MSP"))
        void anotherAggregatorLearnsNothingOfTheHomesDaysEither() {
            // Not "not sealed yet" (409) nor "no readings" (404): whose home it is is decided first.
            readHome(OPEN_DAY, OPEN_HOME).statusCode(403);
            readHome(DAY.minusDays(5), HOME).statusCode(403);
        }

        @Test
        @TestSecurity(
                user = "agg2-admin",
                roles = "admin",
                attributes = @SecurityAttribute(key = "msp", value = "Aggregator2MSP"))
        void anotherOrganisationsAdminDoesNotReadTheHome() {
            readHome(DAY, HOME)
                    .statusCode(403)
                    .contentType("application/problem+json")
                    .body("detail", containsString("portfolio of Aggregator1MSP"));
        }

        @Test
        @TestSecurity(user = "auditor-1", roles = "auditor")
        void aRegistryThatDoesNotAnswerIs503NotAGuess() {
            directory.down(true);
            try {
                readHome(DAY, "home-never-asked")
                        .statusCode(503)
                        .contentType("application/problem+json")
                        .body("type", equalTo("urn:flexledger:problem:registry-unavailable"));
            } finally {
                directory.down(false);
            }
        }

        @Test
        @TestSecurity(user = "auditor-1", roles = "auditor")
        void aHomeWithoutReadingsIsNotFoundAndAnOpenDayHasNoProofs() {
            readHome(DAY, "home-nobody")
                    .statusCode(404)
                    .contentType("application/problem+json")
                    .body("detail", containsString("not registered"));
            readHome(DAY.minusDays(5), HOME).statusCode(404).contentType("application/problem+json");
            readHome(OPEN_DAY, OPEN_HOME)
                    .statusCode(409)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:flexledger:problem:day-not-sealed"));
        }

        @Test
        void withoutATokenNoReadings() {
            given().when().get("/bridge/readings/" + DAY + "/" + HOME).then().statusCode(401);
        }
    }

    /**
     * Every role of every organisation (and of none) against both endpoints, over HTTP: sealing a day
     * of its own ({@code MATRIX_DAY}, no readings) and reading Aggregator1's home. The expectation is
     * {@link BridgeAccessTest}'s statement of the rule.
     */
    @Nested
    class Matrix {
        @Test
        @TestSecurity(user = "matrix", roles = "none")
        void everyRoleAndOrganisationGetsWhatTheRuleSays() {
            int cases = 0;
            for (Optional<String> msp : BridgeAccessTest.ORGANISATIONS) {
                for (String role : BridgeAccessTest.ROLES) {
                    TestIdentities.as(role, msp);
                    String who = role + " of " + msp.orElse("none");
                    int sealed = seal(MATRIX_DAY)
                            .contentType(
                                    BridgeAccessTest.maySeal(msp, role)
                                            ? "application/json"
                                            : "application/problem+json")
                            .extract()
                            .statusCode();
                    assertThat(sealed)
                            .as("sealing by %s", who)
                            .isEqualTo(BridgeAccessTest.maySeal(msp, role) ? 200 : 403);
                    int read = readHome(DAY, HOME).extract().statusCode();
                    assertThat(read)
                            .as("reading Aggregator1's home by %s", who)
                            .isEqualTo(BridgeAccessTest.mayReadHome(msp, role) ? 200 : 403);
                    cases += 2;
                }
            }
            assertThat(cases).isEqualTo(50);
        }
    }

    @Inject
    io.flexledger.devicebridge.anchor.AnchorService anchors;

    /** {@code POST /bridge/anchors/{day}} with the test's identity. */
    private ValidatableResponse seal(Object day) {
        return given().when().post("/bridge/anchors/" + day).then();
    }

    /** The readings of {@code home} on {@code day} with the test's identity, once DAY is sealed. */
    private ValidatableResponse readHome(LocalDate day, String home) {
        // Sealed as the service would when the DSO asks (idempotent).
        anchors.seal(DAY);
        return given().when().get("/bridge/readings/" + day + "/" + home).then();
    }
}
