package io.flexledger.chaincode;

import static io.flexledger.chaincode.MarketFixture.AGG1;
import static io.flexledger.chaincode.MarketFixture.AGG2;
import static io.flexledger.chaincode.MarketFixture.DSO;
import static io.flexledger.chaincode.MarketFixture.SALT;
import static io.flexledger.chaincode.OfferContractTest.assertCode;
import static io.flexledger.chaincode.UftpContractTest.AGR1_DOMAIN;
import static io.flexledger.chaincode.UftpContractTest.AGR1_KEY;
import static io.flexledger.chaincode.UftpContractTest.AGR2_DOMAIN;
import static io.flexledger.chaincode.UftpContractTest.AGR2_KEY;
import static io.flexledger.chaincode.UftpContractTest.CONV;
import static io.flexledger.chaincode.UftpContractTest.DSO_DOMAIN;
import static io.flexledger.chaincode.UftpContractTest.DSO_KEY;
import static io.flexledger.chaincode.UftpContractTest.MSG1;
import static io.flexledger.chaincode.UftpContractTest.MSG2;
import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.chaincode.codec.JsonInput;
import io.flexledger.chaincode.support.Keys;
import io.flexledger.contract.ErrorCode;
import io.flexledger.domain.market.Baseline;
import io.flexledger.domain.time.MarketPeriod;
import io.flexledger.domain.units.Kilowatts;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A D-Prognosis of a congestion point where the aggregator has several homes: recorded when it is, ISP by
 * ISP and to the watt, the sum of the homes' revealed baselines; the aggregator's ways of bending that
 * are refused by the chaincode itself.
 */
class PrognosisContractTest {
    static final String DAY = "2026-11-27";
    static final String CP = "TX1-F1";
    static final String ADDRESS = "ea1.2026-11.flexledger.test:" + CP;

    MarketFixture m;
    final UftpContract uftp = new UftpContract();

    /** 96 values: {@code base} kW everywhere, {@code peak} kW in slot 70. */
    static List<Kilowatts> values(String base, String peak) {
        List<Kilowatts> v = new ArrayList<>();
        for (int i = 0; i < 96; i++) {
            v.add(Kilowatts.of(i == 70 ? peak : base));
        }
        return v;
    }

    static final List<Kilowatts> HOME1 = values("0.4", "3.2");
    static final List<Kilowatts> HOME3 = values("0.123", "1.001");
    static final List<Kilowatts> HOME4 = values("2", "2");

    @BeforeEach
    void seed() {
        m = new MarketFixture().seeded();
        register(DSO, DSO_DOMAIN, "DSO", DSO_KEY.publicKey(), 9001);
        register(AGG1, AGR1_DOMAIN, "AGR", AGR1_KEY.publicKey(), 9002);
        register(AGG2, AGR2_DOMAIN, "AGR", AGR2_KEY.publicKey(), 9003);
        // Aggregator1 has home-1 and home-3 at TX1-F1; Aggregator2 has home-4 there too.
        m.asset(AGG1, "home-3", CP);
        m.asset(AGG2, "home-4", CP);
        commitAndReveal(AGG1, "home-1", HOME1);
        commitAndReveal(AGG1, "home-3", HOME3);
        commitAndReveal(AGG2, "home-4", HOME4);
    }

    void register(String msp, String domain, String role, String key, int port) {
        String json = UftpContractTest.participant(
                domain, role, key, "http://127.0.0.1:" + port + "/shapeshifter/api/v3/message");
        m.ledger.as(msp, () -> uftp.registerParticipant(m.ledger.ctx, json));
    }

    void commit(String msp, String home, List<Kilowatts> values) {
        String hash = new Baseline(home, MarketPeriod.of(LocalDate.parse(DAY)), values).commitmentHash(SALT);
        String json = "{\"assetId\":\"" + home + "\",\"day\":\"" + DAY + "\",\"hashHex\":\"" + hash + "\"}";
        m.ledger.as(msp, () -> m.baselines.commitBaseline(m.ledger.ctx, json));
    }

    void commitAndReveal(String msp, String home, List<Kilowatts> values) {
        commit(msp, home, values);
        reveal(msp, home, values);
    }

