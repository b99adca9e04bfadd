package io.flexledger.uftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Messages written by another UFTP implementation (test resources examples/, origin in its README). */
class ExampleMessagesTest {
    private static final String DIR = "/examples/shapeshifter-library-java/";
    private final UftpXml xml = UftpXml.standard();

    private static byte[] example(String name) throws IOException {
        try (InputStream in = ExampleMessagesTest.class.getResourceAsStream(DIR + name)) {
            assertThat(in).as(DIR + name).isNotNull();
            return in.readAllBytes();
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "FlexRequest.xml",
                "FlexRequestResponse.xml",
                "FlexOffer.xml",
                "FlexOfferResponse.xml",
                "FlexOrder.xml",
                "FlexOrderResponse.xml",
                "SignedMessage.xml"
            })
    void everyExampleIsValidAndIsReadAndWrittenAgain(String name) throws Exception {
        byte[] bytes = example(name);
        Xsd.validate(bytes);
        UftpMessage message = xml.read(bytes);
        assertThat(UftpXml.elementName(message.getClass()) + ".xml").isEqualTo(name);
        byte[] rewritten = xml.write(message);
        Xsd.validate(rewritten);
        assertThat(xml.read(rewritten)).isEqualTo(message);
    }

    @Test
    void theExampleOfferReadsAsWritten() throws Exception {
        FlexOffer offer = xml.read(example("FlexOffer.xml"), FlexOffer.class);
        assertThat(offer.getVersion()).isEqualTo("3.0.0");
        assertThat(offer.getSenderDomain()).isEqualTo("aggregator.org");
        assertThat(offer.getMessageId()).isEqualTo(UUID.fromString("338ed243-5517-4400-962e-2b7b812c468c"));
        assertThat(offer.getFlexRequestMessageId()).isEqualTo(UUID.fromString("d3ae4836-55b1-4084-b54e-34107b22648c"));
        assertThat(offer.getIspDuration()).isEqualTo(Duration.ofMinutes(15));
        assertThat(offer.getPeriod()).isEqualTo(LocalDate.of(2021, 10, 30));
        assertThat(offer.getTimeStamp().getNano()).isEqualTo(886_853_800);
        assertThat(offer.getCongestionPoint()).isEqualTo("ea1.2009-01.nl.enexis.usef:123-TP-bundel-congestiepunt");
        assertThat(offer.getOfferOptions()).isNotEmpty();
        assertThat(offer.getOfferOptions().get(0).getPrice()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(offer.getOfferOptions().get(0).getIsps()).isNotEmpty();
    }

    @Test
    void theExampleWithoutVersionIsRefused() throws Exception {
        assertThatThrownBy(() -> xml.read(example("refused/FlexRequest-without-Version.xml")))
                .isInstanceOf(UftpXmlException.class)
                .hasMessage("<FlexRequest>: missing or invalid required attribute Version");
    }

    @ParameterizedTest
    @ValueSource(strings = {"FlexRequestResponse_with_XXE_Attack.xml", "FlexRequestResponse_with_XXE_Attack_SSRF.xml"})
    void theExternalEntityAttacksAreRefused(String name) throws Exception {
        assertThatThrownBy(() -> xml.read(example("refused/" + name)))
                .isInstanceOf(UftpXmlException.class)
                .hasMessageContaining("DOCTYPE");
    }
}
