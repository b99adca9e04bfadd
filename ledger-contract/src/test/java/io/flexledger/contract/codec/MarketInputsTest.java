package io.flexledger.contract.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.domain.market.Baseline;
import io.flexledger.domain.market.BaselineCommitment;
import io.flexledger.domain.market.BaselineState;
import io.flexledger.domain.market.FlexOffer;
import io.flexledger.domain.market.FlexOfferRevocation;
import io.flexledger.domain.market.FlexOrder;
import io.flexledger.domain.market.FlexOrderState;
import io.flexledger.domain.market.FlexRequest;
import io.flexledger.domain.market.FlexRequestState;
import io.flexledger.domain.settlement.Dispute;
import io.flexledger.domain.settlement.DisputeClaim;
import io.flexledger.domain.units.Euros;
import io.flexledger.domain.units.EurosPerKwh;
import io.flexledger.domain.units.KilowattHours;
import io.flexledger.domain.units.Kilowatts;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Each input writer's JSON, read by the chaincode's input reader, gives back an equal value. */
class MarketInputsTest {
    static final LocalDate DAY = LocalDate.of(2026, 11, 27);
    static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    static JsonFields input(Map<String, Object> written) {
        return MarketRecords.stored(CanonicalJson.write(written));
    }

    static TreeMap<Integer, Kilowatts> kw() {
        TreeMap<Integer, Kilowatts> kw = new TreeMap<>();
        kw.put(68, new Kilowatts(new BigDecimal("2.5")));
        kw.put(69, new Kilowatts(new BigDecimal("2.5")));
        return kw;
    }

    @Test
    void aRequestAndAnOfferReadBackEqual() {
        FlexRequest r = new FlexRequest(
                "r-1",
                "DsoMSP",
                "TX1",
                MarketRecords.RULES.period(DAY),
                kw(),
                new EurosPerKwh(new BigDecimal("2")),
                FlexRequestState.OPEN);
        assertThat(MarketRecords.request(input(MarketRecords.requestInput(r)), "DsoMSP"))
                .isEqualTo(r);
        for (String request : new String[] {"r-1", null}) {
            FlexOffer o = new FlexOffer(
                    "o-1",
                    "Aggregator1MSP",
                    "TX1",
                    "home-1",
                    MarketRecords.RULES.period(DAY),
                    request,
                    kw(),
                    new EurosPerKwh(new BigDecimal("0.42")),
                    new BigDecimal("0.5"),
                    io.flexledger.domain.market.FlexOfferState.OFFERED);
            assertThat(MarketRecords.offer(input(MarketRecords.offerInput(o)), "Aggregator1MSP"))
                    .isEqualTo(o);
        }
    }

    @Test
    void aRevocationAnOrderACommitmentAndARevealReadBackEqual() {
        FlexOfferRevocation v = new FlexOfferRevocation("o-1", "Aggregator1MSP", "FlexOfferRevocation m-1");
        assertThat(MarketRecords.revocation(input(MarketRecords.revocationInput(v)), "Aggregator1MSP"))
                .isEqualTo(v);
        FlexOrder o = new FlexOrder("ord-1", "DsoMSP", "o-1", new BigDecimal("0.75"), FlexOrderState.ACCEPTED);
        assertThat(MarketRecords.order(input(MarketRecords.orderInput(o)), "DsoMSP"))
                .isEqualTo(o);

        List<Kilowatts> values = new ArrayList<>();
        for (int slot = 0; slot < 96; slot++) {
            values.add(new Kilowatts(BigDecimal.valueOf(1200 + slot).movePointLeft(3)));
        }
        Baseline b = new Baseline("home-1", MarketRecords.RULES.period(DAY), values);
        String salt = "00112233445566778899aabbccddeeff";
        BaselineCommitment c = new BaselineCommitment(
                "home-1", "Aggregator1MSP", b.period(), b.commitmentHash(salt), NOW, BaselineState.COMMITTED);
        assertThat(MarketRecords.commitment(input(MarketRecords.commitmentInput(c)), "Aggregator1MSP", NOW))
                .isEqualTo(c);
        MarketRecords.Reveal reveal = new MarketRecords.Reveal(b, salt);
        assertThat(MarketRecords.reveal(input(MarketRecords.revealInput(reveal))))
                .isEqualTo(reveal);
    }

    @Test
    void aDisputeReadsBackEqual() {
        Dispute d = Dispute.open(
                "uftp-m-1",
                "stl-ord-1",
                "Aggregator1MSP",
                "meter shows full delivery",
                "ab".repeat(32),
                new DisputeClaim(
                        new KilowattHours(new BigDecimal("2")),
                        new KilowattHours(BigDecimal.ZERO),
                        new Euros(new BigDecimal("0.4"))));
        assertThat(SettlementRecords.dispute(input(SettlementRecords.disputeInput(d)), "Aggregator1MSP"))
                .isEqualTo(d);
    }
}
