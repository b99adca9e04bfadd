package io.flexledger.marketplaceapi.uftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flexledger.domain.market.Baseline;
import io.flexledger.domain.time.MarketRules;
import io.flexledger.domain.units.Kilowatts;
import io.flexledger.uftp.DPrognosis;
import io.flexledger.uftp.FlexOffer;
import io.flexledger.uftp.FlexOfferOption;
import io.flexledger.uftp.FlexOfferOptionIsp;
import io.flexledger.uftp.FlexOfferResponse;
import io.flexledger.uftp.UsefRole;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UftpMappingTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String HASH = "ab".repeat(32);

    static JsonNode argument(UftpMapping.LedgerCall call) throws Exception {
        return JSON.readTree(call.argument());
    }

    @Test
    void aFlexRequestIsTheDsosRequestWithTheRequestedReductionPerSlot() throws Exception {
        UftpMapping.LedgerCall call = UftpMapping.map(UftpMessages.request(1), UsefRole.DSO, "2", HASH);
        assertThat(call.transaction().fullName()).isEqualTo("requests:CreateRequest");
        JsonNode a = argument(call);
        assertThat(a.path("id").asText()).isEqualTo(UftpMessages.id(1).toString());
        assertThat(a.path("congestionPointId").asText()).isEqualTo("TX1");
        assertThat(a.path("day").asText()).isEqualTo("2026-11-27");
        // ISPs 69 and 70 are slots 68 and 69; 2,500 W of reduction is 2.5 kW; the Available ISP is not requested.
        assertThat(a.path("kwBySlot").toString()).isEqualTo("{\"68\":\"2.5\",\"69\":\"2.5\"}");
        assertThat(a.path("unservedPenalty").asText()).isEqualTo("2");
    }

    @Test
    void aFlexOfferIsOneOfferOfTheHomeItsOptionNamesPricedPerKwh() throws Exception {
        UftpMapping.LedgerCall call = UftpMapping.map(UftpMessages.offer(2, "home-1", 1), UsefRole.AGR, "2", HASH);
        assertThat(call.transaction().fullName()).isEqualTo("offers:CreateOffer");
        assertThat(call.endorsement()).isEqualTo(UftpMapping.Endorsement.DSO_AND_SELF);
        JsonNode a = argument(call);
        assertThat(a.path("id").asText()).isEqualTo(UftpMessages.id(2).toString());
        assertThat(a.path("assetId").asText()).isEqualTo("home-1");
        assertThat(a.path("requestId").asText()).isEqualTo(UftpMessages.id(1).toString());
        assertThat(a.path("kwBySlot").toString()).isEqualTo("{\"68\":\"2\",\"69\":\"2\",\"70\":\"2\"}");
        // 0.63 EUR for 3 slots of 2 kW (1.5 kWh): 0.42 EUR/kWh.
        assertThat(a.path("price").asText()).isEqualTo("0.42000");
        assertThat(a.path("minActivation").asText()).isEqualTo("0.5");
        assertThat(UftpMapping.map(UftpMessages.offer(3, "home-1", null), UsefRole.AGR, "2", HASH)
                        .argument())
                .doesNotContain("requestId");
    }

    @Test
    void aRevocationAnOrderAndADisputedLineMapToTheirTransactions() throws Exception {
        UftpMapping.LedgerCall revoke = UftpMapping.map(UftpMessages.revocation(4, 2), UsefRole.AGR, "2", HASH);
        assertThat(revoke.transaction().fullName()).isEqualTo("revocations:RevokeOffer");
        assertThat(argument(revoke).path("offerId").asText())
                .isEqualTo(UftpMessages.id(2).toString());

        UftpMapping.LedgerCall order = UftpMapping.map(UftpMessages.order(5, 2), UsefRole.DSO, "2", HASH);
        assertThat(order.transaction().fullName()).isEqualTo("orders:CreateOrder");
        assertThat(order.endorsement()).isEqualTo(UftpMapping.Endorsement.OF_OFFER);
        assertThat(order.reference()).isEqualTo(UftpMessages.id(2).toString());
        assertThat(argument(order).path("activation").asText()).isEqualTo("1");

        UftpMapping.LedgerCall dispute =
                UftpMapping.map(UftpMessages.settlementResponse(6, "ord-7"), UsefRole.AGR, "2", HASH);
        assertThat(dispute.transaction().fullName()).isEqualTo("disputes:OpenDispute");
        assertThat(dispute.reference()).isEqualTo("stl-ord-7");
        assertThat(argument(dispute).path("evidenceHash").asText()).isEqualTo(HASH);
        assertThat(argument(dispute).path("reason").asText()).isEqualTo("meter shows full delivery");
    }

    @Test
    void aDisputedLineClaimsTheOrderDeliveredInFull() throws Exception {
        JsonNode settlement =
                JSON.readTree("{\"creditedKwh\":\"1.000000\",\"shortfallKwh\":\"1.000000\",\"netEur\":\"0.1000\"}");
        JsonNode order = JSON.readTree("{\"cost\":\"0.4000\"}");
        JsonNode claim = JSON.readTree(UftpMapping.withFullDeliveryClaim("{\"id\":\"d-1\"}", settlement, order))
                .path("claim");
        assertThat(claim.path("creditedKwh").asText()).isEqualTo("2.000000");
        assertThat(claim.path("shortfallKwh").asText()).isEqualTo("0");
        assertThat(claim.path("netEur").asText()).isEqualTo("0.4000");
    }

    @Test
    void messagesWithoutABusinessEffectAreRecordedAlone() throws Exception {
        assertThat(UftpMapping.map(UftpMessages.settlementResponse(6), UsefRole.AGR, "2", HASH)
                        .transaction()
                        .fullName())
                .isEqualTo("uftp:RecordMessage");
        FlexOfferResponse response = UftpMessages.meta(new FlexOfferResponse(), UftpMessages.DSO, UftpMessages.AGR1, 7);
        response.setFlexOfferMessageId(UftpMessages.id(2)).accept();
        assertThat(UftpMapping.map(response, UsefRole.DSO, "2", HASH)
                        .transaction()
                        .fullName())
                .isEqualTo("uftp:RecordMessage");
    }

    /** Before the gate of {@link UftpMessages#DAY} (27 November 2026, 96 ISPs) closes. */
    static final Instant BEFORE_GATE = Instant.parse("2026-11-26T12:00:00Z");

    @Test
    void aDPrognosisIsTheHomesBaselineOfEveryIspInKilowatts() throws Exception {
        UftpMapping.Prognosis p =
                UftpMapping.prognosis(UftpMessages.prognosis(8, UftpMessages.DAY, 96), UsefRole.AGR, BEFORE_GATE);
        assertThat(p.congestionPointId()).isEqualTo("TX1");
        assertThat(p.kwBySlot()).hasSize(96);
        assertThat(p.kwBySlot().get(0).toString()).isEqualTo("1.201");
        assertThat(p.kwBySlot().get(95).toString()).isEqualTo("1.296");
        String salt = "00112233445566778899aabbccddeeff";
        JsonNode commit = JSON.readTree(p.commitment("home-1", salt));
        JsonNode reveal = JSON.readTree(p.reveal("home-1", salt));
        assertThat(commit.path("day").asText()).isEqualTo("2026-11-27");
        // The commitment is the hash that the revealed values and salt give, as the chaincode checks.
        List<Kilowatts> revealed = new java.util.ArrayList<>();
        reveal.path("kwBySlot").forEach(v -> revealed.add(new Kilowatts(v.decimalValue())));
        assertThat(commit.path("hashHex").asText())
                .isEqualTo(new Baseline("home-1", MarketRules.DEFAULT.period(UftpMessages.DAY), revealed)
                        .commitmentHash(reveal.path("salt").asText()));
        assertThat(reveal.path("salt").asText()).isEqualTo(salt);
    }

    @Test
    void aDPrognosisMissingAnIspOrGivingOneTwiceOrBeyondTheDayIsRejected() {
        DPrognosis short95 = UftpMessages.prognosis(8, UftpMessages.DAY, 95);
        assertThatThrownBy(() -> UftpMapping.prognosis(short95, UsefRole.AGR, BEFORE_GATE))
                .isInstanceOf(UftpMapping.Rejected.class)
                .hasMessageContaining("all 96 ISPs of 2026-11-27, not 95");
        DPrognosis twice = UftpMessages.prognosis(8, UftpMessages.DAY, 96);
        twice.getIsps().get(1).setStart(1);
        assertThatThrownBy(() -> UftpMapping.prognosis(twice, UsefRole.AGR, BEFORE_GATE))
                .hasMessageContaining("ISP 1 appears twice");
        DPrognosis beyond = UftpMessages.prognosis(8, UftpMessages.DAY, 96);
        beyond.getIsps().get(95).setStart(97);
        assertThatThrownBy(() -> UftpMapping.prognosis(beyond, UsefRole.AGR, BEFORE_GATE))
                .hasMessageContaining("ISP 97 is not an ISP of 2026-11-27, which has 96");
        // The day the clocks go back has 100 ISPs: 96 are not the whole day.
        DPrognosis autumn = UftpMessages.prognosis(8, java.time.LocalDate.of(2026, 10, 25), 96);
        assertThatThrownBy(() -> UftpMapping.prognosis(autumn, UsefRole.AGR, Instant.parse("2026-10-20T00:00:00Z")))
                .hasMessageContaining("all 100 ISPs");
        assertThat(catchThrowable(() -> UftpMapping.prognosis(
                        UftpMessages.prognosis(8, java.time.LocalDate.of(2026, 10, 25), 100),
                        UsefRole.AGR,
                        Instant.parse("2026-10-20T00:00:00Z"))))
                .isNull();
    }

    @Test
    void aDPrognosisAfterGateClosureOrFromTheDsoIsRejected() {
        DPrognosis p = UftpMessages.prognosis(8, UftpMessages.DAY, 96);
        // Gate closure of 27 November is 23:00 UTC on the 26th: a baseline sent later would know the day.
        assertThatThrownBy(() -> UftpMapping.prognosis(p, UsefRole.AGR, Instant.parse("2026-11-26T23:00:00Z")))
                .isInstanceOf(UftpMapping.Rejected.class)
                .hasMessageContaining("gate closure for 2026-11-27 was at 2026-11-26T23:00:00Z");
        assertThatThrownBy(() -> UftpMapping.prognosis(p, UsefRole.DSO, BEFORE_GATE))
                .hasMessageContaining("D-Prognosis is sent by a AGR");
        assertThatThrownBy(() -> UftpMapping.map(p, UsefRole.AGR, "2", HASH))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMessageOfTheOtherRoleIsRejected() {
        // An aggregator's participant sending a FlexOrder, or a DSO's sending a FlexOffer.
        assertThatThrownBy(() -> UftpMapping.map(UftpMessages.order(5, 2), UsefRole.AGR, "2", HASH))
                .isInstanceOf(UftpMapping.Rejected.class)
                .hasMessageContaining("FlexOrder is sent by a DSO");
        assertThatThrownBy(() -> UftpMapping.map(UftpMessages.offer(2, "home-1", null), UsefRole.DSO, "2", HASH))
                .isInstanceOf(UftpMapping.Rejected.class);
    }

    @Test
    void whatTheLedgerCannotHoldIsRejectedWithTheReason() {
        FlexOffer two = UftpMessages.offer(2, "home-1", null);
        FlexOfferOption b = new FlexOfferOption().setOptionReference("home-2").setPrice(BigDecimal.ONE);
        b.getIsps().add(new FlexOfferOptionIsp().setPower(-1_000L).setStart(1));
        two.getOfferOptions().add(b);
        assertThatThrownBy(() -> UftpMapping.map(two, UsefRole.AGR, "2", HASH))
                .hasMessageContaining("one OfferOption per FlexOffer");
        FlexOffer hourly = UftpMessages.offer(2, "home-1", null);
        hourly.setIspDuration(Duration.ofHours(1));
        assertThatThrownBy(() -> UftpMapping.map(hourly, UsefRole.AGR, "2", HASH))
                .hasMessageContaining("ISP-Duration must be PT15M");
        FlexOffer ean = UftpMessages.offer(2, "home-1", null);
        ean.setCongestionPoint("ean.123456789012");
        assertThatThrownBy(() -> UftpMapping.map(ean, UsefRole.AGR, "2", HASH))
                .hasMessageContaining("CongestionPoint must be an ea1 address");
        assertThatThrownBy(() ->
                        UftpMapping.map(UftpMessages.settlementResponse(6, "ord-1", "ord-2"), UsefRole.AGR, "2", HASH))
                .hasMessageContaining("one Disputed line");
    }
}
