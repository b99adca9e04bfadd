package io.flexledger.marketplaceapi.uftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.domain.market.Baseline;
import io.flexledger.domain.time.MarketRules;
import io.flexledger.domain.units.Kilowatts;
import io.flexledger.uftp.DPrognosis;
import io.flexledger.uftp.FlexOffer;
import io.flexledger.uftp.FlexOfferOption;
import io.flexledger.uftp.FlexOfferOptionIsp;
import io.flexledger.uftp.FlexOfferResponse;
import io.flexledger.uftp.FlexOrder;
import io.flexledger.uftp.UsefRole;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UftpMappingTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String HASH = "ab".repeat(32);

    static JsonNode argument(UftpMapping.LedgerCall call) throws Exception {
        return JSON.readTree(UftpMessages.input(call));
    }

    @Test
    void aFlexRequestIsTheDsosRequestWithTheRequestedReductionPerSlot() throws Exception {
        UftpMapping.LedgerCall call = UftpMapping.map(UftpMessages.request(1), UsefRole.DSO, "DsoMSP", "2", HASH);
        assertThat(call.transaction().fullName()).isEqualTo("requests:CreateRequest");
        JsonNode a = argument(call);
        assertThat(a.path("id").asText()).isEqualTo(UftpMessages.id(1).toString());
        assertThat(a.path("congestionPointId").asText()).isEqualTo("TX1");
        assertThat(a.path("day").asText()).isEqualTo("2026-11-27");
        // ISPs 69 and 70 are slots 68 and 69; 2,500 W of reduction is 2.5 kW; the Available ISP is not requested.
        assertThat(a.path("kwBySlot").toString()).isEqualTo("{\"68\":\"2.500\",\"69\":\"2.500\"}");
        assertThat(a.path("unservedPenalty").asText()).isEqualTo("2.00000");
        // The DSO whose edge maps it posts it.
        assertThat(a.path("dsoMsp").asText()).isEqualTo("DsoMSP");
    }

    @Test
    void aFlexOfferIsOneOfferOfTheHomeItsOptionNamesPricedPerKwh() throws Exception {
        UftpMapping.LedgerCall call =
                UftpMapping.map(UftpMessages.offer(2, "home-1", 1), UsefRole.AGR, "Aggregator1MSP", "2", HASH);
        assertThat(call.transaction().fullName()).isEqualTo("offers:CreateOffer");
        JsonNode a = argument(call);
        assertThat(a.path("id").asText()).isEqualTo(UftpMessages.id(2).toString());
        assertThat(a.path("assetId").asText()).isEqualTo("home-1");
        assertThat(a.path("requestId").asText()).isEqualTo(UftpMessages.id(1).toString());
        assertThat(a.path("kwBySlot").toString()).isEqualTo("{\"68\":\"2.000\",\"69\":\"2.000\",\"70\":\"2.000\"}");
        assertThat(a.path("aggregatorMsp").asText()).isEqualTo("Aggregator1MSP");
        // 0.63 EUR for 3 slots of 2 kW (1.5 kWh): 0.42 EUR/kWh.
        assertThat(a.path("price").asText()).isEqualTo("0.42000");
        assertThat(a.path("minActivation").asText()).isEqualTo("0.5");
        assertThat(UftpMessages.input(UftpMapping.map(
                        UftpMessages.offer(3, "home-1", null), UsefRole.AGR, "Aggregator1MSP", "2", HASH)))
                .doesNotContain("requestId");
    }

    @Test
    void aRevocationAnOrderAndADisputedLineMapToTheirTransactions() throws Exception {
        UftpMapping.LedgerCall revoke =
                UftpMapping.map(UftpMessages.revocation(4, 2), UsefRole.AGR, "Aggregator1MSP", "2", HASH);
        assertThat(revoke.transaction().fullName()).isEqualTo("revocations:RevokeOffer");
        assertThat(argument(revoke).path("offerId").asText())
                .isEqualTo(UftpMessages.id(2).toString());

        UftpMapping.LedgerCall order = UftpMapping.map(UftpMessages.order(5, 2), UsefRole.DSO, "DsoMSP", "2", HASH);
        assertThat(order.transaction().fullName()).isEqualTo("orders:CreateOrder");
        assertThat(order.reference()).isEqualTo(UftpMessages.id(2).toString());
        assertThat(argument(order).path("activation").asText()).isEqualTo("1");

        UftpMapping.LedgerCall dispute =
                UftpMapping.map(UftpMessages.settlementResponse(6, "ord-7"), UsefRole.AGR, "Aggregator1MSP", "2", HASH);
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
        io.flexledger.domain.settlement.DisputeClaim claim = UftpMapping.withFullDeliveryClaim(settlement, order);
        assertThat(claim.creditedKwh().toString()).isEqualTo("2.000000");
        assertThat(claim.shortfallKwh().value()).isZero();
        assertThat(claim.netEur().toString()).isEqualTo("0.4000");
    }

    @Test
    void messagesWithoutABusinessEffectAreRecordedAlone() throws Exception {
        assertThat(UftpMapping.map(UftpMessages.settlementResponse(6), UsefRole.AGR, "Aggregator1MSP", "2", HASH)
                        .transaction()
                        .fullName())
                .isEqualTo("uftp:RecordMessage");
        FlexOfferResponse response = UftpMessages.meta(new FlexOfferResponse(), UftpMessages.DSO, UftpMessages.AGR1, 7);
        response.setFlexOfferMessageId(UftpMessages.id(2)).accept();
        assertThat(UftpMapping.map(response, UsefRole.DSO, "DsoMSP", "2", HASH)
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
        io.flexledger.domain.market.BaselineCommitment commit =
                p.commitment("home-1", "Aggregator1MSP", salt, BEFORE_GATE);
        io.flexledger.contract.codec.MarketRecords.Reveal reveal = p.reveal("home-1", salt);
        assertThat(commit.period().day()).isEqualTo(UftpMessages.DAY);
        assertThat(commit.aggregatorMsp()).isEqualTo("Aggregator1MSP");
        // The commitment is the hash that the revealed values and salt give, as the chaincode checks.
        List<Kilowatts> revealed = reveal.baseline().kwBySlot();
        assertThat(commit.hashHex())
                .isEqualTo(new Baseline("home-1", MarketRules.DEFAULT.period(UftpMessages.DAY), revealed)
                        .commitmentHash(reveal.salt()));
        assertThat(reveal.salt()).isEqualTo(salt);
    }

    /** 96 values of {@code watts(slot)} W as kW. */
    static List<Kilowatts> kw(java.util.function.IntUnaryOperator watts) {
        List<Kilowatts> v = new java.util.ArrayList<>();
        for (int slot = 0; slot < 96; slot++) {
            v.add(new Kilowatts(BigDecimal.valueOf(watts.applyAsInt(slot)).movePointLeft(3)));
        }
        return v;
    }

    @Test
    void aDPrognosisOfSeveralHomesIsRecordedForItsCongestionPointAndDay() throws Exception {
        UftpMapping.Prognosis p =
                UftpMapping.prognosis(UftpMessages.prognosis(8, UftpMessages.DAY, 96), UsefRole.AGR, BEFORE_GATE);
        UftpMapping.LedgerCall call = UftpMapping.aggregate(p);
        assertThat(call.transaction().fullName()).isEqualTo("baselines:RecordPrognosis");
        assertThat(argument(call).toString()).isEqualTo("{\"congestionPointId\":\"TX1\",\"day\":\"2026-11-27\"}");
    }

    @Test
    void aDPrognosisOfSeveralHomesIsTheirRevealedBaselinesSummedToTheWatt() throws Exception {
        // The prognosis gives 1200 + n W in ISP n; home-1 carries 1000 W, home-2 the rest.
        UftpMapping.Prognosis p =
                UftpMapping.prognosis(UftpMessages.prognosis(8, UftpMessages.DAY, 96), UsefRole.AGR, BEFORE_GATE);
        java.util.Map<String, Optional<List<Kilowatts>>> homes = new java.util.LinkedHashMap<>();
        homes.put("home-1", Optional.of(kw(slot -> 1000)));
        homes.put("home-2", Optional.of(kw(slot -> 201 + slot)));
        assertThat(UftpMapping.inconsistency(p, homes)).isEmpty();
        // One watt off in one ISP: that ISP is named with both figures.
        homes.put("home-2", Optional.of(kw(slot -> slot == 70 ? 272 : 201 + slot)));
        assertThat(UftpMapping.inconsistency(p, homes))
                .hasValueSatisfying(r -> assertThat(r).contains("ISP 71", "1271 W", "1272 W"));
        // A home without a revealed baseline is named.
        homes.put("home-2", Optional.empty());
        assertThat(UftpMapping.inconsistency(p, homes))
                .hasValueSatisfying(r -> assertThat(r).contains("home home-2", "no revealed baseline"));
        // A third home's baseline counted in the prognosis (another's, or one the prognosis left out).
        homes.put("home-2", Optional.of(kw(slot -> 201 + slot)));
        homes.put("home-3", Optional.of(kw(slot -> 1)));
        assertThat(UftpMapping.inconsistency(p, homes))
                .hasValueSatisfying(r -> assertThat(r).contains("ISP 1:", "1201 W", "1202 W"));
        assertThat(UftpMapping.inconsistency(p, java.util.Map.of())).isPresent();
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
        assertThatThrownBy(() -> UftpMapping.map(p, UsefRole.AGR, "Aggregator1MSP", "2", HASH))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMessageOfTheOtherRoleIsRejected() {
        // An aggregator's participant sending a FlexOrder, or a DSO's sending a FlexOffer.
        assertThatThrownBy(() -> UftpMapping.map(UftpMessages.order(5, 2), UsefRole.AGR, "Aggregator1MSP", "2", HASH))
                .isInstanceOf(UftpMapping.Rejected.class)
                .hasMessageContaining("FlexOrder is sent by a DSO");
        assertThatThrownBy(
                        () -> UftpMapping.map(UftpMessages.offer(2, "home-1", null), UsefRole.DSO, "DsoMSP", "2", HASH))
                .isInstanceOf(UftpMapping.Rejected.class);
    }

    @Test
    void whatTheLedgerCannotHoldIsRejectedWithTheReason() {
        FlexOffer hourly = UftpMessages.offer(2, "home-1", null);
        hourly.setIspDuration(Duration.ofHours(1));
        assertThatThrownBy(() -> UftpMapping.map(hourly, UsefRole.AGR, "Aggregator1MSP", "2", HASH))
                .hasMessageContaining("ISP-Duration must be PT15M");
        FlexOffer ean = UftpMessages.offer(2, "home-1", null);
        ean.setCongestionPoint("ean.123456789012");
        assertThatThrownBy(() -> UftpMapping.map(ean, UsefRole.AGR, "Aggregator1MSP", "2", HASH))
                .hasMessageContaining("CongestionPoint must be an ea1 address");
        assertThatThrownBy(() -> UftpMapping.map(
                        UftpMessages.settlementResponse(6, "ord-1", "ord-2"),
                        UsefRole.AGR,
                        "Aggregator1MSP",
                        "2",
                        HASH))
                .hasMessageContaining("one Disputed line");
    }

    /** A FlexOffer of two options: home-1 (as {@link UftpMessages#offer}) and home-3, 1 kW in ISP 1 for 1 EUR. */
    static FlexOffer twoOptions() {
        FlexOffer two = UftpMessages.offer(2, "home-1", null);
        FlexOfferOption b = new FlexOfferOption().setOptionReference("home-3").setPrice(BigDecimal.ONE);
        b.getIsps().add(new FlexOfferOptionIsp().setPower(-1_000L).setStart(1));
        two.getOfferOptions().add(b);
        return two;
    }

    static final String A = UftpMessages.id(2) + ".home-1";
    static final String B = UftpMessages.id(2) + ".home-3";

    /** The ledger after {@link #twoOptions} went on it; {@code ordered} are the ordered offers. */
    static UftpMapping.Lookup withOptions(String... ordered) {
        return new UftpMapping.Lookup() {
            @Override
            public Optional<List<String>> offerOptions(String messageId) {
                return messageId.equals(UftpMessages.id(2).toString()) ? Optional.of(List.of(A, B)) : Optional.empty();
            }

            @Override
            public Optional<JsonNode> offer(String offerId) {
                ObjectNode n = JSON.createObjectNode().put("id", offerId).put("state", "OFFERED");
                if (List.of(ordered).contains(offerId)) {
                    n.put("state", "ORDERED");
                }
                if (offerId.equals(UftpMessages.id(4).toString())) {
                    n.put("assetId", "home-1");
                }
                return List.of(A, B, UftpMessages.id(4).toString()).contains(offerId)
                        ? Optional.of(n)
                        : Optional.empty();
            }
        };
    }

    @Test
    void aFlexOfferOfSeveralOptionsIsOneOfferPerOptionInOneTransaction() throws Exception {
        UftpMapping.LedgerCall call = UftpMapping.map(twoOptions(), UsefRole.AGR, "Aggregator1MSP", "2", HASH);
        assertThat(call.transaction().fullName()).isEqualTo("uftp:CreateOffers");
        JsonNode a = argument(call);
        assertThat(a.path("flexOfferMessageId").asText())
                .isEqualTo(UftpMessages.id(2).toString());
        assertThat(a.path("offers")).hasSize(2);
        JsonNode first = JSON.readTree(a.path("offers").get(0).asText());
        JsonNode second = JSON.readTree(a.path("offers").get(1).asText());
        assertThat(first.path("id").asText()).isEqualTo(A);
        assertThat(first.path("assetId").asText()).isEqualTo("home-1");
        assertThat(second.path("id").asText()).isEqualTo(B);
        assertThat(second.path("assetId").asText()).isEqualTo("home-3");
        // 1 EUR for 1 kW over one quarter hour: 4 EUR per kWh.
        assertThat(second.path("price").asText()).isEqualTo("4.00000");
        assertThat(second.path("kwBySlot").toString()).isEqualTo("{\"0\":\"1.000\"}");
    }

    @Test
    void optionReferencesThatCannotNameAnOfferOnceAreRejected() {
        FlexOffer twice = twoOptions();
        twice.getOfferOptions().get(1).setOptionReference("home-1");
        assertThatThrownBy(() -> UftpMapping.map(twice, UsefRole.AGR, "Aggregator1MSP", "2", HASH))
                .isInstanceOf(UftpMapping.Rejected.class)
                .hasMessageContaining("OptionReference home-1 appears twice");
        FlexOffer spaced = twoOptions();
        spaced.getOfferOptions().get(1).setOptionReference("home 3");
        assertThatThrownBy(() -> UftpMapping.map(spaced, UsefRole.AGR, "Aggregator1MSP", "2", HASH))
                .hasMessageContaining("OptionReference home 3 must name the home");
        FlexOffer longOne = twoOptions();
        longOne.getOfferOptions().get(1).setOptionReference("h".repeat(28));
        assertThatThrownBy(() -> UftpMapping.map(longOne, UsefRole.AGR, "Aggregator1MSP", "2", HASH))
                .hasMessageContaining("at most 27 characters");
        FlexOffer none = twoOptions();
        none.getOfferOptions().clear();
        assertThatThrownBy(() -> UftpMapping.map(none, UsefRole.AGR, "Aggregator1MSP", "2", HASH))
                .hasMessageContaining("at least one OfferOption");
    }

    @Test
    void aRevocationOfAFlexOfferOfSeveralOptionsRevokesThemAll() throws Exception {
        UftpMapping.LedgerCall all = UftpMapping.map(
                UftpMessages.revocation(3, 2), UsefRole.AGR, "Aggregator1MSP", "2", HASH, withOptions());
        assertThat(all.transaction().fullName()).isEqualTo("uftp:RevokeOffers");
        assertThat(argument(all).path("flexOfferMessageId").asText())
                .isEqualTo(UftpMessages.id(2).toString());
        UftpMapping.LedgerCall one = UftpMapping.map(
                UftpMessages.revocation(3, 4), UsefRole.AGR, "Aggregator1MSP", "2", HASH, withOptions());
        assertThat(one.transaction().fullName()).isEqualTo("revocations:RevokeOffer");
        assertThat(argument(one).path("offerId").asText())
                .isEqualTo(UftpMessages.id(4).toString());
    }

    @Test
    void aFlexOrderOrdersTheOptionItNames() throws Exception {
        FlexOrder order = UftpMessages.order(5, 2);
        order.setOptionReference("home-3");
        UftpMapping.LedgerCall call = UftpMapping.map(order, UsefRole.DSO, "DsoMSP", "2", HASH, withOptions());
        assertThat(call.transaction().fullName()).isEqualTo("orders:CreateOrder");
        assertThat(argument(call).path("offerId").asText()).isEqualTo(B);
        assertThat(call.reference()).isEqualTo(B);
        // A FlexOffer of one option: its offer, whose home the OptionReference names.
        FlexOrder single = UftpMessages.order(6, 4);
        single.setOptionReference("home-1");
        assertThat(argument(UftpMapping.map(single, UsefRole.DSO, "DsoMSP", "2", HASH, withOptions()))
                        .path("offerId")
                        .asText())
                .isEqualTo(UftpMessages.id(4).toString());
    }

    @Test
    void anOrderOfAnUnknownOrASecondOptionIsRejected() {
        FlexOrder unknown = UftpMessages.order(5, 2);
        unknown.setOptionReference("home-9");
        assertThatThrownBy(() -> UftpMapping.map(unknown, UsefRole.DSO, "DsoMSP", "2", HASH, withOptions()))
                .isInstanceOf(UftpMapping.Rejected.class)
                .hasMessageContaining("has no option home-9");
        FlexOrder unnamed = UftpMessages.order(5, 2);
        assertThatThrownBy(() -> UftpMapping.map(unnamed, UsefRole.DSO, "DsoMSP", "2", HASH, withOptions()))
                .hasMessageContaining("names the one it orders in OptionReference");
        // The attack: the DSO orders both options of one FlexOffer, buying twice what was offered once.
        FlexOrder second = UftpMessages.order(5, 2);
        second.setOptionReference("home-3");
        assertThatThrownBy(() -> UftpMapping.map(second, UsefRole.DSO, "DsoMSP", "2", HASH, withOptions(A)))
                .hasMessageContaining("option home-1 of FlexOffer " + UftpMessages.id(2) + " is ordered already");
        FlexOrder wrongHome = UftpMessages.order(6, 4);
        wrongHome.setOptionReference("home-3");
        assertThatThrownBy(() -> UftpMapping.map(wrongHome, UsefRole.DSO, "DsoMSP", "2", HASH, withOptions()))
                .hasMessageContaining("has no option home-3");
    }

    /**
     * What the chaincode answers for {@code inputJson} read by its offer or order reader (the ledger
     * contract's codec, its problems collected as the chaincode collects them): the refusal text.
     */
    static String chaincodeRefusal(
            String inputJson, java.util.function.Function<io.flexledger.contract.codec.JsonFields, ?> reader) {
        List<io.flexledger.domain.validation.Violation> found = new java.util.ArrayList<>();
        try {
            reader.apply(io.flexledger.contract.codec.JsonFields.parse(
                    inputJson,
                    io.flexledger.contract.codec.JsonReader.Limits.LEDGER,
                    io.flexledger.contract.codec.JsonFields.collecting(found)));
        } catch (io.flexledger.domain.validation.ValidationException e) {
            return UftpMapping.invalid(e);
        }
        throw new AssertionError("the chaincode's reader takes " + inputJson);
    }

    /** The offer input the edge sent before it built domain values, for FlexOffer {@link UftpMessages#offer}(2). */
    static String offerInput(String kwBySlot, String minActivation) {
        return "{\"id\":\"" + UftpMessages.id(2) + "\",\"congestionPointId\":\"TX1\",\"day\":\"2026-11-27\","
                + "\"assetId\":\"home-1\",\"kwBySlot\":" + kwBySlot + ",\"price\":\"0.42000\","
                + "\"minActivation\":\"" + minActivation + "\"}";
    }

    @Test
    void anOfferTheLedgerWouldRefuseIsRejectedWithTheChaincodesOwnReason() {
        // The attack: a value the ledger refuses, built by the edge now rather than read by the chaincode,
        // must not pass, nor be refused with another reason than the ledger gave.
        FlexOffer over = UftpMessages.offer(2, "home-1", null);
        over.getOfferOptions().get(0).setMinActivationFactor(new BigDecimal("1.5"));
        String expected = chaincodeRefusal(
                offerInput("{\"68\":\"2\",\"69\":\"2\",\"70\":\"2\"}", "1.5"),
                in -> io.flexledger.contract.codec.MarketRecords.offer(in, "Aggregator1MSP"));
        assertThat(expected).startsWith("INVALID_FIELD: $.minActivation");
        assertThatThrownBy(() -> UftpMapping.map(over, UsefRole.AGR, "Aggregator1MSP", "2", HASH))
                .isInstanceOf(UftpMapping.Rejected.class)
                .hasMessage(expected);

        // A factor the chaincode's reader refuses before the domain sees it (13 decimals).
        FlexOffer fine = UftpMessages.offer(2, "home-1", null);
        fine.getOfferOptions().get(0).setMinActivationFactor(new BigDecimal("0.1234567890123"));
        String tooFine = chaincodeRefusal(
                offerInput("{\"68\":\"2\",\"69\":\"2\",\"70\":\"2\"}", "0.1234567890123"),
                in -> io.flexledger.contract.codec.MarketRecords.offer(in, "Aggregator1MSP"));
        assertThat(tooFine).startsWith("INVALID_FIELD: $.minActivation: ");
        assertThatThrownBy(() -> UftpMapping.map(fine, UsefRole.AGR, "Aggregator1MSP", "2", HASH))
                .hasMessage(tooFine);

        // A power no kW field holds (1e15 kW and more), in every ISP.
        FlexOffer huge = UftpMessages.offer(2, "home-1", null);
        huge.getOfferOptions().get(0).getIsps().forEach(isp -> isp.setPower(-Long.MAX_VALUE));
        String big = "\"9223372036854775.807\"";
        String tooBig = chaincodeRefusal(
                offerInput("{\"68\":" + big + ",\"69\":" + big + ",\"70\":" + big + "}", "0.5"),
                in -> io.flexledger.contract.codec.MarketRecords.offer(in, "Aggregator1MSP"));
        assertThat(tooBig).startsWith("INVALID_FIELD: $.kwBySlot.68: must be below 1e15 in magnitude (and 2 more");
        assertThatThrownBy(() -> UftpMapping.map(huge, UsefRole.AGR, "Aggregator1MSP", "2", HASH))
                .hasMessage(tooBig);
    }

    @Test
    void anOrderTheLedgerWouldRefuseIsRejectedWithTheChaincodesOwnReason() {
        FlexOrder twice = UftpMessages.order(5, 2).setActivationFactor(new BigDecimal("2"));
        String expected = chaincodeRefusal(
                "{\"id\":\"" + UftpMessages.id(5) + "\",\"offerId\":\"" + UftpMessages.id(2)
                        + "\",\"activation\":\"2\"}",
                in -> io.flexledger.contract.codec.MarketRecords.order(in, "DsoMSP"));
        assertThat(expected).startsWith("INVALID_FIELD: $.activation");
        assertThatThrownBy(() -> UftpMapping.map(twice, UsefRole.DSO, "DsoMSP", "2", HASH))
                .isInstanceOf(UftpMapping.Rejected.class)
                .hasMessage(expected);
    }
}
