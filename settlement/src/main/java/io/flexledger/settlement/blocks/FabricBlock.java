package io.flexledger.settlement.blocks;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.common.OrdererBlockMetadata;
import org.hyperledger.fabric.protos.common.Payload;

/**
 * One block of the channel as the peer returned it, with what the audit reads from it: its header and
 * the hashes Fabric computes over it, its transactions, the peer's validation code of each
 * ({@code TRANSACTIONS_FILTER} metadata) and the orderer's metadata (signatures, last configuration).
 */
final class FabricBlock {
    private final Block block;

    private FabricBlock(Block block) {
        this.block = block;
    }

    /**
     * Parses a serialized {@code common.Block}.
     *
     * @throws IllegalStateException when the bytes are not one
     */
    static FabricBlock parse(long expectedNumber, byte[] bytes) {
        try {
            return new FabricBlock(Block.parseFrom(bytes));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("block " + expectedNumber + " is not a readable Fabric block", e);
        }
    }

    long number() {
        return block.getHeader().getNumber();
    }

    byte[] previousHash() {
        return block.getHeader().getPreviousHash().toByteArray();
    }

    byte[] dataHash() {
        return block.getHeader().getDataHash().toByteArray();
    }

    /** The header's bytes as Fabric hashes and the orderer signs them. */
    byte[] headerBytes() {
        return Der.blockHeader(number(), previousHash(), dataHash());
    }

    /** SHA-256 of the header's DER bytes: what the next block's {@code previous_hash} must be. */
    byte[] headerHash() {
        return sha256(headerBytes());
    }

    /** SHA-256 of the concatenated transactions: what the header's {@code data_hash} must be. */
    byte[] computedDataHash() {
        MessageDigest d = sha256();
        for (ByteString entry : block.getData().getDataList()) {
            d.update(entry.toByteArray());
        }
        return d.digest();
    }

    int transactionCount() {
        return block.getData().getDataCount();
    }

    /** Transaction {@code index} of the block, as an envelope. */
    Envelope envelope(int index) throws InvalidProtocolBufferException {
        return Envelope.parseFrom(block.getData().getData(index));
    }

    /** The channel header of transaction {@code index}. */
    ChannelHeader channelHeader(int index) throws InvalidProtocolBufferException {
        Payload payload = Payload.parseFrom(envelope(index).getPayload());
        return ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
    }

    /**
     * The indices of the block's transactions by transaction id (more than one when a duplicate was
     * ordered, which the peer marks invalid); unreadable transactions are left out.
     */
    Map<String, List<Integer>> transactionIndices() {
        Map<String, List<Integer>> out = new HashMap<>();
        for (int i = 0; i < transactionCount(); i++) {
            try {
                out.computeIfAbsent(channelHeader(i).getTxId(), id -> new ArrayList<>())
                        .add(i);
            } catch (InvalidProtocolBufferException e) {
                // an unreadable transaction is none of those looked for
            }
        }
        return out;
    }

    /**
     * The peer's validation code of transaction {@code index} from the {@code TRANSACTIONS_FILTER}
     * metadata (one byte per transaction), or -1 when the block carries none for it.
     */
    int validationCode(int index) {
        byte[] filter = metadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE);
        return index < filter.length ? filter[index] & 0xff : -1;
    }

    /** Whether this is a configuration block: its one transaction is of type {@code CONFIG}. */
    boolean isConfig() {
        try {
            return transactionCount() == 1 && channelHeader(0).getType() == HeaderType.CONFIG_VALUE;
        } catch (InvalidProtocolBufferException e) {
            return false;
        }
    }

    /** The orderer's {@code SIGNATURES} metadata: the signed value and the orderers' signatures. */
    Metadata signatures() throws InvalidProtocolBufferException {
        return Metadata.parseFrom(metadata(BlockMetadataIndex.SIGNATURES_VALUE));
    }

    /**
     * The last configuration block this block names: in the value of its {@code SIGNATURES} metadata
     * (Fabric 2 and later), signed by the orderer with the header; empty when the block names none.
     */
    OptionalLong lastConfig() {
        try {
            ByteString value = signatures().getValue();
            if (value.isEmpty()) {
                return OptionalLong.empty();
            }
            OrdererBlockMetadata obm = OrdererBlockMetadata.parseFrom(value);
            return obm.hasLastConfig() ? OptionalLong.of(obm.getLastConfig().getIndex()) : OptionalLong.empty();
        } catch (InvalidProtocolBufferException e) {
            return OptionalLong.empty();
        }
    }

    private byte[] metadata(int index) {
        return block.getMetadata().getMetadataCount() > index
                ? block.getMetadata().getMetadata(index).toByteArray()
                : new byte[0];
    }

    static byte[] sha256(byte[] bytes) {
        return sha256().digest(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
