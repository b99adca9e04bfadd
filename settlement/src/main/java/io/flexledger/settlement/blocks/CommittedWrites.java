package io.flexledger.settlement.blocks;

import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;

/**
 * The public writes a committed transaction made, read from its block as the peer stores it: what the
 * transaction put in the world state, independently of any read the chaincode serves. A record whose
 * private part is kept off the block (a community statement) is checked against the public record its
 * transaction wrote.
 */
public final class CommittedWrites {
    /**
     * One public write.
     *
     * @param namespace the chaincode (or its namespace) that wrote it
     * @param key the world-state key
     * @param value the value written, as text
     */
    public record Write(String namespace, String key, String value) {}

    /**
     * What the peer says of a transaction and what it wrote.
     *
     * @param blockNumber its block
     * @param validationCode the peer's validation code, {@code VALID} when it took effect
     * @param writes its public writes (none for an unreadable transaction)
     */
    public record Committed(long blockNumber, String validationCode, List<Write> writes) {
        public Committed {
            writes = List.copyOf(writes);
        }
    }

    private CommittedWrites() {}

    /** The writes of transaction {@code txId}, or empty when the peer does not know it. */
    public static Optional<Committed> of(BlockSource source, String txId) {
        Optional<BlockSource.Committed> where = source.transaction(txId);
        if (where.isEmpty() || where.get().blockNumber() < 0) {
            return Optional.empty();
        }
        long number = where.get().blockNumber();
        FabricBlock block = FabricBlock.parse(number, source.block(number));
        List<Write> writes = new ArrayList<>();
        for (int index : block.transactionIndices().getOrDefault(txId, List.of())) {
            try {
                writes.addAll(writes(Payload.parseFrom(block.envelope(index).getPayload())));
            } catch (InvalidProtocolBufferException e) {
                // an unreadable transaction wrote nothing the audit can read
            }
        }
        return Optional.of(new Committed(number, where.get().validationCode(), writes));
    }

    private static List<Write> writes(Payload payload) throws InvalidProtocolBufferException {
        List<Write> out = new ArrayList<>();
        Transaction tx = Transaction.parseFrom(payload.getData());
        for (TransactionAction action : tx.getActionsList()) {
            ChaincodeActionPayload cap = ChaincodeActionPayload.parseFrom(action.getPayload());
            ProposalResponsePayload prp =
                    ProposalResponsePayload.parseFrom(cap.getAction().getProposalResponsePayload());
            ChaincodeAction cc = ChaincodeAction.parseFrom(prp.getExtension());
            TxReadWriteSet rw = TxReadWriteSet.parseFrom(cc.getResults());
            for (NsReadWriteSet ns : rw.getNsRwsetList()) {
                KVRWSet kv = KVRWSet.parseFrom(ns.getRwset());
                for (KVWrite w : kv.getWritesList()) {
                    if (!w.getIsDelete()) {
                        out.add(new Write(
                                ns.getNamespace(), w.getKey(), w.getValue().toString(StandardCharsets.UTF_8)));
                    }
                }
            }
        }
        return out;
    }
}
