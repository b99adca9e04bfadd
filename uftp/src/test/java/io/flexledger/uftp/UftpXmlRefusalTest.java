package io.flexledger.uftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bytes from anyone: what the reader refuses, and that it says what is wrong. */
class UftpXmlRefusalTest {
    private final UftpXml xml = UftpXml.standard();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private String orderXml() {
        return new String(xml.write(Samples.flexOrder()), StandardCharsets.UTF_8);
    }

    private void refused(String input, String... messageParts) {
        refused(utf8(input), messageParts);
    }

    private void refused(byte[] input, String... messageParts) {
        assertThatThrownBy(() -> xml.read(input))
                .isInstanceOf(UftpXmlException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains(messageParts));
    }

    @Test
    void billionLaughsIsRefusedAtTheDoctype() {
        StringBuilder dtd =
                new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE FlexOrder [\n<!ENTITY lol \"lol\">\n");
        dtd.append("<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n");
        for (int i = 2; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"");
            dtd.append(("&lol" + (i - 1) + ";").repeat(10)).append("\">\n");
        }
        dtd.append("]>\n");
        String bomb = dtd + orderXml().replaceFirst("<\\?xml[^>]*\\?>", "").replace("order-2026-12-04-1", "&lol9;");
        refused(bomb, "DOCTYPE", "not allowed");
    }

    @Test
    void externalEntitiesAreRefused(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "s3cr3t");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE FlexOrder [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                + orderXml().replaceFirst("<\\?xml[^>]*\\?>", "").replace("order-2026-12-04-1", "&x;");
        assertThatThrownBy(() -> xml.read(utf8(xxe)))
                .isInstanceOf(UftpXmlException.class)
                .hasMessageContaining("DOCTYPE")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t"));
    }

    @Test
    void anUndeclaredEntityReferenceIsRefused() {
        refused(orderXml().replace("order-2026-12-04-1", "&undeclared;"), "undeclared");
    }

    @Test
    void malformedXmlIsRefused() {
        refused("<FlexOrder Version=\"3.1.0\"", "not well-formed XML");
        refused(orderXml().replace("</FlexOrder>", ""), "not well-formed XML");
        refused("this is not xml", "not well-formed XML");
        refused(new byte[0], "empty message");
    }

    @Test
    void unknownOrNamespacedRootElementsAreRefused() {
        refused("<FlexOrderz Version=\"3.1.0\"/>", "unknown root element <FlexOrderz>", "FlexOffer");
        refused("<Metering/>", "unknown root element <Metering>");
        refused(orderXml().replace("<FlexOrder ", "<FlexOrder xmlns=\"urn:other\" "), "namespace urn:other");
    }

    @Test
    void aMissingRequiredAttributeIsNamed() {
        refused(
                orderXml().replace(" OrderReference=\"order-2026-12-04-1\"", ""),
                "<FlexOrder>: missing or invalid required attribute OrderReference");
        refused(
                orderXml().replace(" Period=\"2026-12-04\"", ""),
                "<FlexOrder>: missing or invalid required attribute Period");
        refused(
                orderXml().replace(" Power=\"-150000\"", ""),
                "<FlexOrder/ISP[1]>: missing or invalid required attribute Power");
    }

    @Test
    void aMissingRequiredElementIsNamed() {
        String noIsp = orderXml().replaceAll("<ISP [^>]*/>", "");
        refused(noIsp, "<FlexOrder>: missing required element <ISP>");
    }

    @Test
    void manyProblemsAreSummedUp() {
        String isps = "<ISP Start=\"1\"/>".repeat(25);
        String order = orderXml().replaceAll("<ISP [^>]*/>", isps);
        assertThatThrownBy(() -> xml.read(utf8(order)))
                .isInstanceOf(UftpXmlException.class)
                .hasMessageStartingWith("<FlexOrder/ISP[1]>: missing or invalid required attribute Power")
                .hasMessageEndingWith("; and 15 more");
    }

    @Test
    void anUnknownElementIsRefused() {
        refused(orderXml().replace("<ISP ", "<Bonus Amount=\"1\"/><ISP "), "<Bonus>", "unexpected element");
    }

    @Test
    void valuesOfTheWrongFormAreRefusedWithTheValue() {
        refused(orderXml().replace("Period=\"2026-12-04\"", "Period=\"4 December\""), "<FlexOrder>", "'4 December'");
        refused(
                orderXml().replace("MessageID=\"00000000-0000-4000-8000-000000000005\"", "MessageID=\"1-2-3-4-5\""),
                "not a UUID",
                "'1-2-3-4-5'");
        refused(
                orderXml().replace("TimeStamp=\"2026-12-03T09:35:00+01:00\"", "TimeStamp=\"yesterday\""),
                "not a date-time",
                "'yesterday'");
        refused(orderXml().replace("Power=\"-150000\"", "Power=\"lots\""), "<ISP>", "lots");
    }

    @Test
    void stringsOfTheWrongFormAreRefused() {
        refused(
                orderXml().replace("SenderDomain=\"dso.flexledger.example\"", "SenderDomain=\"DSO\""),
                "<FlexOrder>: attribute SenderDomain 'DSO' is not an Internet domain name");
        refused(
                orderXml().replace("Version=\"3.1.0\"", "Version=\"3\""),
                "<FlexOrder>: attribute Version '3' is not a version major.minor.patch");
        refused(orderXml().replace("Currency=\"EUR\"", "Currency=\"euro\""), "attribute Currency 'euro'");
        refused(orderXml().replace("TimeZone=\"Europe/Amsterdam\"", "TimeZone=\"CET\""), "attribute TimeZone 'CET'");
        refused(
                orderXml().replace(Samples.CONGESTION_POINT, "cp-1"),
                "attribute CongestionPoint 'cp-1' is not an entity address");
    }

    @Test
    void anUnknownEnumerationValueIsRefused() {
        String response = new String(xml.write(Samples.flexOrderResponse()), StandardCharsets.UTF_8);
        refused(response.replace("Result=\"Accepted\"", "Result=\"Maybe\""), "Result");
    }

    @Test
    void aMessageOverTheSizeLimitIsRefusedBeforeParsing() throws Exception {
        byte[] order = xml.write(Samples.flexOrder());
        UftpXml small = UftpXml.withMaxBytes(order.length - 1);
        assertThatThrownBy(() -> small.read(order))
                .isInstanceOf(UftpXmlException.class)
                .hasMessage("message of " + order.length + " bytes is larger than the limit of " + (order.length - 1)
                        + " bytes");
        assertThat(UftpXml.withMaxBytes(order.length).read(order)).isEqualTo(Samples.flexOrder());
    }

    @Test
    void aHugeMessageIsRefusedByTheDefaultLimit() {
        byte[] huge = new byte[UftpXml.DEFAULT_MAX_BYTES + 1];
        java.util.Arrays.fill(huge, (byte) ' ');
        refused(huge, "larger than the limit");
    }
}
