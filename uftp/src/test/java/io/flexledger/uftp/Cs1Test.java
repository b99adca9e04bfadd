package io.flexledger.uftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Cs1Test {
    private static final HexFormat HEX = HexFormat.of();

    private static String cs1(String hex) {
        return Cs1.PREFIX + Base64.getEncoder().encodeToString(HEX.parseHex(hex));
    }

    // RFC 8032, section 7.1, TEST 1 and TEST 2 (Ed25519).
    private static final String SEED_1 = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    private static final String PK_1 = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    private static final String SIG_1 =
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";
    private static final String SEED_2 = "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb";
    private static final String PK_2 = "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c";
    private static final String SIG_2 =
            "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00";

    @Test
    void knownAnswersOfRfc8032() throws Exception {
        PrivateKey key1 = Cs1.parsePrivateKey(cs1(SEED_1 + PK_1));
        assertThat(Cs1.sign(new byte[0], key1)).isEqualTo(HEX.parseHex(SIG_1));
        assertThat(Cs1.encodePublicKey(Cs1.publicKeyOf(key1))).isEqualTo(cs1(PK_1));
        assertThat(Cs1.open(HEX.parseHex(SIG_1), Cs1.parsePublicKey(cs1(PK_1)))).isEmpty();

        PrivateKey key2 = Cs1.parsePrivateKey(cs1(SEED_2));
        byte[] message = {0x72};
        byte[] signed = Cs1.sign(message, key2);
        assertThat(signed).isEqualTo(HEX.parseHex(SIG_2 + "72"));
        assertThat(Cs1.encodePrivateKey(key2)).isEqualTo(cs1(SEED_2 + PK_2));
        assertThat(Cs1.open(signed, Cs1.parsePublicKey(cs1(PK_2)))).isEqualTo(message);
    }

    @Test
    void theSpecificationsExamplePublicKeyIsRead() {
        String example = "cs1.V4lZrkYHq8FzneXxUML+QEMXMul3tBm+gPGoVDIZBA92VoWTu8/kRu2Zx72XOm1i/qwwoSgXjqSAqSa43myCaQ==";
        PublicKey key = Cs1.parsePublicKey(example);
        byte[] raw = Base64.getDecoder().decode(example.substring(4));
        assertThat(Cs1.encodePublicKey(key)).isEqualTo(cs1(HEX.formatHex(Arrays.copyOf(raw, 32))));
    }

    @Test
    void aSignedMessageOpensWithTheSendersKeyOnly() throws Exception {
        Cs1KeyPair agr = Cs1.generate();
        byte[] offer = UftpXml.standard().write(Samples.flexOffer());
        byte[] signedXml = Cs1.signToXml(offer, UsefRole.AGR, agr.signingKey());
        Xsd.validate(signedXml);

        SignedMessage signed = UftpXml.standard().read(signedXml, SignedMessage.class);
        assertThat(signed.getSenderDomain()).isEqualTo(Samples.AGR);
        assertThat(signed.getSenderRole()).isEqualTo(UsefRole.AGR);
        assertThat(Cs1.open(signed, Cs1.parsePublicKey(agr.publicKeyString()))).isEqualTo(offer);
        assertThat(Cs1.openMessage(signed, agr.verifyKey())).isEqualTo(Samples.flexOffer());

        PublicKey other = Cs1.generate().verifyKey();
        assertThatThrownBy(() -> Cs1.open(signed, other))
                .isInstanceOf(UftpSignatureException.class)
                .hasMessageContaining("signature invalid");
    }

    @Test
    void aTamperedBodyOrSignatureIsRefused() throws Exception {
        Cs1KeyPair dso = Cs1.generate();
        byte[] order = UftpXml.standard().write(Samples.flexOrder());
        byte[] body = Cs1.seal(order, UsefRole.DSO, dso.signingKey()).getBody();

        byte[] tamperedMessage = new String(body, StandardCharsets.ISO_8859_1)
                .replace("Price=\"60.25\"", "Price=\"90.25\"")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(tamperedMessage).isNotEqualTo(body).hasSameSizeAs(body);
        assertThatThrownBy(() -> Cs1.open(tamperedMessage, dso.verifyKey())).isInstanceOf(UftpSignatureException.class);

        for (int i : new int[] {0, 31, 32, 63}) {
            byte[] tamperedSignature = body.clone();
            tamperedSignature[i] ^= 0x01;
            assertThatThrownBy(() -> Cs1.open(tamperedSignature, dso.verifyKey()))
                    .as("signature byte %d flipped", i)
                    .isInstanceOf(UftpSignatureException.class);
        }
        assertThatThrownBy(() -> Cs1.open(Arrays.copyOf(body, 63), dso.verifyKey()))
                .isInstanceOf(UftpSignatureException.class)
                .hasMessageContaining("shorter than a 64-byte Ed25519 signature");
        assertThat(Cs1.open(body, dso.verifyKey())).isEqualTo(order);
    }

    @Test
    void aWrapperWhoseSenderDomainDiffersFromTheInnerMessageIsRefused() throws Exception {
        Cs1KeyPair agr = Cs1.generate();
        byte[] offer = UftpXml.standard().write(Samples.flexOffer());
        SignedMessage honest = Cs1.seal(offer, UsefRole.AGR, agr.signingKey());
        SignedMessage relabelled = new SignedMessage("other-agr.flexledger.example", UsefRole.AGR, honest.getBody());
        assertThatThrownBy(() -> Cs1.openMessage(relabelled, agr.verifyKey()))
                .isInstanceOf(UftpSignatureException.class)
                .hasMessageContaining("differs from the inner message's " + Samples.AGR);
    }

    @Test
    void onlyAValidUftpMessageIsSealed() {
        Cs1KeyPair agr = Cs1.generate();
        assertThatThrownBy(() -> Cs1.seal("<Hello/>".getBytes(StandardCharsets.UTF_8), UsefRole.AGR, agr.signingKey()))
                .isInstanceOf(UftpXmlException.class)
                .hasMessageContaining("unknown root element <Hello>");
    }

    @Test
    void keyStringsRoundTripAndHaveTheSpecificationsLengths() {
        Cs1KeyPair pair = Cs1.generate();
        assertThat(Base64.getDecoder().decode(pair.publicKeyString().substring(4)))
                .hasSize(64);
        assertThat(Base64.getDecoder().decode(pair.signingKeyString().substring(4)))
                .hasSize(64);
        assertThat(Base64.getDecoder().decode(pair.boxKeyString().substring(4))).hasSize(32);
        PrivateKey read = Cs1.parsePrivateKey(pair.signingKeyString());
        assertThat(Cs1.encodePublicKey(Cs1.publicKeyOf(read))).isEqualTo(Cs1.encodePublicKey(pair.verifyKey()));
        assertThat(pair.publicKeyString())
                .startsWith(Cs1.encodePublicKey(pair.verifyKey()).substring(0, 40));
        assertThat(Cs1.encodePublicKey(Cs1.parsePublicKey(pair.publicKeyString())))
                .isEqualTo(Cs1.encodePublicKey(pair.verifyKey()));
    }

    @Test
    void badKeyStringsAreRefusedClearly() {
        assertThatThrownBy(() -> Cs1.parsePublicKey("V4lZrkYHq8Fz")).hasMessageContaining("starts with 'cs1.'");
        assertThatThrownBy(() -> Cs1.parsePublicKey("cs1.!!!")).hasMessageContaining("not Base64");
        assertThatThrownBy(() -> Cs1.parsePublicKey(cs1("00ff"))).hasMessageContaining("not 2");
        // a 64-byte private key whose public half is another key's
        assertThatThrownBy(() -> Cs1.parsePrivateKey(cs1(SEED_1 + PK_2)))
                .hasMessageContaining("public half does not belong to its seed");
    }
}
