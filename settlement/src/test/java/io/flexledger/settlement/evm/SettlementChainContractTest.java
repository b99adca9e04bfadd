package io.flexledger.settlement.evm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexledger.settlement.evm.SettlementChainException.Reason;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The rules every {@link SettlementChain} keeps; run against each implementation. */
abstract class SettlementChainContractTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicInteger DAYS = new AtomicInteger();

    /** The implementation under test. */
    abstract SettlementChain chain();

    /** A market day no other test of this run has used. */
    static LocalDate freshDay() {
        return LocalDate.of(2026, 11, 28).plusDays(DAYS.incrementAndGet());
    }

    static Bytes32 randomBytes32() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Bytes32.of(bytes);
    }

    /** An account that has never received anything. */
    static EvmAddress freshAccount() {
        byte[] bytes = new byte[20];
        RANDOM.nextBytes(bytes);
        return EvmAddress.of("0x" + HexFormat.of().formatHex(bytes));
    }

    @Test
    void anchorsTheRootOfADay() {
        LocalDate day = freshDay();
        Bytes32 root = randomBytes32();

        ChainReceipt receipt = chain().anchorPeriod(day, root);

        assertThat(receipt.txHash()).matches("0x[0-9a-f]{64}");
        assertThat(chain().anchoredRoot(day)).contains(root);
        assertThat(chain().anchoredRoot(day.plusYears(50))).isEmpty();
    }

    @Test
    void refusesASecondAnchorOfTheSameDayWithTheContractsReason() {
        LocalDate day = freshDay();
        Bytes32 first = randomBytes32();
        chain().anchorPeriod(day, first);

        assertThatThrownBy(() -> chain().anchorPeriod(day, randomBytes32()))
                .isInstanceOfSatisfying(SettlementChainException.class, e -> {
                    assertThat(e.reason()).as(e.getMessage()).isEqualTo(Reason.PERIOD_ALREADY_ANCHORED);
                    assertThat(e.revertReason()).isEqualTo("SettlementAnchor: period already anchored");
                    assertThat(e.getMessage()).contains("SettlementAnchor: period already anchored");
                });
        assertThat(chain().anchoredRoot(day)).contains(first);
    }

    @Test
    void refusesAZeroRoot() {
        LocalDate day = freshDay();

        assertThatThrownBy(() -> chain().anchorPeriod(day, Bytes32.of(new byte[32])))
                .isInstanceOfSatisfying(
                        SettlementChainException.class,
                        e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(Reason.ZERO_ROOT));
        assertThat(chain().anchoredRoot(day)).isEmpty();
    }

    @Test
    void paysOutExactlyTheCents() {
        EvmAddress aggregator = freshAccount();
        Bytes32 first = EvmIds.settlementId("stl-" + randomBytes32());
        Bytes32 second = EvmIds.settlementId("stl-" + randomBytes32());
        assertThat(chain().paidOut(first)).isFalse();

        chain().payout(aggregator, 12_345, first);
        assertThat(chain().balanceCents(aggregator)).isEqualTo(12_345);
        chain().payout(aggregator, 1, second);

        assertThat(chain().balanceCents(aggregator)).isEqualTo(12_346);
        assertThat(chain().paidOut(first)).isTrue();
        assertThat(chain().paidOut(second)).isTrue();
    }

    @Test
    void refusesASecondPayoutOfOneSettlement() {
        EvmAddress aggregator = freshAccount();
        EvmAddress other = freshAccount();
        Bytes32 settlement = EvmIds.settlementId("stl-" + randomBytes32());
        chain().payout(aggregator, 500, settlement);

        assertThatThrownBy(() -> chain().payout(other, 700, settlement))
                .isInstanceOfSatisfying(SettlementChainException.class, e -> {
                    assertThat(e.reason()).as(e.getMessage()).isEqualTo(Reason.ALREADY_PAID_OUT);
                    assertThat(e.revertReason()).isEqualTo("FlexToken: settlement already paid out");
                });
        assertThat(chain().balanceCents(aggregator)).isEqualTo(500);
        assertThat(chain().balanceCents(other)).isZero();
        assertThat(chain().payoutOf(settlement)).hasValueSatisfying(p -> {
            assertThat(p.recipient()).isEqualTo(aggregator);
            assertThat(p.cents()).isEqualTo(500);
        });
    }

    @Test
    void aPayoutIsReadBackWithItsRecipientCentsAndTransaction() {
        EvmAddress aggregator = freshAccount();
        EvmAddress other = freshAccount();
        Bytes32 settlement = EvmIds.settlementId("stl-" + randomBytes32());
        Bytes32 next = EvmIds.settlementId("stl-" + randomBytes32());
        assertThat(chain().payoutOf(settlement)).isEmpty();

        ChainReceipt receipt = chain().payout(aggregator, 4_321, settlement);
        ChainReceipt nextReceipt = chain().payout(other, 7, next);

        assertThat(chain().payoutOf(settlement)).contains(new Payout(aggregator, 4_321, receipt.txHash()));
        assertThat(chain().payoutOf(next)).contains(new Payout(other, 7, nextReceipt.txHash()));
        assertThat(chain().payoutOf(EvmIds.settlementId("stl-" + randomBytes32())))
                .isEmpty();
    }

    @Test
    void refusesAPayoutOfZeroCents() {
        EvmAddress aggregator = freshAccount();
        Bytes32 settlement = EvmIds.settlementId("stl-" + randomBytes32());

        assertThatThrownBy(() -> chain().payout(aggregator, 0, settlement))
                .isInstanceOfSatisfying(SettlementChainException.class, e -> {
                    assertThat(e.reason()).as(e.getMessage()).isEqualTo(Reason.INVALID_PAYOUT);
                    assertThat(e.revertReason()).isEqualTo("FlexToken: payout of zero cents");
                });
        assertThat(chain().paidOut(settlement)).isFalse();
    }

    @Test
    void refusesANegativeAmountBeforeTheChain() {
        assertThatThrownBy(() -> chain().payout(freshAccount(), -1, randomBytes32()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("amountCents");
    }
}
