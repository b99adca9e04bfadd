package io.flexledger.marketplaceapi.uftp;

import static io.flexledger.marketplaceapi.uftp.UftpOutbox.messageId;

import com.fasterxml.jackson.databind.JsonNode;
import io.flexledger.uftp.ContractSettlement;
import io.flexledger.uftp.ContractSettlementIsp;
import io.flexledger.uftp.ContractSettlementPeriod;
import io.flexledger.uftp.FlexOrderSettlement;
import io.flexledger.uftp.FlexOrderSettlementIsp;
import io.flexledger.uftp.FlexSettlement;
import io.flexledger.uftp.PayloadMessage;
import io.flexledger.uftp.UsefRole;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The DSO outbox's FlexSettlements (decision 0019): each settlement of the DSO's, with its order and
 * per-slot lines, to the aggregator's UFTP domain that made the settled offer.
 */
final class FlexSettlements {
    private final UftpLedger ledger;
    private final OutboxDeliveries deliveries;
    private final Supplier<Optional<UftpOutbox.Settings>> settings;

    FlexSettlements(UftpLedger ledger, OutboxDeliveries deliveries, Supplier<Optional<UftpOutbox.Settings>> settings) {
        this.ledger = ledger;
        this.deliveries = deliveries;
        this.settings = settings;
    }

    /** Sends the FlexSettlement of one of the DSO's settlements. */
    void settlement(JsonNode settlement) {
        if (!ledger.mspId().equals(settlement.path("dsoMsp").asText())) {
            return;
        }
        Optional<UftpOutbox.Settings> current = settings.get();
        if (current.isEmpty()) {
            return;
        }
        UftpOutbox.Settings s = current.get();
        deliveries.send(
                messageId("FlexSettlement", settlement.path("id").asText()),
                () -> recipientOf(settlement)
                        .map(recipient -> flexSettlement(
                                settlement,
                                ledger.order(settlement.path("orderId").asText()),
                                ledger.settlementDetails(settlement.path("id").asText()),
                                s.senderDomain(),
                                recipient,
                                s.entityPrefix()))
                        .orElse(null),
                UsefRole.DSO,
                s);
    }

    /**
     * The UFTP participant a settlement is sent to: of the settlement's aggregator's AGR participants,
     * the one whose message created the settled offer (the ledger's message log); else its only one.
     */
    Optional<String> recipientOf(JsonNode settlement) {
        String aggregator = settlement.path("aggregatorMsp").asText();
        java.util.List<String> domains = ledger.participants().stream()
                .filter(p -> aggregator.equals(p.msp()) && "AGR".equals(p.role()))
                .map(io.flexledger.contract.codec.UftpRecords.StoredParticipant::domain)
                .toList();
        String offerId = settlement.path("offerId").asText();
        for (String domain : domains) {
            if (ledger.message(domain, offerId).isPresent()) {
                return Optional.of(domain);
            }
        }
        return domains.size() == 1 ? Optional.of(domains.get(0)) : Optional.empty();
    }

    /** The power in W of an energy in kWh over one 15-minute slot. */
    private static long watts(JsonNode kwh) {
        return new BigDecimal(kwh.asText("0"))
                .multiply(BigDecimal.valueOf(4_000))
                .setScale(0, java.math.RoundingMode.HALF_EVEN)
                .longValueExact();
    }

    private static BigDecimal amount(JsonNode eur) {
        return new BigDecimal(eur.asText("0")).setScale(4, java.math.RoundingMode.HALF_EVEN);
    }

    /**
     * The FlexSettlement of one settled order: one FlexOrderSettlement with the public record's amounts
     * (payment as Price, penalty, net) and, per ordered slot, the settlement's lines as average powers
     * in W (baseline, ordered and delivered flexibility as negative powers like the FlexOrder's,
     * metered as the actual power, the shortfall as the deficiency). UFTP 3.1.0's schema requires a
     * ContractSettlement as well; the market has no bilateral contracts and reserves no power, so it is
     * the market's own ({@code flexledger-market}) with ReservedPower 0 and the ordered power.
     */
    public static FlexSettlement flexSettlement(
            JsonNode settlement,
            JsonNode order,
            JsonNode details,
            String senderDomain,
            String recipientDomain,
            String entityPrefix) {
        String orderId = settlement.path("orderId").asText();
        LocalDate day = LocalDate.parse(settlement.path("day").asText());
        FlexSettlement m = new FlexSettlement();
        m.setVersion(PayloadMessage.VERSION)
                .setSenderDomain(senderDomain)
                .setRecipientDomain(recipientDomain)
                .setTimeStamp(OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS))
                .setMessageId(messageId("FlexSettlement", settlement.path("id").asText()))
                .setConversationId(messageId("conversation", orderId));
        m.accept();
        m.setPeriodStart(day).setPeriodEnd(day).setCurrency("EUR");
        FlexOrderSettlement line = new FlexOrderSettlement()
                .setOrderReference(orderId)
                .setPeriod(day)
                .setCongestionPoint(
                        entityPrefix + ":" + order.path("congestionPointId").asText())
                .setPrice(amount(settlement.path("paymentEur")))
                .setPenalty(amount(settlement.path("penaltyEur")))
                .setNetSettlement(amount(settlement.path("netEur")));
        ContractSettlementPeriod period = new ContractSettlementPeriod().setPeriod(day);
        for (JsonNode l : details.path("lines")) {
            int start = l.path("slot").asInt() + 1;
            long ordered = -watts(l.path("orderedKwh"));
            line.getIsps()
                    .add(new FlexOrderSettlementIsp()
                            .setStart(start)
                            .setDuration(1)
                            .setBaselinePower(watts(l.path("baselineKwh")))
                            .setOrderedFlexPower(ordered)
                            .setActualPower(watts(l.path("meteredKwh")))
                            .setDeliveredFlexPower(-watts(l.path("deliveredKwh")))
                            .setPowerDeficiency(watts(l.path("shortfallKwh"))));
            period.getIsps()
                    .add(new ContractSettlementIsp()
                            .setStart(start)
                            .setDuration(1)
                            .setReservedPower(0L)
                            .setOrderedPower(ordered));
        }
        m.getFlexOrderSettlements().add(line);
        ContractSettlement contract = new ContractSettlement().setContractId(MARKET_CONTRACT);
        contract.getPeriods().add(period);
        m.getContractSettlements().add(contract);
        return m;
    }

    /** The ContractID of the market's own rules in a FlexSettlement's required ContractSettlement. */
    public static final String MARKET_CONTRACT = "flexledger-market";
}
