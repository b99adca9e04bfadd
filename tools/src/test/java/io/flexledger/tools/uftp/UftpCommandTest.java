package io.flexledger.tools.uftp;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.flexledger.uftp.Cs1;
import io.flexledger.uftp.Cs1KeyPair;
import io.flexledger.uftp.FlexOfferRevocation;
import io.flexledger.uftp.PayloadMessage;
import io.flexledger.uftp.SignedMessage;
import io.flexledger.uftp.UftpXml;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UftpCommandTest {
    @TempDir
    Path dir;

    @Test
    void sendSignsTheFileAndTheListenerStoresWhatArrives() throws Exception {
        Cs1KeyPair pair = Cs1.generate();
        Path key = dir.resolve("key");
        Files.writeString(key, pair.signingKeyString());
        UUID id = UUID.randomUUID();
        PayloadMessage revocation = new FlexOfferRevocation()
                .setFlexOfferMessageId(UUID.randomUUID())
                .setVersion(PayloadMessage.VERSION)
                .setSenderDomain("agr1.flexledger.test")
                .setRecipientDomain("dso.flexledger.test")
                .setTimeStamp(OffsetDateTime.now(ZoneOffset.UTC).withNano(0))
                .setMessageId(id)
                .setConversationId(UUID.randomUUID());
        Path file = dir.resolve("revocation.xml");
        Files.write(file, UftpXml.standard().write(revocation));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        HttpServer listener = UftpCommand.server(0, dir.resolve("inbox"), new PrintStream(printed, true));
        listener.start();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int exit = UftpCommand.run(
                    new String[] {
                        "send",
                        file.toString(),
                        "--as",
                        "aggregator1",
                        "--key",
                        key.toString(),
                        "--to",
                        "dso2.flexledger.test",
                        "--url",
                        "http://127.0.0.1:" + listener.getAddress().getPort() + UftpCommand.PATH
                    },
                    new PrintStream(out, true),
                    System.err);
            assertThat(exit).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("HTTP 200");
        } finally {
            listener.stop(0);
        }
        byte[] stored = Files.readAllBytes(dir.resolve("inbox").resolve(id + ".xml"));
        SignedMessage signed = UftpXml.standard().read(stored, SignedMessage.class);
        assertThat(signed.getSenderDomain()).isEqualTo("agr1.flexledger.test");
        // The signature verifies with the sender's public key, and --to changed the recipient.
        PayloadMessage inner = UftpXml.standard().read(Cs1.open(signed, pair.verifyKey()), PayloadMessage.class);
        assertThat(inner.getRecipientDomain()).isEqualTo("dso2.flexledger.test");
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("received FlexOfferRevocation " + id);
    }

    @Test
    void aSignedAnswerIsUnwrappedSoThatARejectionIsSeen() throws Exception {
        Cs1KeyPair edge = Cs1.generate();
        String inner = "<FlexOfferResponse Result=\"Rejected\" RejectionReason=\"OFFER_GATE_CLOSED\"/>";
        String signed = new String(
                io.flexledger.uftp.UftpXml.standard()
                        .write(new io.flexledger.uftp.SignedMessage(
                                "edge.agr1.flexledger.test",
                                io.flexledger.uftp.UsefRole.AGR,
                                Cs1.sign(inner.getBytes(java.nio.charset.StandardCharsets.UTF_8), edge.signingKey()))),
                java.nio.charset.StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String answer =
                UftpCommand.unwrapped(signed, new PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(answer).isEqualTo(inner);
        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("signed by edge.agr1.flexledger.test");
        assertThat(UftpCommand.unwrapped("<FlexOfferResponse/>", System.out)).isEqualTo("<FlexOfferResponse/>");
    }

    @Test
    void aMissingOptionIsAUsageError() throws Exception {
        assertThat(UftpCommand.run(
                        new String[] {"send", "x.xml"}, System.out, new PrintStream(new ByteArrayOutputStream())))
                .isEqualTo(2);
        assertThat(UftpCommand.run(new String[] {"nope"}, System.out, new PrintStream(new ByteArrayOutputStream())))
                .isEqualTo(2);
    }
}
