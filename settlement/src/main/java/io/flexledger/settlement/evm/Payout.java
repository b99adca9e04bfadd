package io.flexledger.settlement.evm;

/**
 * A settlement's payout as the FLEX token recorded it (its {@code Payout} event).
 *
 * @param recipient the account the cents were minted to
 * @param cents the FLEX cents paid (1 FLEX = 1 EUR)
 * @param txHash the payout transaction, {@code 0x} + 64 hex digits
 */
public record Payout(EvmAddress recipient, long cents, String txHash) {

    public Payout {
        if (recipient == null) {
            throw new IllegalArgumentException("recipient: is null");
        }
        // The token refuses a payout of zero cents; uint256 has no negative amounts.
        if (cents <= 0) {
            throw new IllegalArgumentException("cents: expected a positive amount, got " + cents);
        }
        if (txHash == null || !txHash.matches("0x[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("txHash: expected 0x and 64 hex digits, got " + txHash);
        }
    }
}
