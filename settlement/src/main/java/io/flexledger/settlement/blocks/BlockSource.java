package io.flexledger.settlement.blocks;

import java.util.Optional;

/**
 * Where the audit reads the channel's blocks: the auditing organisation's own peer, through its
 * marketplace-api ({@code /api/ledger}, see {@link LedgerBlockSource}), or blocks built in a test.
 */
public interface BlockSource {
    /**
     * Where a committed transaction is, as the peer's index says.
     *
     * @param blockNumber the block that holds it
     * @param validationCode the peer's validation code, e.g. {@code VALID} or {@code MVCC_READ_CONFLICT}
     */
    record Committed(long blockNumber, String validationCode) {}

    /**
     * The peer's chain.
     *
     * @param height the number of blocks (the last is {@code height - 1})
     * @param currentBlockHash the SHA-256 of the last block's header
     */
    record ChainInfo(long height, byte[] currentBlockHash) {}

    /** Block {@code number} as the peer stores it: a serialized {@code common.Block}. */
    byte[] block(long number);

    /** Where transaction {@code txId} was committed, or empty if the peer does not know it. */
    Optional<Committed> transaction(String txId);

    /** The peer's chain: its height and the hash of its last block's header. */
    ChainInfo chainInfo();
}
