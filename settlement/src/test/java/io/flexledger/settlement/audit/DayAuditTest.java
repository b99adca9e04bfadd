package io.flexledger.settlement.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.domain.settlement.SettlementRule;
import io.flexledger.settlement.billing.SettlementBilling;
import io.flexledger.settlement.evm.AggregatorAccounts;
import io.flexledger.settlement.evm.EvmAddress;
import io.flexledger.settlement.evm.EvmIds;
import io.flexledger.settlement.evm.InMemorySettlementChain;
import io.flexledger.settlement.settle.DaySettler;
import io.flexledger.settlement.support.FakeMarket;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the day audit gathers beyond the settlements, against a fake marketplace-api and bridge and the
 * in-memory chain: the orders of the day and their aggregators' anchors, the payouts as the token
 * recorded them, and the billing rows (or that there is no billing store).
 */
class DayAuditTest {
    private static final AggregatorAccounts ACCOUNTS = AggregatorAccounts.ganacheDefaults();
    private static final Clock LATER = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);
    /** Noon of the market day: its orders cannot all be settled yet. */
    private static final Clock NOON = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);

    private FakeMarket market;
    private final InMemorySettlementChain chain = new InMemorySettlementChain();
    private final FakeMarket.Billing billing = new FakeMarket.Billing();

    @BeforeEach
    void aMeteredDay() throws Exception {
        market = new FakeMarket();
        market.addHome(1, "Aggregator1MSP", 1.0);
        market.addHome(2, "Aggregator1MSP", 0.5);
        market.addHome(3, "Aggregator2MSP", 1.0);
        market.anchor("Aggregator1MSP");
    }

    @AfterEach
    void close() {
        market.close();
    }

    private DaySettler.Outcome settle(AggregatorAccounts accounts) {
        return new DaySettler(
                        market.ledger(), billing, chain, accounts, new PrintStream(OutputStream.nullOutputStream()), 2)
                .settle(FakeMarket.DAY);
    }

    private PeriodReport audit(Clock clock, Optional<SettlementBilling> store) {
        return new DayAudit(
                        market.ledger(),
                        store,
                        chain,
                        new PeriodAuditor(new Auditor(SettlementRule.DEFAULT), ACCOUNTS, clock),
                        new PrintStream(OutputStream.nullOutputStream()),
                        2)
                .audit(FakeMarket.DAY);
    }

    private static List<String> allDiscrepancies(PeriodReport r) {
        List<String> out = new ArrayList<>();
        r.settlements().forEach(v -> v.discrepancies().forEach(d -> out.add(v.settlementId() + " " + d)));
        r.periodDiscrepancies().forEach(d -> out.add(d.toString()));
        return out;
    }

    @Test
    void beforeTheDayEndsAnOrderIsNamedOnceItsAggregatorsReadingsAreAnchored() {
        // Aggregator2MSP has not anchored its readings: its home cannot be settled, the day is not anchored.
        DaySettler.Outcome o = settle(ACCOUNTS);
        assertThat(o.unsettled()).containsExactly("ord-o-3");

        PeriodReport early = audit(NOON, Optional.of(billing));
        assertThat(allDiscrepancies(early))
                .containsExactly("EVM anchor of 2026-11-28: no root anchored for the period");
        assertThat(early.checked().orders()).isEqualTo(new PeriodReport.OrderCounts(2, 1, 1, 0));

        market.anchor("Aggregator2MSP");
        assertThat(allDiscrepancies(audit(NOON, Optional.of(billing))))
                .containsExactlyInAnyOrder(
                        "EVM anchor of 2026-11-28: no root anchored for the period",
                        "order ord-o-3: accepted, never settled (the readings of Aggregator2MSP for 2026-11-28 are"
                                + " anchored on the ledger)");
        assertThat(allDiscrepancies(audit(LATER, Optional.of(billing))))
                .contains("order ord-o-3: accepted, never settled (the day ended at 2026-11-29T00:00:00Z)");
    }

    @Test
    void aPayoutToAnotherAccountThanTheConfiguredOneIsNamed() {
        market.anchor("Aggregator2MSP");
        EvmAddress stranger = EvmAddress.of("0x" + "5a".repeat(20));
        // The run pays Aggregator2MSP's settlement to an account the audit's configuration does not name.
        settle(new AggregatorAccounts(
                Map.of("Aggregator1MSP", AggregatorAccounts.GANACHE_ACCOUNT_1, "Aggregator2MSP", stranger)));
        String tx =
                chain.payoutOf(EvmIds.settlementId("stl-ord-o-3")).orElseThrow().txHash();

        PeriodReport r = audit(LATER, Optional.of(billing));
        assertThat(allDiscrepancies(r))
                .containsExactly("payout of stl-ord-o-3: paid to " + stranger + " (tx " + tx
                        + "), the account of Aggregator2MSP is " + AggregatorAccounts.GANACHE_ACCOUNT_2);
        assertThat(r.checked().payouts()).isEqualTo(3);
    }

    @Test
    void aLostBillingRowIsNamedAndNoBillingStoreIsSaid() {
        market.anchor("Aggregator2MSP");
        settle(ACCOUNTS);
        billing.lose("stl-ord-o-1");

        assertThat(allDiscrepancies(audit(LATER, Optional.of(billing))))
                .containsExactly("stl-ord-o-1 billing row of stl-ord-o-1: missing");
        PeriodReport unbilled = audit(LATER, Optional.empty());
        assertThat(allDiscrepancies(unbilled)).isEmpty();
        assertThat(unbilled.verified()).isTrue();
        assertThat(unbilled.toText()).contains("  billing rows      not checked (no billing store)\n");
    }

    @Test
    void aDayWithoutOrdersIsNothingToAudit() throws Exception {
        try (FakeMarket empty = new FakeMarket()) {
            PeriodReport r = new DayAudit(
                            empty.ledger(),
                            Optional.of(billing),
                            chain,
                            new PeriodAuditor(new Auditor(SettlementRule.DEFAULT), ACCOUNTS, LATER),
                            new PrintStream(OutputStream.nullOutputStream()),
                            2)
                    .audit(FakeMarket.DAY);
            assertThat(r.state()).isEqualTo(PeriodReport.State.NOTHING_TO_AUDIT);
            assertThat(r.verified()).isFalse();
            assertThat(r.toText()).endsWith("\nNOTHING TO AUDIT\n");
        }
    }
}
