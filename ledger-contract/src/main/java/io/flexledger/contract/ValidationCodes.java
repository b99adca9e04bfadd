package io.flexledger.contract;

/**
 * Codes for a transaction the ledger did not commit: Fabric's validation code (e.g. {@code
 * MVCC_READ_CONFLICT}) behind the prefix {@value #PREFIX}.
 */
public final class ValidationCodes {
    private ValidationCodes() {}

    /** The prefix of a validation code. */
    public static final String PREFIX = "TX_";

    /** A read the transaction depended on changed before it was committed. */
    public static final String MVCC_READ_CONFLICT = PREFIX + "MVCC_READ_CONFLICT";

    /** The endorsements did not satisfy the policy of a key written (e.g. a concurrent duplicate set it). */
    public static final String ENDORSEMENT_POLICY_FAILURE = PREFIX + "ENDORSEMENT_POLICY_FAILURE";

    /** The code of Fabric validation code {@code name}. */
    public static String of(String name) {
        return PREFIX + name;
    }

    /** Whether {@code code} is a commit that lost an MVCC read conflict (or a phantom read). */
    public static boolean isMvccConflict(String code) {
        return code.startsWith(PREFIX + "MVCC");
    }
}
