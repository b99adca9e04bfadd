package io.flexledger.settlement.evm;

import java.util.List;

/**
 * A settlement-chain operation that did not happen: refused by a contract rule (with the
 * contract's revert reason), or the chain could not be reached or used.
 */
public final class SettlementChainException extends RuntimeException {

    /** Why the operation failed; the contract rules carry their Solidity revert messages. */
    public enum Reason {
        /** The caller is not the contract's owner (the operator that deployed it). */
        NOT_OWNER("SettlementAnchor: caller is not the owner", "FlexToken: caller is not the owner"),
        /** The period already has a root; roots are never replaced. */
        PERIOD_ALREADY_ANCHORED("SettlementAnchor: period already anchored"),
        /** The root is all zeros, which reads as "not anchored". */
        ZERO_ROOT("SettlementAnchor: root is zero"),
        /** The settlement id was paid out before. */
        ALREADY_PAID_OUT("FlexToken: settlement already paid out"),
        /** A payout of zero cents or to the zero address. */
        INVALID_PAYOUT("FlexToken: payout of zero cents", "FlexToken: payout to the zero address"),
        /** Any other revert. */
        REVERTED,
        /** No contract code at a configured or recorded address. */
        CONTRACT_MISSING,
        /** The node could not be reached or answered with an error. */
        NODE_ERROR;

        private final List<String> revertMessages;

        Reason(String... revertMessages) {
            this.revertMessages = List.of(revertMessages);
        }

        /** The contract's revert messages of this reason (empty for non-contract reasons). */
        public List<String> revertMessages() {
            return revertMessages;
        }

        /** The reason of a contract revert message; {@link #REVERTED} when none matches. */
        public static Reason ofRevert(String revertMessage) {
            for (Reason reason : values()) {
                if (reason.revertMessages.contains(revertMessage)) {
                    return reason;
                }
            }
            return REVERTED;
        }
    }

    private final Reason reason;
    private final String revertReason;

    /** A contract refused the operation with {@code revertReason}. */
    public static SettlementChainException reverted(String operation, String revertReason) {
        return new SettlementChainException(
                Reason.ofRevert(revertReason),
                revertReason,
                operation + " reverted: " + (revertReason == null ? "(no reason given)" : revertReason),
                null);
    }

    /** A failure that is not a contract rule. */
    public SettlementChainException(Reason reason, String message, Throwable cause) {
        this(reason, null, message, cause);
    }

    private SettlementChainException(Reason reason, String revertReason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.revertReason = revertReason;
    }

    /** Why the operation failed. */
    public Reason reason() {
        return reason;
    }

    /** The contract's revert message, or {@code null} when no contract refused it. */
    public String revertReason() {
        return revertReason;
    }
}
