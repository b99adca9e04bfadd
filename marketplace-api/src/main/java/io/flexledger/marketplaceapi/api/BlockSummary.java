package io.flexledger.marketplaceapi.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.flexledger.marketplaceapi.ledger.LedgerBlocks;
import io.flexledger.marketplaceapi.ledger.LedgerUnavailableException;
import java.time.Instant;
import java.util.HexFormat;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.common.OrdererBlockMetadata;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;

/**
 * A block as JSON for people: its header, the last configuration block its metadata names, and per
 * transaction its id, type, time, creator's and endorsers' organisations, chaincode and the peer's
 * validation code. The bytes ({@code format=proto}) are what an audit checks; this is a view of them.
 */
final class BlockSummary {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    private BlockSummary() {}

    static ObjectNode of(byte[] blockBytes) {
        Block block;
        try {
            block = Block.parseFrom(blockBytes);
        } catch (InvalidProtocolBufferException e) {
            throw new LedgerUnavailableException("the peer returned an unreadable block", e);
        }
        ObjectNode out = MAPPER.createObjectNode();
        out.put("number", block.getHeader().getNumber());
        out.put("previousHash", hex(block.getHeader().getPreviousHash()));
        out.put("dataHash", hex(block.getHeader().getDataHash()));
        lastConfig(block, out);
        byte[] filter = metadata(block, BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE);
        ArrayNode txs = out.putArray("transactions");
        for (int i = 0; i < block.getData().getDataCount(); i++) {
            ObjectNode tx = txs.addObject();
            tx.put("index", i);
            if (i < filter.length) {
                tx.put("validationCode", LedgerBlocks.validationCode(filter[i] & 0xff));
            }
            try {
                describe(Envelope.parseFrom(block.getData().getData(i)), tx);
            } catch (InvalidProtocolBufferException e) {
                tx.put("unreadable", e.getMessage());
            }
        }
        return out;
    }

    private static void describe(Envelope envelope, ObjectNode tx) throws InvalidProtocolBufferException {
        Payload payload = Payload.parseFrom(envelope.getPayload());
        ChannelHeader ch = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
        SignatureHeader sh = SignatureHeader.parseFrom(payload.getHeader().getSignatureHeader());
        tx.put("txId", ch.getTxId());
        HeaderType type = HeaderType.forNumber(ch.getType());
        tx.put("type", type == null ? Integer.toString(ch.getType()) : type.name());
        tx.put("channelId", ch.getChannelId());
        if (ch.hasTimestamp()) {
            tx.put(
                    "timestamp",
                    Instant.ofEpochSecond(
                                    ch.getTimestamp().getSeconds(),
                                    ch.getTimestamp().getNanos())
                            .toString());
        }
        tx.put("creatorMsp", SerializedIdentity.parseFrom(sh.getCreator()).getMspid());
        if (type != HeaderType.ENDORSER_TRANSACTION) {
            return;
        }
        ArrayNode endorsers = tx.putArray("endorsers");
        for (TransactionAction action : Transaction.parseFrom(payload.getData()).getActionsList()) {
            ChaincodeActionPayload cap = ChaincodeActionPayload.parseFrom(action.getPayload());
            ProposalResponsePayload prp =
                    ProposalResponsePayload.parseFrom(cap.getAction().getProposalResponsePayload());
            tx.put(
                    "chaincode",
                    ChaincodeAction.parseFrom(prp.getExtension())
                            .getChaincodeId()
                            .getName());
            for (Endorsement e : cap.getAction().getEndorsementsList()) {
                endorsers.add(SerializedIdentity.parseFrom(e.getEndorser()).getMspid());
            }
        }
    }

    /** The last configuration block as the orderer wrote it into the block's signatures metadata. */
    private static void lastConfig(Block block, ObjectNode out) {
        byte[] signatures = metadata(block, BlockMetadataIndex.SIGNATURES_VALUE);
        try {
            ByteString value = Metadata.parseFrom(signatures).getValue();
            if (!value.isEmpty()) {
                OrdererBlockMetadata obm = OrdererBlockMetadata.parseFrom(value);
                out.put("lastConfigBlock", obm.getLastConfig().getIndex());
            }
        } catch (InvalidProtocolBufferException e) {
            out.put("lastConfigBlock", (String) null);
        }
    }

    private static byte[] metadata(Block block, int index) {
        return block.getMetadata().getMetadataCount() > index
                ? block.getMetadata().getMetadata(index).toByteArray()
                : new byte[0];
    }

    static String hex(ByteString bytes) {
        return HEX.formatHex(bytes.toByteArray());
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }
}