    void reveal(String msp, String home, List<Kilowatts> values) {
        String json = "{\"assetId\":\"" + home + "\",\"day\":\"" + DAY + "\",\"salt\":\"" + SALT + "\",\"kwBySlot\":["
                + values.stream().map(Kilowatts::toString).collect(Collectors.joining(",")) + "]}";
        m.ledger.transientData = Map.of("baseline", json.getBytes(StandardCharsets.UTF_8));
        try {
            m.ledger.as(msp, () -> m.baselines.revealBaseline(m.ledger.ctx));
        } finally {
            m.ledger.transientData = Map.of();
        }
    }

    /** Watts per ISP: the sum of {@code homes}' kW times 1000. */
    @SafeVarargs
    static long[] watts(List<Kilowatts>... homes) {
        long[] w = new long[96];
        for (List<Kilowatts> h : homes) {
            for (int i = 0; i < 96; i++) {
                w[i] += h.get(i).value().movePointRight(3).longValueExact();
            }
        }
        return w;
    }

    static String xml(String messageId, String sender, String period, String address, long[] watts, String extra) {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<D-Prognosis Version=\"3.1.0\""
                + " SenderDomain=\"" + sender + "\" RecipientDomain=\"" + DSO_DOMAIN
                + "\" TimeStamp=\"2026-11-26T12:00:00Z\" MessageID=\"" + messageId + "\" ConversationID=\"" + CONV
                + "\" ISP-Duration=\"PT15M\" TimeZone=\"Europe/London\" Period=\"" + period + "\" CongestionPoint=\""
                + address + "\" Revision=\"1\">");
        for (int i = 0; i < watts.length; i++) {
            b.append("<ISP Power=\"")
                    .append(watts[i])
                    .append("\" Start=\"")
                    .append(i + 1)
                    .append("\"/>");
        }
        return b.append(extra).append("</D-Prognosis>").toString();
    }

    static Map<String, byte[]> envelope(String messageId, long[] watts) {
        return envelope(messageId, AGR1_DOMAIN, AGR1_KEY, xml(messageId, AGR1_DOMAIN, DAY, ADDRESS, watts, ""));
    }

    static Map<String, byte[]> envelope(String messageId, String sender, UftpContractTest.Cs1Key key, String xml) {
        return UftpContractTest.envelope(
                "D-Prognosis", messageId, sender, DSO_DOMAIN, xml.getBytes(StandardCharsets.UTF_8), key);
    }

    static String input(String cp, String day) {
        return "{\"congestionPointId\":\"" + cp + "\",\"day\":\"" + day + "\"}";
    }

    String record(String msp, Map<String, byte[]> envelope, String json) {
        return m.ledger.invoke(
                msp,
                m.baselines,
                "baselines:RecordPrognosis",
                envelope,
                () -> m.baselines.recordPrognosis(m.ledger.ctx, json),
                json);
    }

    ChaincodeException refused(String msp, Map<String, byte[]> envelope, String json) {
        Map<String, String> before = m.ledger.snapshot();
        try {
            record(msp, envelope, json);
        } catch (ChaincodeException e) {
            // A refusal writes nothing: neither the prognosis nor the message.
            assertThat(m.ledger.snapshot()).isEqualTo(before);
            return e;
        }
        throw new AssertionError("the D-Prognosis was recorded");
    }

    @Test
    void theSumOfTheHomesRevealedBaselinesIsRecordedWithItsMessage() {
        String json = record(AGG1, envelope(MSG1, watts(HOME1, HOME3)), input(CP, DAY));
        JsonInput r = JsonInput.parse(json);
        assertThat(r.string("aggregatorMsp")).isEqualTo(AGG1);
        assertThat(r.string("messageId")).isEqualTo(MSG1);
        assertThat(json)
                .contains("\"assetId\":\"home-1\"", "\"assetId\":\"home-3\"")
                .doesNotContain("home-4");
        // Anyone reads it; the message log names the transaction that carried the message.
        assertThat(m.ledger.as(DSO, () -> m.baselines.readPrognosis(m.ledger.ctx, CP, DAY, AGG1)))
                .isEqualTo(json);
        JsonInput logged = JsonInput.parse(m.ledger.get(Keys.UFTP_MESSAGE, AGR1_DOMAIN, MSG1));
        assertThat(logged.string("transaction")).isEqualTo("baselines:RecordPrognosis");
        assertThat(logged.string("sha256")).isEqualTo(r.string("sha256"));
    }

    @Test
    void oneIspOneWattOffIsRefusedNamingThatIsp() {
        long[] w = watts(HOME1, HOME3);
        w[70] += 1;
        ChaincodeException e = refused(AGG1, envelope(MSG1, w), input(CP, DAY));
        assertCode(e, ErrorCode.PROGNOSIS_MISMATCH);
        assertThat(e.getMessage()).contains("ISP 71", "4202 W", "4201 W");
    }

    @Test
    void aHomeWithoutARevealedBaselineIsNamed() {
        m.asset(AGG1, "home-5", CP);
        // Committed but not revealed: the aggregator could still reveal other values than it forecasts.
        commit(AGG1, "home-5", HOME3);
        ChaincodeException e = refused(AGG1, envelope(MSG1, watts(HOME1, HOME3, HOME3)), input(CP, DAY));
        assertCode(e, ErrorCode.PROGNOSIS_BASELINE_MISSING);
        assertThat(e.getMessage()).contains("home-5");
        // Not committed at all (home-5 revealed meanwhile).
        reveal(AGG1, "home-5", HOME3);
        m.asset(AGG1, "home-6", CP);
        ChaincodeException none = refused(AGG1, envelope(MSG1, watts(HOME1, HOME3, HOME3)), input(CP, DAY));
        assertCode(none, ErrorCode.PROGNOSIS_BASELINE_MISSING);
        assertThat(none.getMessage()).contains("home-6").doesNotContain("home-5");
    }

    @Test
    void afterGateClosureItIsRefused() {
        m.ledger.now = Instant.parse("2026-11-27T00:00:00Z");
        assertCode(refused(AGG1, envelope(MSG1, watts(HOME1, HOME3)), input(CP, DAY)), ErrorCode.BASELINE_GATE_CLOSED);
    }

    @Test
    void theFirstIsFinalAndAReplayIsRefused() {
        record(AGG1, envelope(MSG1, watts(HOME1, HOME3)), input(CP, DAY));
        assertCode(refused(AGG1, envelope(MSG1, watts(HOME1, HOME3)), input(CP, DAY)), ErrorCode.UFTP_MESSAGE_REPLAYED);
        assertCode(refused(AGG1, envelope(MSG2, watts(HOME1, HOME3)), input(CP, DAY)), ErrorCode.PROGNOSIS_EXISTS);
    }

    @Test
    void anotherAggregatorsHomesDoNotCount() {
        // Counting Aggregator2's home-4 (also at TX1-F1) in Aggregator1's prognosis.
        assertCode(
                refused(AGG1, envelope(MSG1, watts(HOME1, HOME3, HOME4)), input(CP, DAY)),
                ErrorCode.PROGNOSIS_MISMATCH);
        // Aggregator2's prognosis is its own home's alone, and is not Aggregator1's record.
        Map<String, byte[]> agr2 =
                envelope(MSG2, AGR2_DOMAIN, AGR2_KEY, xml(MSG2, AGR2_DOMAIN, DAY, ADDRESS, watts(HOME4), ""));
        record(AGG2, agr2, input(CP, DAY));
        assertCode(
                m.ledger.refused(DSO, () -> m.baselines.readPrognosis(m.ledger.ctx, CP, DAY, AGG1)),
                ErrorCode.BASELINE_NOT_FOUND);
    }

    @Test
    void theEdgeCannotStateAnotherDayOrCongestionPointThanTheSignedMessage() {
        assertCode(refused(AGG1, envelope(MSG1, watts(HOME1, HOME3)), input("TX1-F2", DAY)), ErrorCode.INVALID_FIELD);
        assertCode(
                refused(AGG1, envelope(MSG1, watts(HOME1, HOME3)), input(CP, "2026-11-28")), ErrorCode.INVALID_FIELD);
    }

    @Test
    void xmlThatAParserAndThisReaderCouldReadDifferentlyIsRefused() {
        // An ISP hidden in a comment: an XML parser skips it.
        long[] w = watts(HOME1, HOME3);
        String hidden = xml(MSG1, AGR1_DOMAIN, DAY, ADDRESS, w, "<!-- <ISP Power=\"1\" Start=\"1\"/> -->");
        assertCode(
                refused(AGG1, envelope(MSG1, AGR1_DOMAIN, AGR1_KEY, hidden), input(CP, DAY)),
                ErrorCode.MALFORMED_INPUT);
        // A '>' inside a quoted value: this reader's tag would end there, an XML parser's reads on to Power="1".
        String first = "<ISP Power=\"" + w[0] + "\" Start=\"1\"/>";
        String split = xml(MSG1, AGR1_DOMAIN, DAY, ADDRESS, w, "")
                .replace(first, "<ISP Start=\"1\" Note=' Power=\"" + w[0] + "\" >' Power=\"1\"/>");
        assertThat(split).doesNotContain(first);
        assertCode(
                refused(AGG1, envelope(MSG1, AGR1_DOMAIN, AGR1_KEY, split), input(CP, DAY)), ErrorCode.MALFORMED_INPUT);
        // An ISP given twice.
        String twice = xml(MSG1, AGR1_DOMAIN, DAY, ADDRESS, w, "<ISP Power=\"1\" Start=\"5\"/>");
        assertCode(
                refused(AGG1, envelope(MSG1, AGR1_DOMAIN, AGR1_KEY, twice), input(CP, DAY)), ErrorCode.INVALID_FIELD);
    }

    @Test
    void anIspThatAParserBoundToUftpsSchemaWouldNotSeeIsRefused() {
        long[] w = watts(HOME1, HOME3);
        String plain = xml(MSG1, AGR1_DOMAIN, DAY, ADDRESS, w, "");
        String first = "<ISP Power=\"" + w[0] + "\" Start=\"1\"/>";
        // ISP 1 moved where a UFTP parser does not look for ISPs: the chaincode must not count it either.
        for (String moved : List.of(
                "<x:ISP xmlns:x=\"urn:other\" Power=\"" + w[0] + "\" Start=\"1\"/>",
                "<Extension><ISP Power=\"" + w[0] + "\" Start=\"1\"/></Extension>",
                "<ISP Power=\"" + w[1] + "\" Start=\"2\">" + first + "</ISP>")) {
            String attack = plain.replace(first, "").replace("</D-Prognosis>", moved + "</D-Prognosis>");
            assertCode(
                    refused(AGG1, envelope(MSG1, AGR1_DOMAIN, AGR1_KEY, attack), input(CP, DAY)),
                    ErrorCode.MALFORMED_INPUT);
        }
        // After the document's end, in text, or in a D-Prognosis of another namespace.
        for (String attack : List.of(
                plain.replace(first, "") + first,
                plain.replace(first, "ISP 1: " + w[0] + " W"),
                plain.replace("<D-Prognosis ", "<D-Prognosis xmlns=\"urn:other\" "),
                plain.replace("<D-Prognosis ", "<u:D-Prognosis xmlns:u=\"urn:other\" ")
                        .replace("</D-Prognosis>", "</u:D-Prognosis>"))) {
            assertCode(
                    refused(AGG1, envelope(MSG1, AGR1_DOMAIN, AGR1_KEY, attack), input(CP, DAY)),
                    ErrorCode.MALFORMED_INPUT);
        }
        // The same ISPs, written as start and end tags with white space between, are read.
        String spaced = plain.replace("/>", "></ISP>\n  ");
        record(AGG1, envelope(MSG1, AGR1_DOMAIN, AGR1_KEY, spaced), input(CP, DAY));
    }

    @Test
    void aMissingIspIsRefused() {
        long[] w = java.util.Arrays.copyOf(watts(HOME1, HOME3), 95);
        assertCode(refused(AGG1, envelope(MSG1, w), input(CP, DAY)), ErrorCode.INVALID_FIELD);
    }

    @Test
    void theDsoDoesNotRecordAnAggregatorsPrognosis() {
        // Relaying the aggregator's signed message: the domain is not the DSO's.
        assertCode(refused(DSO, envelope(MSG1, watts(HOME1, HOME3)), input(CP, DAY)), ErrorCode.UFTP_SENDER_NOT_CALLER);
        // And the transaction itself is an aggregator's.
        assertCode(
                m.ledger.refused(DSO, () -> m.baselines.recordPrognosis(m.ledger.ctx, input(CP, DAY))),
                ErrorCode.BASELINE_MSP_NOT_ALLOWED);
    }
}
