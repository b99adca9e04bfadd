package io.flexledger.contract;

/**
 * One chaincode transaction: its contract, its name within the contract, and whether it writes.
 * Clients call it by {@link #fullName()} ({@code offers:CreateOffer}); the chaincode names its
 * {@code @Contract} and {@code @Transaction} with the same constants.
 *
 * @param contract the contract's name (the namespace), e.g. {@code offers}
 * @param name the transaction's name within the contract, e.g. {@code CreateOffer}
 * @param intent whether it is submitted (endorsed, ordered, committed) or only evaluated
 */
public record Tx(String contract, String name, Intent intent) {
    /** Whether a transaction writes. */
    public enum Intent {
        /** Endorsed, ordered and committed: it may write. */
        SUBMIT,
        /** Run on one peer only: it reads. */
        EVALUATE
    }

    static Tx submit(String contract, String name) {
        return new Tx(contract, name, Intent.SUBMIT);
    }

    static Tx evaluate(String contract, String name) {
        return new Tx(contract, name, Intent.EVALUATE);
    }

    /** {@code contract:name}, the name a client calls. */
    public String fullName() {
        return contract + ":" + name;
    }

    @Override
    public String toString() {
        return fullName();
    }
}
