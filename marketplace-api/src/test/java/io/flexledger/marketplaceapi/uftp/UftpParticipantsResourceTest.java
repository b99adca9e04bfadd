package io.flexledger.marketplaceapi.uftp;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.contract.ErrorCode;
import io.flexledger.marketplaceapi.ledger.ChaincodeRejection;
import io.flexledger.marketplaceapi.security.AccessDeniedException;
import io.flexledger.marketplaceapi.security.Caller;
import io.flexledger.uftp.Cs1;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.ValidatableResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/uftp/participants} on Aggregator1's instance; the ledger is a stand-in that, like the
 * chaincode, refuses a domain another organisation registered.
 */
@QuarkusTest
class UftpParticipantsResourceTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String KEY = Cs1.generate().publicKeyString();

    static final class StandInLedger extends UftpLedger {
        final Map<String, ObjectNode> registered = new LinkedHashMap<>();
        final List<String> submitted = new ArrayList<>();

        StandInLedger() {
            super(null, null, null, null);
            registered.put(
                    "dso.flexledger.test",
                    JSON.createObjectNode()
                            .put("domain", "dso.flexledger.test")
                            .put("role", "DSO")
                            .put("msp", "DsoMSP"));
        }

        @Override
        public String mspId() {
            return "Aggregator1MSP";
        }

        @Override
        public Optional<io.flexledger.contract.codec.UftpRecords.StoredParticipant> participant(String domain) {
            return Optional.ofNullable(registered.get(domain)).map(UftpMessages::stored);
        }

        @Override
        public List<io.flexledger.contract.codec.UftpRecords.StoredParticipant> participants() {
            return registered.values().stream().map(UftpMessages::stored).toList();
        }

        @Override
        public JsonNode registerParticipant(io.flexledger.contract.codec.UftpRecords.Participant participant) {
            // What the gateway writes as the transaction's input.
            String participantJson = io.flexledger.contract.codec.CanonicalJson.write(
                    io.flexledger.contract.codec.UftpRecords.participantInput(participant));
            submitted.add(participantJson);
            try {
                ObjectNode in = (ObjectNode) JSON.readTree(participantJson);
                String domain = in.path("domain").asText();
                ObjectNode existing = registered.get(domain);
                if (existing != null && !existing.path("msp").asText().equals(mspId())) {
                    throw ChaincodeRejection.of(
                            ErrorCode.UFTP_PARTICIPANT_MSP_NOT_ALLOWED,
                            "domain " + domain + " is registered by "
                                    + existing.path("msp").asText());
                }
                ObjectNode record = in.deepCopy()
                        .put("msp", mspId())
                        .put(
                                "version",
                                existing == null ? 1 : existing.path("version").asInt() + 1);
                registered.put(domain, record);
                return record;
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    StandInLedger ledger;

    @BeforeEach
    void standIn() {
        ledger = new StandInLedger();
        QuarkusMock.installMockForType(ledger, UftpLedger.class);
    }

    static String body(String domain, String role, String key, String endpoint) {
        return JSON.createObjectNode()
                .put("domain", domain)
                .put("role", role)
                .put("publicKey", key)
                .put("endpoint", endpoint)
                .toString();
    }

    static ValidatableResponse post(String body) {
        return given().contentType("application/json")
                .body(body)
                .when()
                .post("/api/uftp/participants")
                .then();
    }

    static final String VALID =
            body("agr1.flexledger.test", "AGR", KEY, "https://agr1.flexledger.test/shapeshifter/api/v3/message");

    @Test
    @TestSecurity(
            user = "agr1-trader",
            roles = "aggregator",
            attributes = @SecurityAttribute(key = "msp", value = "Aggregator1MSP"))
    void theAggregatorsTraderRegistersItsOwnDomainAndEveryoneListsIt() {
        post(VALID)
                .statusCode(201)
                .header("Location", endsWith("/api/uftp/participants/agr1.flexledger.test"))
                .body("domain", equalTo("agr1.flexledger.test"))
                .body("version", equalTo(1));
        assertThat(ledger.submitted).hasSize(1);
        // A second registration is a key rotation: same domain, a new version.
        post(body("agr1.flexledger.test", "AGR", Cs1.generate().publicKeyString(), "https://agr1.flexledger.test/m"))
                .statusCode(201)
                .body("version", equalTo(2));
        given().when()
                .get("/api/uftp/participants")
                .then()
                .statusCode(200)
                .body("participants.domain", hasItem("agr1.flexledger.test"))
                .body("participants.domain", hasItem("dso.flexledger.test"));
        given().when()
                .get("/api/uftp/participants/agr1.flexledger.test")
                .then()
                .statusCode(200)
                .body("msp", equalTo("Aggregator1MSP"));
        given().when()
                .get("/api/uftp/participants/nobody.flexledger.test")
                .then()
                .statusCode(404)
                .contentType(containsString("problem+json"))
                .body("code", equalTo("UFTP_PARTICIPANT_NOT_FOUND"));
    }

    @Test
    @TestSecurity(
            user = "agr1-admin",
            roles = "admin",
            attributes = @SecurityAttribute(key = "msp", value = "Aggregator1MSP"))
    void theOrganisationsAdminRegistersToo() {
        post(VALID).statusCode(201);
    }

    @Test
    @TestSecurity(
            user = "agr1-trader",
            roles = "aggregator",
            attributes = @SecurityAttribute(key = "msp", value = "Aggregator1MSP"))
    void theDsosDomainIsNotAnAggregatorsToTake() {
        // The attack: Aggregator1 puts its key under the DSO's domain, then signs orders as the DSO.
        post(body("dso.flexledger.test", "AGR", KEY, "https://evil.flexledger.test/m"))
                .statusCode(403)
                .contentType(containsString("problem+json"))
                .body("code", equalTo("UFTP_PARTICIPANT_MSP_NOT_ALLOWED"));
        assertThat(ledger.registered.get("dso.flexledger.test").path("msp").asText())
                .isEqualTo("DsoMSP");
        // Nor registers a DSO domain of its own: an aggregator's participants are AGR.
        post(body("dso2.flexledger.test", "DSO", KEY, "https://agr1.flexledger.test/m"))
                .statusCode(403)
                .contentType(containsString("problem+json"))
                .body("detail", containsString("AGR participants only"));
        assertThat(ledger.registered).doesNotContainKey("dso2.flexledger.test");
    }

    @Test
    @TestSecurity(
            user = "agr1-trader",
            roles = "aggregator",
            attributes = @SecurityAttribute(key = "msp", value = "Aggregator1MSP"))
    void badFieldsAreNamed() {
        post(body("AGR1.flexledger.test", "AGR", KEY, "https://agr1.flexledger.test/m"))
                .statusCode(400)
                .contentType(containsString("problem+json"))
                .body(containsString("domain"));
        post(body("agr1.flexledger.test", "CRO", KEY, "https://agr1.flexledger.test/m"))
                .statusCode(400)
                .body(containsString("role"));
        post(body("agr1.flexledger.test", "AGR", "cs1.AAAA", "https://agr1.flexledger.test/m"))
                .statusCode(400)
                .body(containsString("publicKey"));
        post(body("agr1.flexledger.test", "AGR", KEY, "ftp://agr1.flexledger.test/m"))
                .statusCode(400)
                .body(containsString("endpoint"));
        post(body("agr1.flexledger.test", "AGR", KEY, "https://user:pw@agr1.flexledger.test/m"))
                .statusCode(400)
                .body(containsString("endpoint"));
        post("{\"domain\":\"agr1.flexledger.test\"}").statusCode(400).body(containsString("role"));
        post("{\"domain\":\"agr1.flexledger.test\",\"msp\":\"DsoMSP\"}")
                .statusCode(400)
                .body(containsString("msp"));
        post("{\"domain\":1}").statusCode(400).body(containsString("string"));
        post("[1]").statusCode(400);
        post("{").statusCode(400);
        given().when().get("/api/uftp/participants/Not-A-Domain").then().statusCode(400);
        assertThat(ledger.submitted).isEmpty();
    }

    @Test
    @TestSecurity(
            user = "home-7",
            roles = "prosumer",
            attributes = @SecurityAttribute(key = "msp", value = "Aggregator1MSP"))
    void aProsumerDoesNotRegisterParticipants() {
        post(VALID).statusCode(403).contentType(containsString("problem+json"));
        assertThat(ledger.submitted).isEmpty();
    }

    @Test
    @TestSecurity(
            user = "agr2-trader",
            roles = "aggregator",
            attributes = @SecurityAttribute(key = "msp", value = "Aggregator2MSP"))
    void anotherOrganisationsTokenDoesNotRegisterThroughThisInstance() {
        post(body("agr2.flexledger.test", "AGR", KEY, "https://agr2.flexledger.test/m"))
                .statusCode(403)
                .contentType(containsString("problem+json"));
        assertThat(ledger.submitted).isEmpty();
    }

    @Test
    @TestSecurity(
            user = "auditor",
            roles = "auditor",
            attributes = @SecurityAttribute(key = "msp", value = "AuditorMSP"))
    void anAuditorReadsButDoesNotRegister() {
        given().when().get("/api/uftp/participants").then().statusCode(200);
        post(VALID).statusCode(403);
        assertThat(ledger.submitted).isEmpty();
    }

    @Test
    void withoutATokenNothing() {
        post(VALID).statusCode(401);
        given().when().get("/api/uftp/participants").then().statusCode(401);
    }

    @Test
    void theDsosInstanceTakesTheDsoRoleAndTheCommunityNone() {
        UftpParticipantsResource.requireRegistrar(
                "DsoMSP", "DSO", new Caller("dso-operator", Optional.of("DsoMSP"), Set.of("dso")));
        // An aggregator role in the DSO's organisation is not the DSO's trading role.
        assertThatThrownBy(() -> UftpParticipantsResource.requireRegistrar(
                        "DsoMSP", "DSO", new Caller("x", Optional.of("DsoMSP"), Set.of("aggregator"))))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> UftpParticipantsResource.requireRegistrar(
                        "CommunityMSP", null, new Caller("x", Optional.of("CommunityMSP"), Set.of("admin"))))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("no UFTP role");
    }
}
