package io.flexledger.uftp;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** One filled-in message of each type, every optional attribute set, as a DSO and an aggregator would send. */
final class Samples {
    static final String DSO = "dso.flexledger.example";
    static final String AGR = "agr-north.flexledger.example";
    static final String CONGESTION_POINT = "ea1.2024-01.example.flexledger:cp-north-1";
    static final LocalDate DAY = LocalDate.of(2026, 12, 4);
    static final OffsetDateTime NOW = OffsetDateTime.of(2026, 12, 3, 9, 30, 0, 0, ZoneOffset.ofHours(1));
    static final UUID CONVERSATION = UUID.fromString("6f1c1b0e-3a59-4c41-9d3e-2a7c61b0e001");

    private Samples() {}

    static <T extends PayloadMessage> T meta(T message, String from, String to, int id) {
        message.setVersion(PayloadMessage.VERSION)
                .setSenderDomain(from)
                .setRecipientDomain(to)
                .setTimeStamp(NOW.plusMinutes(id))
                .setMessageId(id(id))
                .setConversationId(CONVERSATION);
        return message;
    }

    static <T extends FlexMessage> T day(T message) {
        message.setIspDuration(Duration.ofMinutes(15))
                .setTimeZone("Europe/Amsterdam")
                .setPeriod(DAY)
                .setCongestionPoint(CONGESTION_POINT);
        return message;
    }

    static UUID id(int n) {
        return UUID.fromString(String.format("00000000-0000-4000-8000-%012d", n));
    }

    static FlexRequest flexRequest() {
        FlexRequest m = day(meta(new FlexRequest(), DSO, AGR, 1))
                .setRevision(2L)
                .setExpirationDateTime(NOW.plusHours(3))
                .setContractId("contract-7")
                .setServiceType("CongestionManagement");
        m.getIsps()
                .add(new FlexRequestIsp()
                        .setDisposition(AvailableRequested.REQUESTED)
                        .setMinPower(-500_000L)
                        .setMaxPower(-100_000L)
                        .setStart(69)
                        .setDuration(4));
        m.getIsps()
                .add(new FlexRequestIsp()
                        .setDisposition(AvailableRequested.AVAILABLE)
                        .setMinPower(0L)
                        .setMaxPower(200_000L)
                        .setStart(73)
                        .setDuration(1));
        return m;
    }

    static FlexOffer flexOffer() {
        FlexOffer m = day(meta(new FlexOffer(), AGR, DSO, 2))
                .setExpirationDateTime(NOW.plusHours(2))
                .setUnsolicited(false)
                .setFlexRequestMessageId(id(1))
                .setContractId("contract-7")
                .setDPrognosisMessageId(id(7))
                .setBaselineReference("baseline-2026-12-04")
                .setCurrency("EUR");
        FlexOfferOption a = new FlexOfferOption()
                .setOptionReference("A")
                .setPrice(new BigDecimal("120.5000"))
                .setMinActivationFactor(new BigDecimal("0.50"));
        a.getIsps()
                .add(new FlexOfferOptionIsp().setPower(-300_000L).setStart(69).setDuration(4));
        FlexOfferOption b = new FlexOfferOption().setOptionReference("B").setPrice(new BigDecimal("60"));
        b.getIsps().add(new FlexOfferOptionIsp().setPower(-150_000L).setStart(69));
        b.getIsps()
                .add(new FlexOfferOptionIsp().setPower(-150_000L).setStart(70).setDuration(3));
        m.getOfferOptions().addAll(List.of(a, b));
        return m;
    }

    /** An offer that answers no request. */
    static FlexOffer unsolicitedFlexOffer() {
        FlexOffer m = day(meta(new FlexOffer(), AGR, DSO, 3))
                .setExpirationDateTime(NOW.plusHours(5))
                .setUnsolicited(true)
                .setCurrency("EUR");
        FlexOfferOption a = new FlexOfferOption().setOptionReference("U1").setPrice(new BigDecimal("42.1234"));
        a.getIsps().add(new FlexOfferOptionIsp().setPower(100_000L).setStart(1).setDuration(96));
        m.getOfferOptions().add(a);
        return m;
    }

    static FlexOfferRevocation flexOfferRevocation() {
        return meta(new FlexOfferRevocation(), AGR, DSO, 4).setFlexOfferMessageId(id(3));
    }

    static FlexOrder flexOrder() {
        FlexOrder m = day(meta(new FlexOrder(), DSO, AGR, 5))
                .setUnsolicited(false)
                .setFlexOfferMessageId(id(2))
                .setServiceType("CongestionManagement")
                .setContractId("contract-7")
                .setDPrognosisMessageId(id(7))
                .setBaselineReference("baseline-2026-12-04")
                .setPrice(new BigDecimal("60.25"))
                .setCurrency("EUR")
                .setOrderReference("order-2026-12-04-1")
                .setOptionReference("A")
                .setActivationFactor(new BigDecimal("0.50"));
        m.getIsps().add(new FlexOrderIsp().setPower(-150_000L).setStart(69).setDuration(4));
        return m;
    }

