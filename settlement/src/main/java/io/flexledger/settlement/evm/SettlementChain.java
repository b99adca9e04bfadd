package io.flexledger.settlement.evm;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The port of the settlement code to the public chain: one settlement root per market day
 * (SettlementAnchor) and payouts in FLEX cents, at most one per settlement (FlexToken).
 * Implementations: {@link EvmSettlementChain} (web3j, any EVM JSON-RPC node) and
 * {@link InMemorySettlementChain} (same rules, no chain; for tests of the settlement logic).
 * Refusals throw {@link SettlementChainException} with the rule's {@link SettlementChainException.Reason}.
 */
public interface SettlementChain {

    /**
     * Anchors the settlement root of a market day (period id = {@link EvmIds#periodId(LocalDate)}).
     *
     * @throws SettlementChainException {@code PERIOD_ALREADY_ANCHORED} when the day has a root
     */
    ChainReceipt anchorPeriod(LocalDate day, Bytes32 root);

    /** The anchored root of a market day, empty when the day has none. */
    Optional<Bytes32> anchoredRoot(LocalDate day);

    /**
     * Mints {@code amountCents} FLEX cents (1 FLEX = 1 EUR) to {@code to} for one settlement.
     *
     * @param settlementId the settlement's key, {@link EvmIds#settlementId(String)}
     * @throws SettlementChainException {@code ALREADY_PAID_OUT} when that settlement was paid
     */
    ChainReceipt payout(EvmAddress to, long amountCents, Bytes32 settlementId);

    /** The FLEX balance of an account, in cents. */
    long balanceCents(EvmAddress account);

    /** Whether a settlement has been paid out. */
    boolean paidOut(Bytes32 settlementId);

    /**
     * The payout of a settlement as the token recorded it: to whom, how many cents, in which
     * transaction; empty when the settlement has not been paid out.
     *
     * @param settlementId the settlement's key, {@link EvmIds#settlementId(String)}
     */
    Optional<Payout> payoutOf(Bytes32 settlementId);
}
