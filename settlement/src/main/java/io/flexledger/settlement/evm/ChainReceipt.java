package io.flexledger.settlement.evm;

/**
 * Where a state change landed on the EVM chain.
 *
 * @param txHash the transaction hash, {@code 0x} + 64 hex digits
 * @param blockNumber the block that includes it
 */
public record ChainReceipt(String txHash, long blockNumber) {

    public ChainReceipt {
        if (txHash == null || !txHash.matches("0x[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("txHash: expected 0x and 64 hex digits, got " + txHash);
        }
        // Block numbers start at 0 (genesis).
        if (blockNumber < 0) {
            throw new IllegalArgumentException("blockNumber: negative " + blockNumber);
        }
    }
}
