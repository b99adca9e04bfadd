package io.flexledger.marketplaceapi.uftp;

import io.flexledger.uftp.AcceptedDisputed;
import io.flexledger.uftp.AvailableRequested;
import io.flexledger.uftp.DPrognosis;
import io.flexledger.uftp.DPrognosisIsp;
import io.flexledger.uftp.FlexMessage;
import io.flexledger.uftp.FlexOffer;
import io.flexledger.uftp.FlexOfferOption;
import io.flexledger.uftp.FlexOfferOptionIsp;
import io.flexledger.uftp.FlexOfferRevocation;
import io.flexledger.uftp.FlexOrder;
import io.flexledger.uftp.FlexOrderSettlementStatus;
import io.flexledger.uftp.FlexRequest;
import io.flexledger.uftp.FlexRequestIsp;
import io.flexledger.uftp.FlexSettlementResponse;
import io.flexledger.uftp.PayloadMessage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** UFTP messages of one day between the DSO's and Aggregator1's participants, for the edge's tests. */
final class UftpMessages {
    static final String DSO = "dso.flexledger.test";
    static final String AGR1 = "agr1.flexledger.test";
    static final String AGR2 = "agr2.flexledger.test";
    static final String CP = "ea1.2026-11.flexledger.local:TX1";
    static final LocalDate DAY = LocalDate.of(2026, 11, 27);
    static final UUID CONVERSATION = UUID.fromString("0b7e2a10-3c4d-4e5f-8a9b-0c1d2e3f4a50");

    private UftpMessages() {}

    static UUID id(int n) {
        return UUID.fromString(String.format("6f1c1e62-1a5b-4c8e-9d3e-%012d", n));
    }

    static <T extends PayloadMessage> T meta(T m, String from, String to, int id) {
        m.setVersion(PayloadMessage.VERSION)
                .setSenderDomain(from)
                .setRecipientDomain(to)
                .setTimeStamp(OffsetDateTime.of(2026, 11, 26, 12, 0, 0, 0, ZoneOffset.UTC))
                .setMessageId(id(id))
                .setConversationId(CONVERSATION);
        return m;
    }

    static <T extends FlexMessage> T day(T m) {
        m.setIspDuration(Duration.ofMinutes(15))
                .setTimeZone("Europe/London")
                .setPeriod(DAY)
                .setCongestionPoint(CP);
        return m;
    }

    static FlexRequest request(int id) {
        FlexRequest r = day(meta(new FlexRequest(), DSO, AGR1, id));
        r.setRevision(1L).setExpirationDateTime(OffsetDateTime.of(2026, 11, 26, 20, 0, 0, 0, ZoneOffset.UTC));
        r.getIsps()
                .add(new FlexRequestIsp()
                        .setDisposition(AvailableRequested.REQUESTED)
                        .setMinPower(-500_000L)
                        .setMaxPower(-2_500L)
                        .setStart(69)
                        .setDuration(2));
        r.getIsps()
                .add(new FlexRequestIsp()
                        .setDisposition(AvailableRequested.AVAILABLE)
                        .setMinPower(0L)
                        .setMaxPower(200_000L)
                        .setStart(72)
                        .setDuration(1));
        return r;
    }

    static FlexOffer offer(int id, String asset, Integer requestId) {
        FlexOffer o = day(meta(new FlexOffer(), AGR1, DSO, id));
        o.setExpirationDateTime(OffsetDateTime.of(2026, 11, 26, 20, 0, 0, 0, ZoneOffset.UTC))
                .setCurrency("EUR");
        if (requestId == null) {
            o.setUnsolicited(true);
        } else {
            o.setUnsolicited(false).setFlexRequestMessageId(id(requestId));
        }
        FlexOfferOption a = new FlexOfferOption()
                .setOptionReference(asset)
                .setPrice(new BigDecimal("0.63"))
                .setMinActivationFactor(new BigDecimal("0.50"));
        a.getIsps().add(new FlexOfferOptionIsp().setPower(-2_000L).setStart(69).setDuration(2));
        a.getIsps().add(new FlexOfferOptionIsp().setPower(-2_000L).setStart(71));
        o.getOfferOptions().add(a);
        return o;
    }

    /** A D-Prognosis for {@code day} with {@code isps} ISPs of 15 minutes from ISP 1, 1200 W each. */
    static DPrognosis prognosis(int id, LocalDate day, int isps) {
        DPrognosis p = day(meta(new DPrognosis(), AGR1, DSO, id));
        p.setRevision(1L);
        p.setPeriod(day);
        for (int i = 1; i <= isps; i++) {
            p.getIsps().add(new DPrognosisIsp().setPower(1_200L + i).setStart(i));
        }
        return p;
    }

    static FlexOfferRevocation revocation(int id, int offerId) {
        return meta(new FlexOfferRevocation(), AGR1, DSO, id).setFlexOfferMessageId(id(offerId));
    }

