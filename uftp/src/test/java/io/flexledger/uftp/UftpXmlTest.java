package io.flexledger.uftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xml.sax.SAXException;

class UftpXmlTest {
    private final UftpXml xml = UftpXml.standard();

    static Stream<UftpMessage> messages() {
        return Stream.concat(Samples.all().stream(), Stream.of(Samples.signedMessage()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void everyMessageRoundTrips(UftpMessage message) throws Exception {
        byte[] written = xml.write(message);
        UftpMessage read = xml.read(written);
        assertThat(read).isInstanceOf(message.getClass()).isEqualTo(message);
        assertThat(xml.write(read)).isEqualTo(written);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void everyMessageWeWriteIsValidAgainstTheOfficialXsd(UftpMessage message) throws Exception {
        Xsd.validate(xml.write(message));
    }

    @Test
    void everyMessageTypeIsCovered() {
        List<String> covered = messages()
                .map(m -> UftpXml.elementName(m.getClass()))
                .distinct()
                .toList();
        assertThat(covered)
                .containsExactlyInAnyOrderElementsOf(UftpXml.elementNames())
                .contains(
                        "FlexRequest",
                        "FlexRequestResponse",
                        "FlexOffer",
                        "FlexOfferResponse",
                        "FlexOfferRevocation",
                        "FlexOfferRevocationResponse",
                        "FlexOrder",
                        "FlexOrderResponse",
                        "D-Prognosis",
                        "D-PrognosisResponse",
                        "FlexSettlement",
                        "FlexSettlementResponse",
                        "SignedMessage");
    }

    @Test
    void messagesWithOnlyTheRequiredAttributesRoundTripAndAreValid() throws Exception {
        FlexOrder direct = Samples.day(Samples.meta(new FlexOrder(), Samples.DSO, Samples.AGR, 21))
                .setPrice(new BigDecimal("10"))
                .setCurrency("EUR")
                .setOrderReference("direct-1");
        direct.getIsps().add(new FlexOrderIsp().setPower(-50_000L).setStart(1));
        DPrognosisResponse bare = Samples.meta(new DPrognosisResponse(), Samples.DSO, Samples.AGR, 22)
                .setDPrognosisMessageId(Samples.id(7));
        bare.reject("prognosis for a day already past");
        for (PayloadMessage m : List.of(direct, bare)) {
            byte[] written = xml.write(m);
            Xsd.validate(written);
            assertThat(xml.read(written)).isEqualTo(m);
        }
        assertThat(new String(xml.write(direct), StandardCharsets.UTF_8))
                .doesNotContain("FlexOfferMessageID")
                .doesNotContain("ActivationFactor");
    }

    @Test
    void theXsdCheckCanFail() {
        byte[] noPeriod = new String(xml.write(Samples.flexOrder()), StandardCharsets.UTF_8)
                .replace(" Period=\"2026-12-04\"", "")
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Xsd.validate(noPeriod))
                .isInstanceOf(SAXException.class)
                .hasMessageContaining("Period");
    }

    @Test
    void writtenXmlUsesTheSpecificationsNamesAndForms() {
        String order = new String(xml.write(Samples.flexOrder()), StandardCharsets.UTF_8);
        assertThat(order)
                .startsWith("<?xml")
                .contains("<FlexOrder ")
                .contains("ISP-Duration=\"PT15M\"")
                .contains("TimeZone=\"Europe/Amsterdam\"")
                .contains("Period=\"2026-12-04\"")
                .contains("TimeStamp=\"2026-12-03T09:35:00+01:00\"")
                .contains("MessageID=\"00000000-0000-4000-8000-000000000005\"")
                .contains("ConversationID=\"" + Samples.CONVERSATION + "\"")
                .contains("Version=\"3.1.0\"")
                .contains("D-PrognosisMessageID=\"00000000-0000-4000-8000-000000000007\"")
                .contains("<ISP Power=\"-150000\" Start=\"69\" Duration=\"4\"/>")
                .doesNotContain("xmlns");
        String settlementResponse = new String(xml.write(Samples.flexSettlementResponse()), StandardCharsets.UTF_8);
        assertThat(settlementResponse)
                .contains("<FlexOrderSettlementStatus OrderReference=\"order-2026-12-04-2\" Disposition=\"Disputed\"")
                .contains("Result=\"Accepted\"");
        assertThat(new String(xml.write(Samples.signedMessage()), StandardCharsets.UTF_8))
                .contains("Body=\"AQIDBAUGBwgJCg==\"")
                .contains("SenderRole=\"AGR\"");
    }

    @Test
    void aRejectionCarriesItsReason() throws Exception {
        FlexOfferResponse read = xml.read(xml.write(Samples.flexOfferResponse()), FlexOfferResponse.class);
        assertThat(read.getResult()).isEqualTo(AcceptedRejected.REJECTED);
        assertThat(read.getRejectionReason()).isEqualTo("offer expired before it was read");
    }

    @Test
    void readingAsAnotherTypeIsRefused() {
        byte[] order = xml.write(Samples.flexOrder());
        assertThatThrownBy(() -> xml.read(order, FlexOffer.class))
                .isInstanceOf(UftpXmlException.class)
                .hasMessage("expected <FlexOffer>, got <FlexOrder>");
    }

    @Test
    void writingAnIncompleteMessageIsRefused() {
        FlexOrder order = Samples.flexOrder().setPrice(null);
        order.getIsps().clear();
        assertThatThrownBy(() -> xml.write(order))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing or invalid required attribute Price")
                .hasMessageContaining("missing required element <ISP>");
    }

    @Test
    void equalityLooksAtEveryField() {
        assertThat(Samples.flexOrder()).isEqualTo(Samples.flexOrder()).hasSameHashCodeAs(Samples.flexOrder());
        assertThat(Samples.flexOrder().setOptionReference("B")).isNotEqualTo(Samples.flexOrder());
        FlexOrder otherIsp = Samples.flexOrder();
        otherIsp.getIsps().get(0).setPower(-150_001L);
        assertThat(otherIsp).isNotEqualTo(Samples.flexOrder());
        FlexOrder otherMeta = Samples.flexOrder();
        otherMeta.setRecipientDomain("other.example");
        assertThat(otherMeta).isNotEqualTo(Samples.flexOrder());
        assertThat(new SignedMessage("a.example", UsefRole.DSO, new byte[] {1}))
                .isEqualTo(new SignedMessage("a.example", UsefRole.DSO, new byte[] {1}))
                .isNotEqualTo(new SignedMessage("a.example", UsefRole.DSO, new byte[] {2}));
    }
}
