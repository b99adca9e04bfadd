package io.flexledger.marketplaceapi.ledger;

import com.google.protobuf.InvalidProtocolBufferException;
import io.flexledger.contract.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.hyperledger.fabric.protos.peer.ProcessedTransaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * The channel's blocks as this instance's own peer holds them, read with the peer's ledger queries
 * (the system chaincode qscc): a block by number, where a transaction was committed and whether it was
 * valid, the chain's height and last hash. Read-only; for audits that re-derive from the blocks.
 */
@ApplicationScoped
public class LedgerBlocks {
    /** The peer's ledger queries on the instance's channel (the channel is added by the peer side). */
    @FunctionalInterface
    public interface Peer {
        byte[] query(String function, String... arguments);
    }

    /**
     * Where a transaction was committed.
     *
     * @param txId the transaction id
     * @param blockNumber the block that holds it
     * @param validationCode the peer's verdict at commit, e.g. {@code VALID} or {@code
     *     ENDORSEMENT_POLICY_FAILURE} (Fabric's {@code TxValidationCode})
     */
    public record Transaction(String txId, long blockNumber, String validationCode) {}

    /**
     * The peer's chain.
     *
     * @param height the number of blocks (the last is {@code height - 1})
     * @param currentBlockHash the hash of the last block's header
     * @param previousBlockHash the hash of the header before it
     */
    public record ChainInfo(long height, byte[] currentBlockHash, byte[] previousBlockHash) {}

    private final Peer peer;

    @Inject
    public LedgerBlocks(FabricLedger ledger) {
        this(ledger::queryLedger);
    }

    /** Blocks read through {@code peer} (a stand-in in tests). */
    public LedgerBlocks(Peer peer) {
        this.peer = peer;
    }

    /**
     * Block {@code number} as the peer stores it (a serialized {@code common.Block}).
     *
     * @throws ChaincodeRejection {@code BLOCK_NOT_FOUND} when the chain is not that long yet
     */
    public byte[] block(long number) {
        try {
            return peer.query("GetBlockByNumber", Long.toString(number));
        } catch (ChaincodeRejection e) {
            // The peer's message is free text; whether the block exists is decided by the height.
            long height = info().height();
            if (number >= height) {
                throw ChaincodeRejection.of(
                        ErrorCode.BLOCK_NOT_FOUND,
                        "the ledger has no block " + number + "; its height is " + height + " (blocks 0 to "
                                + (height - 1) + ")");
            }
            throw e;
        }
    }

    /**
     * The block and validation code of committed transaction {@code txId}.
     *
     * @throws ChaincodeRejection {@code TRANSACTION_NOT_FOUND} when the peer does not know it
     */
    public Transaction transaction(String txId) {
        byte[] processed;
        try {
            processed = peer.query("GetTransactionByID", txId);
        } catch (ChaincodeRejection e) {
            // qscc's answer for an id that is not in the peer's index.
            if (e.getMessage().startsWith("Failed to get transaction with id")) {
                throw ChaincodeRejection.of(ErrorCode.TRANSACTION_NOT_FOUND, "the ledger has no transaction " + txId);
            }
            throw e;
        }
        try {
            int code = ProcessedTransaction.parseFrom(processed).getValidationCode();
            long number = Block.parseFrom(peer.query("GetBlockByTxID", txId))
                    .getHeader()
                    .getNumber();
            return new Transaction(txId, number, validationCode(code));
        } catch (InvalidProtocolBufferException e) {
            throw new LedgerUnavailableException("the peer returned an unreadable transaction or block for " + txId, e);
        }
    }

    /** The peer's chain: height and the last two header hashes. */
    public ChainInfo info() {
        try {
            BlockchainInfo info = BlockchainInfo.parseFrom(peer.query("GetChainInfo"));
            return new ChainInfo(
                    info.getHeight(),
                    info.getCurrentBlockHash().toByteArray(),
                    info.getPreviousBlockHash().toByteArray());
        } catch (InvalidProtocolBufferException e) {
            throw new LedgerUnavailableException("the peer returned unreadable chain information", e);
        }
    }

    /** The name of a {@code TxValidationCode}, or its number when this version of the protos lacks it. */
    public static String validationCode(int code) {
        TxValidationCode c = TxValidationCode.forNumber(code);
        return c == null ? Integer.toString(code) : c.name();
    }
}