    static DPrognosis dPrognosis() {
        DPrognosis m = day(meta(new DPrognosis(), AGR, DSO, 7)).setRevision(1L);
        m.getIsps().add(new DPrognosisIsp().setPower(800_000L).setStart(1).setDuration(68));
        m.getIsps().add(new DPrognosisIsp().setPower(1_200_000L).setStart(69).setDuration(4));
        m.getIsps().add(new DPrognosisIsp().setPower(700_000L).setStart(73).setDuration(24));
        return m;
    }

    static FlexSettlement flexSettlement() {
        FlexSettlement m = meta(new FlexSettlement(), DSO, AGR, 9)
                .setPeriodStart(LocalDate.of(2026, 12, 1))
                .setPeriodEnd(LocalDate.of(2026, 12, 31))
                .setCurrency("EUR");
        m.accept();
        FlexOrderSettlement line = new FlexOrderSettlement()
                .setOrderReference("order-2026-12-04-1")
                .setPeriod(DAY)
                .setContractId("contract-7")
                .setDPrognosisMessageId(id(7))
                .setBaselineReference("baseline-2026-12-04")
                .setCongestionPoint(CONGESTION_POINT)
                .setPrice(new BigDecimal("60.25"))
                .setPenalty(new BigDecimal("5.0000"))
                .setNetSettlement(new BigDecimal("55.25"));
        line.getIsps()
                .add(new FlexOrderSettlementIsp()
                        .setStart(69)
                        .setDuration(4)
                        .setBaselinePower(1_200_000L)
                        .setOrderedFlexPower(-150_000L)
                        .setActualPower(1_080_000L)
                        .setDeliveredFlexPower(-120_000L)
                        .setPowerDeficiency(30_000L));
        m.getFlexOrderSettlements().add(line);
        ContractSettlementPeriod period = new ContractSettlementPeriod().setPeriod(DAY);
        period.getIsps()
                .add(new ContractSettlementIsp()
                        .setStart(69)
                        .setDuration(4)
                        .setReservedPower(300_000L)
                        .setRequestedPower(200_000L)
                        .setAvailablePower(300_000L)
                        .setOfferedPower(300_000L)
                        .setOrderedPower(150_000L));
        ContractSettlement contract = new ContractSettlement().setContractId("contract-7");
        contract.getPeriods().add(period);
        m.getContractSettlements().add(contract);
        return m;
    }

    static FlexRequestResponse flexRequestResponse() {
        FlexRequestResponse m = meta(new FlexRequestResponse(), AGR, DSO, 11).setFlexRequestMessageId(id(1));
        m.accept();
        return m;
    }

    static FlexOfferResponse flexOfferResponse() {
        FlexOfferResponse m = meta(new FlexOfferResponse(), DSO, AGR, 12).setFlexOfferMessageId(id(2));
        m.reject("offer expired before it was read");
        return m;
    }

    static FlexOfferRevocationResponse flexOfferRevocationResponse() {
        FlexOfferRevocationResponse m =
                meta(new FlexOfferRevocationResponse(), DSO, AGR, 13).setFlexOfferRevocationMessageId(id(4));
        m.accept();
        return m;
    }

    static FlexOrderResponse flexOrderResponse() {
        FlexOrderResponse m = meta(new FlexOrderResponse(), AGR, DSO, 14).setFlexOrderMessageId(id(5));
        m.accept();
        return m;
    }

    static DPrognosisResponse dPrognosisResponse() {
        DPrognosisResponse m = meta(new DPrognosisResponse(), DSO, AGR, 15).setDPrognosisMessageId(id(7));
        m.accept();
        m.getFlexOrderStatuses()
                .add(new FlexOrderStatus().setFlexOrderMessageId(id(5)).setValidated(true));
        return m;
    }

    static FlexSettlementResponse flexSettlementResponse() {
        FlexSettlementResponse m =
                meta(new FlexSettlementResponse(), AGR, DSO, 16).setFlexSettlementMessageId(id(9));
        m.accept();
        m.getFlexOrderSettlementStatuses()
                .add(new FlexOrderSettlementStatus()
                        .setOrderReference("order-2026-12-04-1")
                        .setDisposition(AcceptedDisputed.ACCEPTED));
        m.getFlexOrderSettlementStatuses()
                .add(new FlexOrderSettlementStatus()
                        .setOrderReference("order-2026-12-04-2")
                        .setDisposition(AcceptedDisputed.DISPUTED)
                        .setDisputeReason("metering shows 120 kW delivered, not 90 kW"));
        return m;
    }

    static SignedMessage signedMessage() {
        return new SignedMessage(AGR, UsefRole.AGR, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
    }

    /** Every payload message type, each once (the unsolicited offer as well). */
    static List<PayloadMessage> all() {
        return List.of(
                flexRequest(),
                flexRequestResponse(),
                flexOffer(),
                unsolicitedFlexOffer(),
                flexOfferResponse(),
                flexOfferRevocation(),
                flexOfferRevocationResponse(),
                flexOrder(),
                flexOrderResponse(),
                dPrognosis(),
                dPrognosisResponse(),
                flexSettlement(),
                flexSettlementResponse());
    }
}
