package io.flexledger.contract;

/** The {@code revocations} contract: withdrawing live offers. */
public final class Revocations {
    private Revocations() {}

    /** The contract's name, the namespace of its transactions. */
    public static final String CONTRACT = "revocations";

    /** The transactions' names within the contract (constants, for the chaincode's annotations). */
    public static final class Names {
        private Names() {}

        public static final String REVOKE_OFFER = "RevokeOffer";
        public static final String READ_REVOCATION = "ReadRevocation";
    }

    /** Revokes an offer: {@code {offerId, reason}}. Arguments: revocationJson. */
    public static final Tx REVOKE_OFFER = Tx.submit(CONTRACT, Names.REVOKE_OFFER);

    /** Reads the revocation of an offer. Arguments: offerId. */
    public static final Tx READ_REVOCATION = Tx.evaluate(CONTRACT, Names.READ_REVOCATION);
}
