package io.flexledger.devicebridge.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.agroal.api.AgroalDataSource;
import io.flexledger.devicebridge.pipeline.BridgeStats;
import io.flexledger.devicebridge.reading.ReadingCodec;
import io.flexledger.devicebridge.support.BridgeTestResource;
import io.flexledger.devicebridge.support.InMemoryAnchorLedger;
import io.flexledger.devicebridge.support.InMemoryDeviceDirectory;
import io.flexledger.devicebridge.support.TestDevice;
import io.flexledger.devicebridge.support.TestInfra;
import io.flexledger.domain.metering.MerkleProof;
import io.flexledger.domain.metering.MerkleTree;
import io.flexledger.domain.metering.SignedReading;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The service as deployed: MQTT in, PostgreSQL, then the HTTP endpoints with their roles. */
@QuarkusTest
@QuarkusTestResource(BridgeTestResource.class)
class BridgeResourceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate DAY =
            LocalDate.now(ZoneId.of("Europe/London")).minusDays(2);
    private static final String HOME = "home-api-1";
    private static final String OPEN_HOME = "home-api-open";
    private static List<SignedReading> published;

    @Inject
    InMemoryDeviceDirectory directory;

    @Inject
    InMemoryAnchorLedger ledger;

    @Inject
    BridgeStats stats;

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
        all.add(openDayMeter.sign(DAY.plusDays(1), 7, "1.5", 1));
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
        @TestSecurity(user = "dso-operator", roles = "dso")
        void theDsoSealsTheDayAndTheRootIsTheTreeOfTheStoredReadings() throws Exception {
            String body = given().when()
                    .post("/bridge/anchors/" + DAY)
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
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
        @TestSecurity(user = "someone", roles = "prosumer")
        void aProsumerCannotSeal() {
            given().when()
                    .post("/bridge/anchors/" + DAY)
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json");
        }

        @Test
        void withoutATokenNothingIsSealed() {
            given().when()
                    .post("/bridge/anchors/" + DAY)
                    .then()
                    .statusCode(401)
                    .contentType("application/problem+json");
        }

        @Test
        @TestSecurity(user = "dso-operator", roles = "dso")
        void aDayThatIsNotADateIsABadRequestNamingThePath() {
            given().when()
                    .post("/bridge/anchors/28-11-2026")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("field", equalTo("path day"));
        }
    }

    @Nested
    class Readings {
        @Test
        @TestSecurity(user = "auditor-1", roles = "auditor")
        void anAuditorGetsEveryReadingWithAProofToTheAnchor() throws Exception {
            sealAsDso();
            JsonNode home = JSON.readTree(given().when()
                    .get("/bridge/readings/" + DAY + "/" + HOME)
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString());
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
            sealAsDso();
            given().when()
                    .get("/bridge/readings/" + DAY + "/" + HOME)
                    .then()
                    .statusCode(200)
                    .body("readings.size()", equalTo(4));
        }

        @Test
        @TestSecurity(
                user = "agg2",
                roles = "aggregator",
                attributes = @SecurityAttribute(key = "msp", value = "Aggregator2MSP"))
        void anAggregatorDoesNotReadAnotherPortfoliosHomes() {
            sealAsDso();
            given().when()
                    .get("/bridge/readings/" + DAY + "/" + HOME)
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json");
        }

        @Test
        @TestSecurity(user = "auditor-1", roles = "auditor")
        void aHomeWithoutReadingsIsNotFoundAndAnOpenDayHasNoProofs() {
            given().when()
                    .get("/bridge/readings/" + DAY + "/home-nobody")
                    .then()
                    .statusCode(404)
                    .contentType("application/problem+json");
            given().when()
                    .get("/bridge/readings/" + DAY.plusDays(1) + "/" + OPEN_HOME)
                    .then()
                    .statusCode(409)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:flexledger:problem:day-not-sealed"));
        }

        @Test
        void withoutATokenNoReadings() {
            given().when().get("/bridge/readings/" + DAY + "/" + HOME).then().statusCode(401);
        }

        /** Seals DAY as the service would when the DSO asks (idempotent). */
        private void sealAsDso() {
            anchors.seal(DAY);
        }
    }

    @Inject
    io.flexledger.devicebridge.anchor.AnchorService anchors;
}
