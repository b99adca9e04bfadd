package io.flexledger.settlement.blocks;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.flexledger.settlement.finding.Discrepancy;
import io.flexledger.settlement.support.Parallel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.IdentifierHeader;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.common.MetadataSignature;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Re-derives from the channel's blocks what the ledger says of a set of transactions, trusting neither
 * the API nor the peer's index:
 *
 * <ul>
 *   <li>each transaction is in the block the peer names, and that block's {@code TRANSACTIONS_FILTER}
 *       marks it {@code VALID} (and agrees with the peer's index);
 *   <li>each endorsement's signature (ECDSA over the proposal response payload followed by the
 *       endorser's serialized identity) verifies with the endorser's certificate, the certificate is
 *       issued by a CA of the endorser's MSP in the channel configuration in force at that block, is not
 *       revoked, and is a peer's (NodeOUs); the endorsers are exactly the required organisations, each
 *       at least once; the creator's signature over the transaction verifies likewise;
 *   <li>the block holding it is signed by the ordering service (an orderer organisation of the
 *       configuration; with BFT, a quorum of the configuration's consenters, each by its id) and names the
 *       right last configuration block;
 *   <li>the chain holds from the genesis block up to one block past the highest such block (or the
 *       peer's last block, whose hash must be the chain's current hash): each header's {@code
 *       previous_hash} is the SHA-256 of the previous header's DER encoding, each {@code data_hash} the
 *       SHA-256 of the block's transactions; the genesis block is a configuration block with no
 *       previous hash (and the expected hash, when one is given).
 * </ul>
 *
 * <p>The channel configuration (each MSP's root and intermediate certificates, revocation lists, NodeOUs)
 * is read from the genesis block and from every later configuration block met on the way. Blocks are
 * fetched once per verifier: the chain is walked once from the genesis block, and later calls continue
 * from where the last one stopped (fetching again only the blocks that hold their transactions).
 * Thread-safe; calls run one at a time.
 */
public final class BlockVerifier {
    private static final HexFormat HEX = HexFormat.of();
    private static final String VALID = TxValidationCode.VALID.name();

    /**
     * A transaction to check.
     *
     * @param subject what it records, to name in a discrepancy, e.g. {@code settlement stl-ord-1}
     * @param txId its transaction id
     * @param endorsers the MSP ids that must have endorsed it, and no others (e.g. the DSO and the
     *     settlement's aggregator)
     */
    public record Expected(String subject, String txId, Set<String> endorsers) {
        public Expected {
            endorsers = Set.copyOf(endorsers);
        }
    }

    /**
     * What a call checked and found.
     *
     * @param transactionsChecked transactions found in their block and checked
     * @param endorsementsVerified endorsements whose signature and identity verified
     * @param blocksChained blocks from the genesis block on whose link to the one before verified, up to
     *     the highest block walked for this call
     * @param blocksFetched blocks read from the source by this call
     * @param discrepancies each disagreement, in the order found; none when everything holds
     */
    public record Result(
            int transactionsChecked,
            int endorsementsVerified,
            long blocksChained,
            int blocksFetched,
            List<Discrepancy> discrepancies) {
        public Result {
            discrepancies = List.copyOf(discrepancies);
        }

        /** Whether nothing disagreed. */
        public boolean verified() {
            return discrepancies.isEmpty();
        }
    }

    /** Blocks fetched side by side, then checked in order, at most this many held at a time. */
    private static final int BATCH = 64;

    private final BlockSource source;
    private final Optional<byte[]> genesisHash;
    private final int workers;

    /** Header hash of every block walked so far, by number. */
    private final List<byte[]> headerHashes = new ArrayList<>();
    /** The configuration blocks met so far, by number. */
    private final TreeMap<Long, ChannelConfig> configs = new TreeMap<>();
    /** The links found broken so far, by block. */
    private final TreeMap<Long, List<Discrepancy>> breaks = new TreeMap<>();

    /** A verifier of the blocks of {@code source}, trusting whatever genesis block it serves. */
    public BlockVerifier(BlockSource source) {
        this(source, Optional.empty());
    }

    /**
     * A verifier that also requires the genesis block's header hash to be {@code genesisHash} (e.g. the
     * SHA-256 of the header of the channel's genesis block file the organisation joined with).
     */
    public BlockVerifier(BlockSource source, Optional<byte[]> genesisHash) {
        this(source, genesisHash, 1);
    }

    /**
     * A verifier that reads up to {@code workers} blocks (and transaction locations) from the peer side
     * by side; the blocks are still checked one after the other, in the chain's order.
     */
    public BlockVerifier(BlockSource source, Optional<byte[]> genesisHash, int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers: must be >= 1, got " + workers);
        }
        this.source = source;
        this.genesisHash = genesisHash.map(byte[]::clone);
        this.workers = workers;
    }

    /** Checks one transaction; see {@link #verify(List)}. */
    public Result verify(String subject, String txId, Set<String> endorsers) {
        return verify(List.of(new Expected(subject, txId, endorsers)));
    }

    /** Checks {@code transactions} and the chain that holds them. */
    public synchronized Result verify(List<Expected> transactions) {
        Call call = new Call();
        // Where each transaction is, by the peer's index; checked against the block itself below.
        TreeMap<Long, List<Located>> byBlock = new TreeMap<>();
        List<Expected> wellFormed = new ArrayList<>();
        for (Expected e : transactions) {
            if (e.txId() == null || !e.txId().matches("[0-9a-f]{64}")) {
                call.found(e.subject(), "names no transaction id the ledger can hold ('" + e.txId() + "')");
            } else {
                wellFormed.add(e);
            }
        }
        List<Optional<BlockSource.Committed>> where =
                Parallel.map(wellFormed, workers, e -> source.transaction(e.txId()));
        for (int i = 0; i < wellFormed.size(); i++) {
            Expected e = wellFormed.get(i);
            Optional<BlockSource.Committed> committed = where.get(i);
            if (committed.isEmpty()) {
                call.found(e.subject(), "transaction " + e.txId() + " is not on the auditing peer's ledger");
                continue;
            }
            byBlock.computeIfAbsent(committed.get().blockNumber(), n -> new ArrayList<>())
                    .add(new Located(e, committed.get()));
        }
        if (byBlock.isEmpty()) {
            return call.result(0);
        }
        BlockSource.ChainInfo info = source.chainInfo();
        // The peer's index against its own chain: a block it names must be on it.
        for (Long n : List.copyOf(byBlock.keySet())) {
            if (n < 0 || n >= info.height()) {
                for (Located l : byBlock.remove(n)) {
                    call.found(
                            l.expected().subject(),
                            "the peer places transaction " + l.expected().txId() + " in block " + n
                                    + ", which is not on its chain of " + info.height() + " block(s)");
                }
            }
        }
        if (byBlock.isEmpty()) {
            return call.result(0);
        }
        long highest = byBlock.lastKey();
        // One block past the highest seals its header; the last block is sealed by the chain's hash.
        long walkTo = highest < info.height() - 1 ? highest + 1 : highest;
        long walkedBefore = headerHashes.size() - 1L;
        for (long from = walkedBefore + 1; from <= walkTo; from += BATCH) {
            List<Long> batch = new ArrayList<>();
            for (long n = from; n <= Math.min(walkTo, from + BATCH - 1); n++) {
                batch.add(n);
            }
            List<byte[]> raw = Parallel.map(batch, workers, source::block);
            for (int i = 0; i < batch.size(); i++) {
                long n = batch.get(i);
                FabricBlock block = parsed(n, raw.get(i), call);
                link(block);
                if (byBlock.containsKey(n)) {
                    checkBlock(block, byBlock.get(n), call);
                }
            }
        }
        // Blocks walked by an earlier call: fetched again, and must be the blocks walked then.
        for (Map.Entry<Long, List<Located>> e :
                byBlock.headMap(walkedBefore, true).entrySet()) {
            FabricBlock block = fetch(e.getKey(), call);
            if (!Arrays.equals(block.headerHash(), headerHashes.get(e.getKey().intValue()))
                    || !Arrays.equals(block.computedDataHash(), block.dataHash())) {
                call.found("block " + e.getKey(), "differs from the block of that number read earlier in this audit");
            }
            checkBlock(block, e.getValue(), call);
        }
        if (highest == info.height() - 1 && highest < headerHashes.size()) {
            byte[] last = headerHashes.get((int) highest);
            if (!Arrays.equals(last, info.currentBlockHash())) {
                call.found(
                        "block " + highest,
                        "its header hash " + hex(last) + " is not the peer's current block hash "
                                + hex(info.currentBlockHash()));
            }
        }
        long reached = Math.min(walkTo, headerHashes.size() - 1L);
        int broken = 0;
        for (List<Discrepancy> d : breaks.headMap(reached, true).values()) {
            call.discrepancies.addAll(d);
            broken++;
        }
        return call.result(reached + 1 - broken);
    }

    /** A transaction with where the peer's index puts it. */
    private record Located(Expected expected, BlockSource.Committed committed) {}

    /** What one call found. */
    private static final class Call {
        int transactions;
        int endorsements;
        int fetched;
        final List<Discrepancy> discrepancies = new ArrayList<>();

        void found(String subject, String detail) {
            discrepancies.add(new Discrepancy(subject, detail));
        }

        Result result(long chained) {
            return new Result(transactions, endorsements, chained, fetched, discrepancies);
        }
    }

    private FabricBlock fetch(long n, Call call) {
        return parsed(n, source.block(n), call);
    }

    private static FabricBlock parsed(long n, byte[] raw, Call call) {
        FabricBlock block = FabricBlock.parse(n, raw);
        call.fetched++;
        if (block.number() != n) {
            throw new IllegalStateException("asked for block " + n + ", the peer returned block " + block.number());
        }
        return block;
    }

    /** Records the next block of the walk and checks its link to the one before. */
    private void link(FabricBlock block) {
        long n = block.number();
        List<Discrepancy> found = new ArrayList<>();
        String subject = "block " + n;
        if (!Arrays.equals(block.computedDataHash(), block.dataHash())) {
            found.add(new Discrepancy(
                    subject,
                    "data_hash " + hex(block.dataHash()) + " is not the SHA-256 of its " + block.transactionCount()
                            + " transaction(s), " + hex(block.computedDataHash())));
        }
        if (n == 0) {
            if (block.previousHash().length != 0) {
                found.add(new Discrepancy(
                        subject, "the genesis block names a previous hash, " + hex(block.previousHash())));
            }
            if (!block.isConfig()) {
                found.add(new Discrepancy(subject, "the genesis block is not a configuration block"));
            }
            genesisHash.ifPresent(expected -> {
                if (!Arrays.equals(expected, block.headerHash())) {
                    found.add(new Discrepancy(
                            subject,
                            "the genesis block's header hash " + hex(block.headerHash()) + " is not the expected "
                                    + hex(expected)));
                }
            });
        } else {
            byte[] before = headerHashes.get((int) n - 1);
            if (!Arrays.equals(before, block.previousHash())) {
                found.add(new Discrepancy(
                        subject,
                        "previous_hash " + hex(block.previousHash()) + " is not the hash of block " + (n - 1)
                                + "'s header, " + hex(before)));
            }
        }
        if (block.isConfig()) {
            try {
                configs.put(n, ChannelConfig.parse(n, block.envelope(0)));
            } catch (InvalidProtocolBufferException | IllegalStateException e) {
                found.add(new Discrepancy(subject, "its channel configuration is unreadable: " + e.getMessage()));
            }
        }
        headerHashes.add(block.headerHash());
        if (!found.isEmpty()) {
            breaks.put(n, found);
        }
    }

    /** Checks a block that holds transactions of this call, then each of them. */
    private void checkBlock(FabricBlock block, List<Located> located, Call call) {
        long n = block.number();
        Map.Entry<Long, ChannelConfig> config = configs.floorEntry(n - 1);
        if (config == null) {
            call.found("block " + n, "no channel configuration precedes it: its signatures cannot be checked");
            return;
        }
        ChannelConfig cfg = config.getValue();
        OptionalLong lastConfig = block.lastConfig();
        if (lastConfig.isPresent() && lastConfig.getAsLong() != config.getKey()) {
            call.found(
                    "block " + n,
                    "names block " + lastConfig.getAsLong() + " as the last configuration; it is block "
                            + config.getKey());
        }
        checkOrdererSignature(block, cfg, call);
        Map<String, List<Integer>> transactions = block.transactionIndices();
        for (Located l : located) {
            checkTransaction(block, transactions.getOrDefault(l.expected().txId(), List.of()), l, cfg, call);
        }
    }

    /**
     * The ordering service's signature on the block: over the signed metadata value, the signature
     * header and the header's DER bytes, by an identity of an orderer organisation of the configuration.
     * With BFT, see {@link #checkConsenterSignatures}.
     */
    private void checkOrdererSignature(FabricBlock block, ChannelConfig cfg, Call call) {
        if (cfg.bft()) {
            checkConsenterSignatures(block, cfg, call);
            return;
        }
        String subject = "block " + block.number();
        List<String> refusals = new ArrayList<>();
        try {
            Metadata signatures = block.signatures();
            for (MetadataSignature s : signatures.getSignaturesList()) {
                if (s.getSignatureHeader().isEmpty()) {
                    refusals.add(
                            "a signature by consenter id only, which a channel without BFT consenters cannot resolve");
                    continue;
                }
                ChannelConfig.Signer signer = ChannelConfig.Signer.parse(
                        SignatureHeader.parseFrom(s.getSignatureHeader()).getCreator());
                Optional<ChannelConfig.Msp> msp = cfg.orderer(signer.mspId());
                if (msp.isEmpty()) {
                    refusals.add(signer.mspId() + " is not an orderer organisation of the channel");
                    continue;
                }
                byte[] signed = Der.concat(
                        signatures.getValue().toByteArray(),
                        s.getSignatureHeader().toByteArray(),
                        block.headerBytes());
                Optional<String> refusal = msp.get()
                        .refusal(signer.certificate(), false)
                        .or(() -> msp.get()
                                .signatureRefusal(
                                        signer.certificate(),
                                        signed,
                                        s.getSignature().toByteArray()));
                if (refusal.isEmpty()) {
                    return;
                }
                refusals.add(signer.mspId() + " (" + signer.subject() + "): " + refusal.get());
            }
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            refusals.add("unreadable signatures metadata: " + e.getMessage());
        }
        call.found(
                subject,
                "carries no valid signature of the ordering service"
                        + (refusals.isEmpty() ? "" : " (" + String.join("; ", refusals) + ")"));
    }

    /**
     * A BFT block's signatures, as Fabric's block validation policy for SmartBFT reads them: each names
     * its consenter by id ({@code IdentifierHeader}; or by identity in a {@code SignatureHeader}, which
     * must then be a consenter's) and signs the metadata value, that header and the block header's DER
     * bytes with the consenter's certificate of the configuration in force, which must be an identity
     * of the consenter's orderer organisation. Distinct consenters with a valid signature must reach the
     * quorum ({@code ceil((n + f + 1) / 2)}, 3 of 4): a block that fewer consenters vouch for may be the
     * work of the faulty ones.
     */
    private static void checkConsenterSignatures(FabricBlock block, ChannelConfig cfg, Call call) {
        Map<Integer, ChannelConfig.Signer> consenters = cfg.consenters();
        Set<Integer> signedBy = new TreeSet<>();
        List<String> refusals = new ArrayList<>();
        try {
            Metadata signatures = block.signatures();
            for (MetadataSignature s : signatures.getSignaturesList()) {
                int id;
                ChannelConfig.Signer signer;
                ByteString header;
                if (s.getSignatureHeader().isEmpty()) {
                    header = s.getIdentifierHeader();
                    id = IdentifierHeader.parseFrom(header).getIdentifier();
                    signer = consenters.get(id);
                    if (signer == null) {
                        refusals.add(
                                "consenter " + Integer.toUnsignedString(id) + " is not a consenter of the channel");
                        continue;
                    }
                } else {
                    header = s.getSignatureHeader();
                    ChannelConfig.Signer creator = ChannelConfig.Signer.parse(
                            SignatureHeader.parseFrom(header).getCreator());
                    Optional<Integer> match = consenters.entrySet().stream()
                            .filter(c -> c.getValue().mspId().equals(creator.mspId())
                                    && c.getValue().certificate().equals(creator.certificate()))
                            .map(Map.Entry::getKey)
                            .findFirst();
                    if (match.isEmpty()) {
                        refusals.add(
                                creator.mspId() + " (" + creator.subject() + ") is not a consenter of the channel");
                        continue;
                    }
                    id = match.get();
                    signer = creator;
                }
                String who = "consenter " + id + " " + signer.mspId() + " (" + signer.subject() + ")";
                Optional<ChannelConfig.Msp> msp = cfg.orderer(signer.mspId());
                if (msp.isEmpty()) {
                    refusals.add(who + ": " + signer.mspId() + " is not an orderer organisation of the channel");
                    continue;
                }
                byte[] signed =
                        Der.concat(signatures.getValue().toByteArray(), header.toByteArray(), block.headerBytes());
                Optional<String> refusal = msp.get()
                        .refusal(signer.certificate(), false)
                        .or(() -> msp.get()
                                .signatureRefusal(
                                        signer.certificate(),
                                        signed,
                                        s.getSignature().toByteArray()));
                if (refusal.isPresent()) {
                    refusals.add(who + ": " + refusal.get());
                } else {
                    signedBy.add(id);
                }
            }
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            refusals.add("unreadable signatures metadata: " + e.getMessage());
        }
        int quorum = cfg.bftQuorum();
        if (signedBy.size() < quorum) {
            call.found(
                    "block " + block.number(),
                    "carries valid signatures of " + signedBy.size() + " consenter(s) " + signedBy
                            + ", not of a quorum of "
                            + quorum + " of the " + consenters.size() + " consenters of the ordering service (BFT)"
                            + (refusals.isEmpty() ? "" : " (" + String.join("; ", refusals) + ")"));
        }
    }

    private void checkTransaction(
            FabricBlock block, List<Integer> indices, Located located, ChannelConfig cfg, Call call) {
        Expected e = located.expected();
        String subject = e.subject();
        long n = block.number();
        if (indices.isEmpty()) {
            call.found(
                    subject, "block " + n + " holds no transaction " + e.txId() + ", though the peer places it there");
            return;
        }
        int index = indices.stream()
                .filter(i -> block.validationCode(i) == TxValidationCode.VALID_VALUE)
                .findFirst()
                .orElse(indices.get(0));
        call.transactions++;
        String code = codeName(block.validationCode(index));
        if (!code.equals(located.committed().validationCode())) {
            call.found(
                    subject,
                    "transaction " + e.txId() + ": the peer's index says "
                            + located.committed().validationCode() + ", block " + n + "'s metadata " + code);
        }
        if (!code.equals(VALID)) {
            call.found(subject, "transaction " + e.txId() + " in block " + n + " is marked " + code + ", not VALID");
            return;
        }
        try {
            Envelope envelope = block.envelope(index);
            Payload payload = Payload.parseFrom(envelope.getPayload());
            ChannelHeader header = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
            if (header.getType() != HeaderType.ENDORSER_TRANSACTION_VALUE) {
                call.found(subject, "transaction " + e.txId() + " is not an endorser transaction");
                return;
            }
            checkCreator(envelope, payload, cfg, subject, e.txId(), call);
            Transaction tx = Transaction.parseFrom(payload.getData());
            if (tx.getActionsCount() == 0) {
                call.found(subject, "transaction " + e.txId() + " has no action");
            }
            for (TransactionAction action : tx.getActionsList()) {
                checkEndorsements(
                        ChaincodeActionPayload.parseFrom(action.getPayload()).getAction(), cfg, e, call);
            }
        } catch (InvalidProtocolBufferException | IllegalArgumentException ex) {
            call.found(subject, "transaction " + e.txId() + " in block " + n + " is unreadable: " + ex.getMessage());
        }
    }

    /** The submitter's signature over the transaction's payload, by an identity of an application organisation. */
    private static void checkCreator(
            Envelope envelope, Payload payload, ChannelConfig cfg, String subject, String txId, Call call)
            throws InvalidProtocolBufferException {
        ChannelConfig.Signer creator = ChannelConfig.Signer.parse(
                SignatureHeader.parseFrom(payload.getHeader().getSignatureHeader())
                        .getCreator());
        Optional<String> refusal = cfg.application(creator.mspId())
                .map(msp -> msp.refusal(creator.certificate(), false)
                        .or(() -> msp.signatureRefusal(
                                creator.certificate(),
                                envelope.getPayload().toByteArray(),
                                envelope.getSignature().toByteArray())))
                .orElse(Optional.of(creator.mspId() + " is not an organisation of the channel"));
        refusal.ifPresent(r -> call.found(
                subject,
                "transaction " + txId + ": its submitter " + creator.mspId() + " (" + creator.subject() + "): " + r));
    }

    private static void checkEndorsements(ChaincodeEndorsedAction action, ChannelConfig cfg, Expected e, Call call) {
        byte[] response = action.getProposalResponsePayload().toByteArray();
        Set<String> endorsedBy = new TreeSet<>();
        Map<String, String> others = new LinkedHashMap<>();
        for (Endorsement endorsement : action.getEndorsementsList()) {
            ChannelConfig.Signer endorser;
            try {
                endorser = ChannelConfig.Signer.parse(endorsement.getEndorser());
            } catch (InvalidProtocolBufferException | IllegalArgumentException ex) {
                call.found(e.subject(), "transaction " + e.txId() + ": an endorser's identity is unreadable");
                continue;
            }
            String who = "endorsement by " + endorser.mspId() + " (" + endorser.subject() + ")";
            // Fabric's endorser signs the proposal response payload followed by its serialized identity.
            byte[] signed = Der.concat(response, endorsement.getEndorser().toByteArray());
            ByteString signature = endorsement.getSignature();
            Optional<String> refusal = cfg.application(endorser.mspId())
                    .map(msp -> msp.refusal(endorser.certificate(), true)
                            .or(() -> msp.signatureRefusal(endorser.certificate(), signed, signature.toByteArray())))
                    .orElse(Optional.of(endorser.mspId() + " is not an organisation of the channel configuration"));
            if (refusal.isPresent()) {
                call.found(e.subject(), "transaction " + e.txId() + ": " + who + ": " + refusal.get());
                continue;
            }
            call.endorsements++;
            endorsedBy.add(endorser.mspId());
            if (!e.endorsers().contains(endorser.mspId())) {
                others.put(endorser.mspId(), endorser.subject());
            }
        }
        others.forEach((msp, peer) -> call.found(
                e.subject(),
                "transaction " + e.txId() + " is endorsed by " + msp + " (" + peer + "), which is not one of "
                        + new TreeSet<>(e.endorsers())));
        for (String required : new TreeSet<>(e.endorsers())) {
            if (!endorsedBy.contains(required)) {
                call.found(
                        e.subject(),
                        "transaction " + e.txId() + " has no valid endorsement by a peer of " + required
                                + " (valid endorsements by " + endorsedBy + ")");
            }
        }
    }

    private static String codeName(int code) {
        if (code < 0) {
            return "no validation code";
        }
        TxValidationCode c = TxValidationCode.forNumber(code);
        return c == null ? Integer.toString(code) : c.name();
    }

    private static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }
}
