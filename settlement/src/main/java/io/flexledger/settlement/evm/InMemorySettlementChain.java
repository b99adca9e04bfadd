package io.flexledger.settlement.evm;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.web3j.crypto.Hash;

/**
 * The contracts' rules without a chain, for tests of code that uses {@link SettlementChain}.
 * Refusals carry the same revert messages as the Solidity contracts. Thread-safe.
 */
public final class InMemorySettlementChain implements SettlementChain {

    private final Map<Bytes32, Bytes32> roots = new HashMap<>();
    private final Map<Bytes32, Payout> paid = new HashMap<>();
    private final Map<EvmAddress, Long> balances = new HashMap<>();
    private final AtomicLong blocks = new AtomicLong();

    @Override
    public synchronized ChainReceipt anchorPeriod(LocalDate day, Bytes32 root) {
        Bytes32 periodId = EvmIds.periodId(day);
        // An empty root would be indistinguishable from "not anchored".
        if (root.isZero()) {
            throw SettlementChainException.reverted("anchor " + day, "SettlementAnchor: root is zero");
        }
        // One root per period, never replaced.
        if (roots.containsKey(periodId)) {
            throw SettlementChainException.reverted("anchor " + day, "SettlementAnchor: period already anchored");
        }
        roots.put(periodId, root);
        return receipt("anchor|" + periodId + "|" + root);
    }

    @Override
    public synchronized Optional<Bytes32> anchoredRoot(LocalDate day) {
        return Optional.ofNullable(roots.get(EvmIds.periodId(day)));
    }

    @Override
    public synchronized ChainReceipt payout(EvmAddress to, long amountCents, Bytes32 settlementId) {
        String operation = "payout " + settlementId;
        // A payout moves money: zero is a mistake, not a payout (negative cannot be minted).
        if (amountCents <= 0) {
            if (amountCents < 0) {
                throw new IllegalArgumentException("amountCents: negative " + amountCents);
            }
            throw SettlementChainException.reverted(operation, "FlexToken: payout of zero cents");
        }
        // Minting to the zero address would burn the payout.
        if (to.value().equals("0x" + "0".repeat(40))) {
            throw SettlementChainException.reverted(operation, "FlexToken: payout to the zero address");
        }
        // One payout per settlement id.
        if (paid.containsKey(settlementId)) {
            throw SettlementChainException.reverted(operation, "FlexToken: settlement already paid out");
        }
        balances.merge(to, amountCents, Math::addExact);
        ChainReceipt receipt = receipt("payout|" + settlementId + "|" + to + "|" + amountCents);
        paid.put(settlementId, new Payout(to, amountCents, receipt.txHash()));
        return receipt;
    }

    @Override
    public synchronized long balanceCents(EvmAddress account) {
        return balances.getOrDefault(account, 0L);
    }

    @Override
    public synchronized boolean paidOut(Bytes32 settlementId) {
        return paid.containsKey(settlementId);
    }

    @Override
    public synchronized Optional<Payout> payoutOf(Bytes32 settlementId) {
        return Optional.ofNullable(paid.get(settlementId));
    }

    private ChainReceipt receipt(String what) {
        long block = blocks.incrementAndGet();
        return new ChainReceipt(Hash.sha3String(block + "|" + what), block);
    }
}