    static FlexOrder order(int id, int offerId) {
        FlexOrder o = day(meta(new FlexOrder(), DSO, AGR1, id));
        o.setFlexOfferMessageId(id(offerId))
                .setPrice(new BigDecimal("0.63"))
                .setCurrency("EUR")
                .setOrderReference(id(id).toString())
                .setActivationFactor(BigDecimal.ONE);
        o.getIsps()
                .add(new io.flexledger.uftp.FlexOrderIsp()
                        .setPower(-2_000L)
                        .setStart(69)
                        .setDuration(3));
        return o;
    }

    static FlexSettlementResponse settlementResponse(int id, String... disputedOrders) {
        FlexSettlementResponse r = meta(new FlexSettlementResponse(), AGR1, DSO, id);
        r.setFlexSettlementMessageId(id(900));
        r.accept();
        r.getFlexOrderSettlementStatuses()
                .add(new FlexOrderSettlementStatus()
                        .setOrderReference("ord-ok")
                        .setDisposition(AcceptedDisputed.ACCEPTED));
        for (String order : disputedOrders) {
            r.getFlexOrderSettlementStatuses()
                    .add(new FlexOrderSettlementStatus()
                            .setOrderReference(order)
                            .setDisposition(AcceptedDisputed.DISPUTED)
                            .setDisputeReason("meter shows full delivery"));
        }
        return r;
    }

    /**
     * The input the gateway writes for {@code call}'s transaction (the ledger contract's codec, canonical
     * JSON); a dispute's without its claim, {@code null} for the message alone.
     */
    static String input(UftpMapping.LedgerCall call) {
        Object written;
        if (call instanceof UftpMapping.CreateRequest c) {
            written = io.flexledger.contract.codec.MarketRecords.requestInput(c.request());
        } else if (call instanceof UftpMapping.CreateOffer c) {
            written = io.flexledger.contract.codec.MarketRecords.offerInput(c.offer());
        } else if (call instanceof UftpMapping.CreateOffers c) {
            written = io.flexledger.contract.codec.UftpRecords.offerOptionsInput(c.options());
        } else if (call instanceof UftpMapping.RevokeOffer c) {
            written = io.flexledger.contract.codec.MarketRecords.revocationInput(c.revocation());
        } else if (call instanceof UftpMapping.RevokeOffers c) {
            written = io.flexledger.contract.codec.UftpRecords.optionsRevocationInput(c.revocation());
        } else if (call instanceof UftpMapping.CreateOrder c) {
            written = io.flexledger.contract.codec.MarketRecords.orderInput(c.order());
        } else if (call instanceof UftpMapping.OpenDispute c) {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("id", c.id());
            m.put("settlementId", c.settlementId());
            m.put("reason", c.reason());
            m.put("evidenceHash", c.evidenceHash());
            written = m;
        } else if (call instanceof UftpMapping.RecordPrognosis c) {
            written = io.flexledger.contract.codec.UftpRecords.prognosisInput(c.prognosis());
        } else {
            return null;
        }
        return io.flexledger.contract.codec.CanonicalJson.write(written);
    }

    /**
     * A stand-in ledger's registration ({@code {domain, role, msp, ...}}, as much of it as a test states)
     * as the codec's stored participant: version 1 and transaction {@code tx-0} unless stated.
     */
    static io.flexledger.contract.codec.UftpRecords.StoredParticipant stored(
            com.fasterxml.jackson.databind.JsonNode p) {
        return new io.flexledger.contract.codec.UftpRecords.StoredParticipant(
                new io.flexledger.contract.codec.UftpRecords.Participant(
                        p.path("domain").asText(),
                        p.path("role").asText(),
                        p.path("publicKey").asText(""),
                        p.path("endpoint").asText("")),
                p.path("msp").asText(),
                p.path("version").asInt(1),
                p.path("txId").asText("tx-0"),
                p.hasNonNull("at") ? p.path("at").asText() : null);
    }

    /**
     * A stand-in ledger's message record (as much of it as a test states) as the codec's stored message:
     * the fields it does not state empty, key version 1.
     */
    static io.flexledger.contract.codec.UftpRecords.StoredMessage storedMessage(
            com.fasterxml.jackson.databind.JsonNode m) {
        return new io.flexledger.contract.codec.UftpRecords.StoredMessage(
                m.path("messageId").asText(""),
                m.path("conversationId").asText(""),
                m.path("senderDomain").asText(""),
                m.path("senderRole").asText(""),
                m.path("senderMsp").asText(""),
                m.path("keyVersion").asInt(1),
                m.path("recipientDomain").asText(""),
                m.path("messageType").asText(""),
                m.path("sha256").asText(""),
                m.hasNonNull("signature") ? m.path("signature").asText() : null,
                m.path("transaction").asText(""),
                m.path("txId").asText(""),
                m.hasNonNull("at") ? m.path("at").asText() : null);
    }
}
