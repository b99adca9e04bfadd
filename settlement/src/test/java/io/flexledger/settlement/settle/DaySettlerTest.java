package io.flexledger.settlement.settle;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.domain.settlement.SettlementRule;
import io.flexledger.settlement.audit.Auditor;
import io.flexledger.settlement.audit.DayAudit;
import io.flexledger.settlement.audit.PeriodAuditor;
import io.flexledger.settlement.audit.PeriodReport;
import io.flexledger.settlement.evm.AggregatorAccounts;
import io.flexledger.settlement.evm.EvmIds;
import io.flexledger.settlement.evm.InMemorySettlementChain;
import io.flexledger.settlement.support.FakeMarket;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The settlement run against a fake marketplace-api and bridge, the in-memory chain and an in-memory
 * billing store: a day is anchored only once every order of it is settled; a rerun finishes it.
 */
class DaySettlerTest {
    private static final AggregatorAccounts ACCOUNTS = AggregatorAccounts.ganacheDefaults();
    /** Two days after the market day: every order of it should be settled. */
    private static final Clock LATER = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);

    private FakeMarket market;
    private final InMemorySettlementChain chain = new InMemorySettlementChain();
    private final FakeMarket.Billing billing = new FakeMarket.Billing();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @BeforeEach
    void aMeteredDay() throws Exception {
        market = new FakeMarket();
        // Nets: home 1 0.4000, home 2 0.1000 (Aggregator1MSP); home 3 0.4000 (Aggregator2MSP).
        market.addHome(1, "Aggregator1MSP", 1.0);
        market.addHome(2, "Aggregator1MSP", 0.5);
        market.addHome(3, "Aggregator2MSP", 1.0);
        market.anchor("Aggregator1MSP");
        market.anchor("Aggregator2MSP");
    }

    @AfterEach
    void close() {
        market.close();
    }

    private DaySettler.Outcome settle() {
        return new DaySettler(
                        market.ledger(),
                        billing,
                        chain,
                        ACCOUNTS,
                        new PrintStream(log, true, StandardCharsets.UTF_8),
                        2)
                .settle(FakeMarket.DAY);
    }

    private PeriodReport audit() {
        return new DayAudit(
                        market.ledger(),
                        Optional.of(billing),
                        chain,
                        new PeriodAuditor(new Auditor(SettlementRule.DEFAULT), ACCOUNTS, LATER),
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
    void aCompleteRunSettlesAnchorsAndPaysAndTheAuditVerifiesIt() {
        DaySettler.Outcome o = settle();

        assertThat(o.settled()).containsExactlyInAnyOrder("ord-o-1", "ord-o-2", "ord-o-3");
        assertThat(o.skipped()).isEmpty();
        assertThat(o.unsettled()).isEmpty();
        assertThat(o.anchor()).isPresent();
        assertThat(o.payouts()).isEqualTo(3);
        assertThat(chain.anchoredRoot(FakeMarket.DAY).orElseThrow().hex()).isEqualTo(o.rootHex());
        assertThat(billing.ids()).containsExactlyInAnyOrder("stl-ord-o-1", "stl-ord-o-2", "stl-ord-o-3");

        PeriodReport r = audit();
        assertThat(allDiscrepancies(r)).isEmpty();
        assertThat(r.state()).isEqualTo(PeriodReport.State.VERIFIED);
        assertThat(r.checked())
                .isEqualTo(new PeriodReport.Checked(3, true, 3, new PeriodReport.OrderCounts(3, 0, 0, 0)));
        assertThat(r.readingsChecked()).isEqualTo(12);
        assertThat(r.toText()).endsWith("\nVERIFIED\n");
    }

    @Test
    void aRunThatLeavesAnOrderUnsettledDoesNotAnchorTheDayAndARerunFinishesIt() {
        market.fail("ord-o-2");
        DaySettler.Outcome first = settle();

        assertThat(first.settled()).containsExactlyInAnyOrder("ord-o-1", "ord-o-3");
        assertThat(first.skipped()).singleElement().asString().startsWith("ord-o-2: ");
        assertThat(first.unsettled()).containsExactly("ord-o-2");
        // Not anchored: a day's root is anchored once, and this one would leave ord-o-2 out.
        assertThat(first.anchor()).isEmpty();
        assertThat(chain.anchoredRoot(FakeMarket.DAY)).isEmpty();
        // The settled orders are paid all the same.
        assertThat(first.payouts()).isEqualTo(2);
        assertThat(chain.paidOut(EvmIds.settlementId("stl-ord-o-1"))).isTrue();
        assertThat(log.toString(StandardCharsets.UTF_8))
                .contains("EVM: 2026-11-28 is not anchored: 1 order(s) of the day not settled yet;"
                        + " run ./flex settle --day 2026-11-28 again");

        // The audit in between names what is missing.
        PeriodReport between = audit();
        assertThat(allDiscrepancies(between))
                .containsExactlyInAnyOrder(
                        "EVM anchor of 2026-11-28: no root anchored for the period",
                        "order ord-o-2: accepted, never settled (the day ended at 2026-11-29T00:00:00Z)");
        assertThat(between.state()).isEqualTo(PeriodReport.State.DISCREPANCIES);

        market.heal("ord-o-2");
        DaySettler.Outcome second = settle();

        assertThat(second.settled()).containsExactly("ord-o-2");
        assertThat(second.skipped()).isEmpty();
        assertThat(second.unsettled()).isEmpty();
        assertThat(second.anchor()).isPresent();
        assertThat(second.payouts()).isEqualTo(1);
        PeriodReport after = audit();
        assertThat(allDiscrepancies(after)).isEmpty();
        assertThat(after.verified()).isTrue();
        assertThat(after.evmRootHex()).isEqualTo(after.settlementRootHex());
        assertThat(after.settlements()).hasSize(3);
    }

    @Test
    void aReadingOfAnotherHomeSlippedIntoTheBridgesAnswerStopsThatOrdersSettlementOnly() {
        // Home 2 delivered half: a bridge that served home 1's full reading as home 2's would raise its pay.
        market.slipReading("home-2", "home-1");

        DaySettler.Outcome o = settle();

        assertThat(o.settled()).containsExactlyInAnyOrder("ord-o-1", "ord-o-3");
        assertThat(o.skipped())
                .singleElement()
                .asString()
                .startsWith("ord-o-2: the bridge's readings of home-2 are not valid:")
                .containsPattern("\\$\\.readings\\[\\d+]\\.assetId: must be the answer.s home \\(home-2\\)");
        assertThat(o.unsettled()).containsExactly("ord-o-2");
        assertThat(market.settlementIds()).doesNotContain("stl-ord-o-2");
    }

    @Test
    void anActivatedOrderIsSettledToo() {
        market.setOrderState("ord-o-1", "ACTIVATED");

        DaySettler.Outcome o = settle();

        assertThat(o.settled()).contains("ord-o-1");
        assertThat(o.unsettled()).isEmpty();
        assertThat(market.orderState("ord-o-1")).isEqualTo("SETTLED");
        assertThat(o.anchor()).isPresent();
    }

    @Test
    void aRerunOfASettledDayChangesNothing() {
        settle();
        DaySettler.Outcome again = settle();

        assertThat(again.settled()).isEmpty();
        assertThat(again.unsettled()).isEmpty();
        assertThat(again.anchor()).isEmpty();
        assertThat(again.payouts()).isZero();
        assertThat(audit().verified()).isTrue();
    }
}
