package io.flexledger.marketplaceapi.uftp;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.flexledger.uftp.Cs1;
import io.flexledger.uftp.Cs1KeyPair;
import io.flexledger.uftp.FlexOfferResponse;
import io.flexledger.uftp.SignedMessage;
import io.flexledger.uftp.UftpXml;
import io.flexledger.uftp.UsefRole;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edge's synchronous responses are SignedMessages of the organisation's own edge domain, signed
 * with its CS1 key: the participant verifies them with the key the ledger holds for that domain, here
 * with real libsodium (Debian's python3-nacl, as the uftp module's interoperability test).
 */
@QuarkusTest
class UftpSignedResponseTest {
    static final String EDGE = "edge.agr1.flexledger.test";
    static final Cs1KeyPair EDGE_KEY = Cs1.generate();
    static final Path SCRIPT = Path.of("../uftp/src/test/resources/interop/cs1_libsodium.py");

    UftpResourceTest.StandInLedger ledger;

    @TempDir
    Path dir;

    @BeforeEach
    void edgeWithItsKey() {
        ledger = new UftpResourceTest.StandInLedger();
        ledger.add(EDGE, "AGR", EDGE_KEY, "Aggregator1MSP");
        QuarkusMock.installMockForType(ledger, UftpLedger.class);
        QuarkusMock.installMockForType(
                new UftpOutbox(
                        ledger,
                        null,
                        Optional.of(new UftpOutbox.Settings(
                                EDGE,
                                EDGE_KEY.signingKey(),
                                UftpMessages.AGR1,
                                "ea1.2026-11.flexledger.local",
                                Duration.ofSeconds(1),
                                Duration.ofMinutes(5),
                                Duration.ofMinutes(65)))),
                UftpOutbox.class);
    }

    byte[] respond() {
        byte[] offer =
                UftpResourceTest.signed(UftpMessages.offer(2, "home-1", null), UsefRole.AGR, UftpResourceTest.AGR1_KEY);
        return given().contentType("text/xml")
                .body(offer)
                .when()
                .post(UftpResourceTest.PATH)
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
    }

    @Test
    void theResponseIsSignedByTheEdgeWithTheKeyTheLedgerHoldsForItsDomain() throws Exception {
        SignedMessage signed = UftpXml.standard().read(respond(), SignedMessage.class);
        assertThat(signed.getSenderDomain()).isEqualTo(EDGE);
        assertThat(signed.getSenderRole()).isEqualTo(UsefRole.AGR);
        String registered = ledger.participant(EDGE).orElseThrow().publicKey();
        FlexOfferResponse response =
                UftpXml.standard().read(Cs1.open(signed, Cs1.parsePublicKey(registered)), FlexOfferResponse.class);
        assertThat(response.getResult().name()).isEqualTo("ACCEPTED");
        assertThat(response.getSenderDomain()).isEqualTo(EDGE);
        assertThat(response.getRecipientDomain()).isEqualTo(UftpMessages.AGR1);
        assertThat(response.getFlexOfferMessageId()).isEqualTo(UftpMessages.id(2));
        // Another domain's key does not open it.
        assertThat(org.assertj.core.api.Assertions.catchThrowable(
                        () -> Cs1.open(signed, UftpResourceTest.AGR1_KEY.verifyKey())))
                .isNotNull();
    }

    @Test
    void theSignedResponseIsRecordedOnTheLedgerAsItWasSent() throws Exception {
        SignedMessage signed = UftpXml.standard().read(respond(), SignedMessage.class);
        FlexOfferResponse response =
                UftpXml.standard().read(Cs1.open(signed, EDGE_KEY.verifyKey()), FlexOfferResponse.class);
        assertThat(ledger.records).hasSize(1);
        com.fasterxml.jackson.databind.JsonNode envelope =
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(ledger.records.get(0));
        assertThat(envelope.path("messageType").asText()).isEqualTo("FlexOfferResponse");
        assertThat(envelope.path("messageId").asText())
                .isEqualTo(response.getMessageId().toString());
        assertThat(envelope.path("conversationId").asText())
                .isEqualTo(response.getConversationId().toString());
        // Under the edge's own domain (the chaincode checks that it is this organisation's), to the sender.
        assertThat(envelope.path("senderDomain").asText()).isEqualTo(EDGE);
        assertThat(envelope.path("recipientDomain").asText()).isEqualTo(UftpMessages.AGR1);
        // Exactly the signature and bytes the participant received, so the record proves what was answered.
        assertThat(Base64.getDecoder().decode(envelope.path("signedBody").asText()))
                .isEqualTo(signed.getBody());
    }

    @Test
    void libsodiumVerifiesTheResponseWithTheRegisteredKeyAndRefusesItTampered() throws Exception {
        String python = pythonWithNacl();
        SignedMessage signed = UftpXml.standard().read(respond(), SignedMessage.class);
        String registered = ledger.participant(EDGE).orElseThrow().publicKey();
        Path body = dir.resolve("body.b64");
        Files.writeString(body, Base64.getEncoder().encodeToString(signed.getBody()));
        Result opened = run(List.of(python, SCRIPT.toString(), "open", registered, body.toString()));
        assertThat(opened.exit()).as(opened.err()).isZero();
        assertThat(opened.out()).contains("<FlexOfferResponse").contains("Result=\"Accepted\"");
        assertThat(opened.out().getBytes(StandardCharsets.UTF_8)).isEqualTo(Cs1.open(signed, EDGE_KEY.verifyKey()));
        byte[] tampered = signed.getBody().clone();
        tampered[tampered.length - 20] ^= 1;
        Files.writeString(body, Base64.getEncoder().encodeToString(tampered));
        assertThat(run(List.of(python, SCRIPT.toString(), "open", registered, body.toString()))
                        .exit())
                .isEqualTo(3);
    }

    record Result(int exit, String out, String err) {}

    static Result run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + command);
        }
        return new Result(
                p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    /** Debian's python3 with PyNaCl ({@code FLEX_PYTHON_NACL} names another); CI requires it. */
    static String pythonWithNacl() throws InterruptedException {
        List<String> candidates = new ArrayList<>();
        String configured = System.getenv("FLEX_PYTHON_NACL");
        if (configured != null && !configured.isBlank()) {
            candidates.add(configured);
        } else {
            candidates.add("/usr/bin/python3");
            candidates.add("python3");
        }
        for (String candidate : candidates) {
            try {
                if (run(List.of(candidate, "-c", "import nacl.signing")).exit() == 0) {
                    return candidate;
                }
            } catch (IOException notThere) {
                // the next interpreter
            }
        }
        String missing = "python3 with PyNaCl (Debian package python3-nacl) not found among " + candidates;
        if ("true".equals(System.getenv("CI"))) {
            fail(missing);
        }
        Assumptions.abort(missing);
        return null;
    }
}
