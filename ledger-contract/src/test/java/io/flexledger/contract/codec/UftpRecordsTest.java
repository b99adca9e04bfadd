package io.flexledger.contract.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.flexledger.contract.ErrorCode;
import io.flexledger.domain.market.FlexOffer;
import io.flexledger.domain.market.FlexOfferState;
import io.flexledger.domain.units.EurosPerKwh;
import io.flexledger.domain.units.Kilowatts;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class UftpRecordsTest {
    static final String PARTICIPANT = "{\"at\":\"2026-11-26T10:00:00Z\",\"domain\":\"agr1.flexledger.local\","
            + "\"endpoint\":\"https://agr1.flexledger.local/shapeshifter/api/v3/message\",\"msp\":\"Aggregator1MSP\","
            + "\"publicKey\":\"cs1.AAAA\",\"role\":\"AGR\",\"txId\":\"tx-1\",\"version\":2}";
    static final String MESSAGE = "{\"at\":\"2026-11-26T10:00:01Z\","
            + "\"conversationId\":\"8d2f0c36-1b7e-4a0b-9d3c-000000000002\",\"keyVersion\":1,"
            + "\"messageId\":\"8d2f0c36-1b7e-4a0b-9d3c-000000000001\",\"messageType\":\"FlexOffer\","
            + "\"recipientDomain\":\"dso.flexledger.local\",\"senderDomain\":\"agr1.flexledger.local\","
            + "\"senderMsp\":\"Aggregator1MSP\",\"senderRole\":\"AGR\",\"sha256\":\"" + "ab".repeat(32) + "\","
            + "\"signature\":\"c2ln\",\"transaction\":\"offers:CreateOffer\",\"txId\":\"tx-2\"}";
    static final String OPTIONS = "{\"aggregatorMsp\":\"Aggregator1MSP\","
            + "\"flexOfferMessageId\":\"8d2f0c36-1b7e-4a0b-9d3c-000000000001\","
            + "\"offerIds\":[\"8d2f0c36-1b7e-4a0b-9d3c-000000000001.home-1\","
            + "\"8d2f0c36-1b7e-4a0b-9d3c-000000000001.home-3\"],\"txId\":\"tx-3\"}";

    static String roundTrip(
            String json,
            java.util.function.Function<JsonFields, ?> read,
            java.util.function.Function<Object, java.util.Map<String, Object>> write) {
        return CanonicalJson.write(write.apply(read.apply(MarketRecords.stored(json))));
    }

    @Test
    void aStoredParticipantReadsBackToTheSameBytes() {
        UftpRecords.StoredParticipant p = UftpRecords.storedParticipant(MarketRecords.stored(PARTICIPANT));
        assertThat(p.msp()).isEqualTo("Aggregator1MSP");
        assertThat(p.version()).isEqualTo(2);
        assertThat(CanonicalJson.write(UftpRecords.participant(p))).isEqualTo(PARTICIPANT);
        // A record written before the time was kept reads back without it.
        String old = PARTICIPANT.replace("\"at\":\"2026-11-26T10:00:00Z\",", "");
        assertThat(CanonicalJson.write(
                        UftpRecords.participant(UftpRecords.storedParticipant(MarketRecords.stored(old)))))
                .isEqualTo(old);
    }

    @Test
    void aStoredMessageAndAFlexOffersOptionsReadBackToTheSameBytes() {
        UftpRecords.StoredMessage m = UftpRecords.storedMessage(MarketRecords.stored(MESSAGE));
        assertThat(m.keyVersion()).isEqualTo(1);
        assertThat(CanonicalJson.write(UftpRecords.message(m))).isEqualTo(MESSAGE);
        String unsigned =
                MESSAGE.replace("\"signature\":\"c2ln\",", "").replace("\"at\":\"2026-11-26T10:00:01Z\",", "");
        assertThat(CanonicalJson.write(UftpRecords.message(UftpRecords.storedMessage(MarketRecords.stored(unsigned)))))
                .isEqualTo(unsigned);

        UftpRecords.StoredOfferOptions o = UftpRecords.storedOfferOptions(MarketRecords.stored(OPTIONS));
        assertThat(o.offerIds()).hasSize(2);
        assertThat(CanonicalJson.write(UftpRecords.offerOptions(o))).isEqualTo(OPTIONS);
    }

    @Test
    void aStoredRecordMissingAFieldIsRefused() {
        String noMsp = PARTICIPANT.replace("\"msp\":\"Aggregator1MSP\",", "");
        InputRefusal r = catchThrowableOfType(
                InputRefusal.class, () -> UftpRecords.storedParticipant(MarketRecords.stored(noMsp)));
        assertThat(r.code()).isEqualTo(ErrorCode.INVALID_FIELD);
        assertThat(r.getMessage()).contains("$.msp");
    }

    static FlexOffer offer(String id, String asset) {
        TreeMap<Integer, Kilowatts> kw = new TreeMap<>();
        kw.put(68, new Kilowatts(new BigDecimal("2")));
        kw.put(0, new Kilowatts(new BigDecimal("1.5")));
        return new FlexOffer(
                id,
                "Aggregator1MSP",
                "TX1",
                asset,
                MarketRecords.RULES.period(LocalDate.of(2026, 11, 27)),
                null,
                kw,
                new EurosPerKwh(new BigDecimal("0.42")),
                new BigDecimal("0.5"),
                FlexOfferState.OFFERED);
    }

    static JsonFields input(java.util.Map<String, Object> written) {
        return MarketRecords.stored(CanonicalJson.write(written));
    }

    @Test
    void theInputsOfTheUftpTransactionsReadBackToEqualValues() {
        UftpRecords.Participant p = new UftpRecords.Participant(
                "dso.flexledger.local", "DSO", "cs1.AAAA", "https://dso.flexledger.local/uftp");
        assertThat(UftpRecords.participant(input(UftpRecords.participantInput(p))))
                .isEqualTo(p);

        String id = "8d2f0c36-1b7e-4a0b-9d3c-000000000001";
        UftpRecords.OfferOptions options = new UftpRecords.OfferOptions(
                id, List.of(offer(id + ".home-1", "home-1"), offer(id + ".home-3", "home-3")));
        assertThat(UftpRecords.offerOptions(input(UftpRecords.offerOptionsInput(options)), "Aggregator1MSP"))
                .isEqualTo(options);
        // Each option travels as the input of offers:CreateOffer, in the FlexOffer's order.
        assertThat(MarketRecords.stored(CanonicalJson.write(UftpRecords.offerOptionsInput(options)))
                        .stringList("offers"))
                .containsExactly(
                        CanonicalJson.write(
                                MarketRecords.offerInput(options.offers().get(0))),
                        CanonicalJson.write(
                                MarketRecords.offerInput(options.offers().get(1))));

        UftpRecords.OptionsRevocation r = new UftpRecords.OptionsRevocation(id, "FlexOfferRevocation x");
        assertThat(UftpRecords.optionsRevocation(input(UftpRecords.optionsRevocationInput(r))))
                .isEqualTo(r);

        UftpRecords.PrognosisOf g = new UftpRecords.PrognosisOf("TX1", LocalDate.of(2026, 11, 27));
        assertThat(UftpRecords.prognosis(input(UftpRecords.prognosisInput(g)))).isEqualTo(g);
        assertThat(CanonicalJson.write(UftpRecords.prognosisInput(g)))
                .isEqualTo("{\"congestionPointId\":\"TX1\",\"day\":\"2026-11-27\"}");
    }
}
