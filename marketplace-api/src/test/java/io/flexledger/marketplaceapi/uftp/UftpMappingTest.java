package io.flexledger.marketplaceapi.uftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flexledger.uftp.DPrognosis;
import io.flexledger.uftp.FlexOffer;
import io.flexledger.uftp.FlexOfferOption;
import io.flexledger.uftp.FlexOfferOptionIsp;
import io.flexledger.uftp.FlexOfferResponse;
import io.flexledger.uftp.UsefRole;
import java.math.BigDecimal;
import java.time.Duration;
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
        DPrognosis prognosis =
                UftpMessages.day(UftpMessages.meta(new DPrognosis(), UftpMessages.AGR1, UftpMessages.DSO, 8));
        assertThat(UftpMapping.map(prognosis, UsefRole.AGR, "2", HASH)
                        .transaction()
                        .fullName())
                .isEqualTo("uftp:RecordMessage");
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
