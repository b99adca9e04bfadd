package io.flexledger.settlement.blocks;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.common.Consenter;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.IdentifierHeader;
import org.hyperledger.fabric.protos.common.LastConfig;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.common.MetadataSignature;
import org.hyperledger.fabric.protos.common.OrdererBlockMetadata;
import org.hyperledger.fabric.protos.common.Orderers;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.msp.MSPConfig;
import org.hyperledger.fabric.protos.orderer.ConsensusType;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * A channel's chain built in memory as Fabric builds it, served as a {@link BlockSource}: configuration
 * blocks carrying the organisations' MSPs, blocks of endorser transactions signed by their creator and
 * endorsers, each block's data hash and link to the one before, the orderer's signature and last
 * configuration in its metadata, and the peer's validation code per transaction. A test can then
 * change a stored block as an attacker with the peer's disk would. A BFT chain's blocks are signed by
 * its consenters, each naming itself by id, as SmartBFT signs them.
 */
final class TestChain implements BlockSource {
    static final String CHANNEL = "flexmarket";

    private final TestPki.Identity orderer;
    /** The BFT consenters, id i + 1 at index i; empty for a Raft chain. */
    private final List<TestPki.Identity> consenters;
    /** The consenter ids that sign the blocks appended from now on. */
    private List<Integer> signers;

    private final List<Block> blocks = new ArrayList<>();
    private final Map<String, Committed> index = new HashMap<>();
    private long lastConfig;
    /** The blocks served, in order (safe for a verifier reading side by side). */
    final List<Long> served = java.util.Collections.synchronizedList(new ArrayList<>());

    /** A chain whose genesis block declares these application organisations and the orderer's. */
    TestChain(TestPki.Org ordererOrg, TestPki.Org... organisations) {
        this.orderer = ordererOrg.orderer();
        this.consenters = List.of();
        this.signers = List.of();
        blocks.add(seal(0, new byte[0], List.of(config(ordererOrg, organisations)), new byte[] {0}, false));
    }

    private TestChain(List<TestPki.Org> ordererOrgs, TestPki.Org... organisations) {
        this.orderer = null;
        this.consenters = ordererOrgs.stream().map(TestPki.Org::orderer).toList();
        this.signers = java.util.stream.IntStream.rangeClosed(1, consenters.size())
                .boxed()
                .toList();
        blocks.add(
                seal(0, new byte[0], List.of(config(ordererOrgs, consenters, organisations)), new byte[] {0}, false));
    }

    /**
     * A chain ordered by SmartBFT: one consenter per orderer organisation (ids 1, 2, ... in this order),
     * every consenter signing each block until {@link #signedBy} says otherwise.
     */
    static TestChain bft(List<TestPki.Org> ordererOrgs, TestPki.Org... organisations) {
        return new TestChain(ordererOrgs, organisations);
    }

    /** The consenters that sign the blocks appended from now on. */
    void signedBy(Integer... ids) {
        signers = List.of(ids);
    }

    /** Consenter {@code id}'s identity. */
    TestPki.Identity consenter(int id) {
        return consenters.get(id - 1);
    }

    // ----- the source -----

    @Override
    public byte[] block(long number) {
        served.add(number);
        return blocks.get((int) number).toByteArray();
    }

    @Override
    public Optional<Committed> transaction(String txId) {
        return Optional.ofNullable(index.get(txId));
    }

    @Override
    public ChainInfo chainInfo() {
        return new ChainInfo(
                blocks.size(),
                FabricBlock.parse(height() - 1, last().toByteArray()).headerHash());
    }

    long height() {
        return blocks.size();
    }

    // ----- building -----

    /** Appends a configuration block that declares these organisations from now on. */
    long appendConfig(TestPki.Org ordererOrg, TestPki.Org... organisations) {
        long n = height();
        lastConfig = n;
        blocks.add(seal(n, headerHash(last()), List.of(config(ordererOrg, organisations)), new byte[] {0}, true));
        return n;
    }

    /** Appends a block of these transactions, all marked VALID. */
    long append(Envelope... txs) {
        TxValidationCode[] codes = new TxValidationCode[txs.length];
        java.util.Arrays.fill(codes, TxValidationCode.VALID);
        return append(List.of(txs), List.of(codes));
    }

    /** Appends a block of these transactions, marked by the peer with these codes. */
    long append(List<Envelope> txs, List<TxValidationCode> codes) {
        long n = height();
        byte[] filter = new byte[codes.size()];
        for (int i = 0; i < filter.length; i++) {
            filter[i] = (byte) codes.get(i).getNumber();
            index.put(txId(txs.get(i)), new Committed(n, codes.get(i).name()));
        }
        blocks.add(seal(n, headerHash(last()), txs, filter, true));
        return n;
    }

    /** Changes stored block {@code n} as it is, without sealing it again. */
    void tamper(long n, UnaryOperator<Block> change) {
        blocks.set((int) n, change.apply(blocks.get((int) n)));
    }

    /** Makes the peer's index say {@code code} for {@code txId}. */
    void index(String txId, long block, String code) {
        index.put(txId, new Committed(block, code));
    }

    Block stored(long n) {
        return blocks.get((int) n);
    }

    private Block last() {
        return blocks.get(blocks.size() - 1);
    }

    static byte[] headerHash(Block b) {
        return FabricBlock.parse(b.getHeader().getNumber(), b.toByteArray()).headerHash();
    }

    /** A block with its data hash, previous hash, peer's filter and (unless genesis) the orderer's signature. */
    private Block seal(long n, byte[] previous, List<Envelope> txs, byte[] filter, boolean signed) {
        BlockData.Builder data = BlockData.newBuilder();
        txs.forEach(e -> data.addData(e.toByteString()));
        byte[] dataHash = FabricBlock.sha256(
                Der.concat(txs.stream().map(Envelope::toByteArray).toArray(byte[][]::new)));
        BlockHeader header = BlockHeader.newBuilder()
                .setNumber(n)
                .setPreviousHash(ByteString.copyFrom(previous))
                .setDataHash(ByteString.copyFrom(dataHash))
                .build();
        ByteString signatures = signed ? ordererSignature(header, lastConfig) : ByteString.EMPTY;
        return Block.newBuilder()
                .setHeader(header)
                .setData(data)
                .setMetadata(BlockMetadata.newBuilder()
                        .addMetadata(signatures)
                        .addMetadata(ByteString.EMPTY)
                        .addMetadata(ByteString.copyFrom(filter))
                        .addMetadata(ByteString.EMPTY)
                        .addMetadata(ByteString.EMPTY))
                .build();
    }

    /** The SIGNATURES metadata as the orderer writes it: last config in the value, signed with the header. */
    ByteString ordererSignature(BlockHeader header, long lastConfigIndex) {
        ByteString value = OrdererBlockMetadata.newBuilder()
                .setLastConfig(LastConfig.newBuilder().setIndex(lastConfigIndex))
                .build()
                .toByteString();
        if (!consenters.isEmpty()) {
            Metadata.Builder md = Metadata.newBuilder().setValue(value);
            for (int id : signers) {
                md.addSignatures(consenterSignature(header, value, id, consenter(id)));
            }
            return md.build().toByteString();
        }
        ByteString signatureHeader = SignatureHeader.newBuilder()
                .setCreator(orderer.serialized())
                .setNonce(ByteString.copyFromUtf8("nonce"))
                .build()
                .toByteString();
        byte[] signed = Der.concat(
                value.toByteArray(),
                signatureHeader.toByteArray(),
                Der.blockHeader(
                        header.getNumber(),
                        header.getPreviousHash().toByteArray(),
                        header.getDataHash().toByteArray()));
        return Metadata.newBuilder()
                .setValue(value)
                .addSignatures(MetadataSignature.newBuilder()
                        .setSignatureHeader(signatureHeader)
                        .setSignature(ByteString.copyFrom(orderer.sign(signed))))
                .build()
                .toByteString();
    }

    /**
     * One BFT signature as SmartBFT writes it: an {@code IdentifierHeader} naming consenter {@code id}, and
     * {@code signer}'s signature over the metadata value, that header and the block header.
     */
    static MetadataSignature consenterSignature(BlockHeader header, ByteString value, int id, TestPki.Identity signer) {
        ByteString identifierHeader = IdentifierHeader.newBuilder()
                .setIdentifier(id)
                .setNonce(ByteString.copyFromUtf8("nonce-" + id))
                .build()
                .toByteString();
        byte[] signed = Der.concat(
                value.toByteArray(),
                identifierHeader.toByteArray(),
                Der.blockHeader(
                        header.getNumber(),
                        header.getPreviousHash().toByteArray(),
                        header.getDataHash().toByteArray()));
        return MetadataSignature.newBuilder()
                .setIdentifierHeader(identifierHeader)
                .setSignature(ByteString.copyFrom(signer.sign(signed)))
                .build();
    }

    /** A configuration transaction: the orderer's and the application organisations' MSPs. */
    static Envelope config(TestPki.Org ordererOrg, TestPki.Org... organisations) {
        return config(List.of(ordererOrg), List.of(), organisations);
    }

    /**
     * A configuration transaction: the orderer organisations' and the application organisations' MSPs,
     * and with consenters a BFT ordering service whose consenter i + 1 is {@code consenters.get(i)}.
     */
    static Envelope config(
            List<TestPki.Org> ordererOrgs, List<TestPki.Identity> consenters, TestPki.Org... organisations) {
        ConfigGroup.Builder application = ConfigGroup.newBuilder();
        for (TestPki.Org org : organisations) {
            application.putGroups(org.mspId.replace("MSP", ""), organisation(org));
        }
        ConfigGroup.Builder ordererGroup = ConfigGroup.newBuilder();
        for (TestPki.Org org : ordererOrgs) {
            ordererGroup.putGroups(org.mspId.replace("MSP", ""), organisation(org));
        }
        if (consenters.isEmpty()) {
            ordererGroup.putValues(
                    "ConsensusType",
                    ConfigValue.newBuilder()
                            .setValue(ConsensusType.newBuilder()
                                    .setType("etcdraft")
                                    .build()
                                    .toByteString())
                            .build());
        } else {
            Orderers.Builder mapping = Orderers.newBuilder();
            for (int i = 0; i < consenters.size(); i++) {
                TestPki.Identity c = consenters.get(i);
                mapping.addConsenterMapping(Consenter.newBuilder()
                        .setId(i + 1)
                        .setHost("127.0.0.1")
                        .setPort(7150 + 1000 * i)
                        .setMspId(c.mspId())
                        .setIdentity(ByteString.copyFrom(TestPki.pem(c.certificate()), StandardCharsets.US_ASCII)));
            }
            ordererGroup
                    .putValues(
                            "ConsensusType",
                            ConfigValue.newBuilder()
                                    .setValue(ConsensusType.newBuilder()
                                            .setType("BFT")
                                            .build()
                                            .toByteString())
                                    .build())
                    .putValues(
                            "Orderers",
                            ConfigValue.newBuilder()
                                    .setValue(mapping.build().toByteString())
                                    .build());
        }
        ConfigGroup channel = ConfigGroup.newBuilder()
                .putGroups("Application", application.build())
                .putGroups("Orderer", ordererGroup.build())
                .build();
        ConfigEnvelope envelope = ConfigEnvelope.newBuilder()
                .setConfig(Config.newBuilder().setSequence(1).setChannelGroup(channel))
                .build();
        Payload payload = Payload.newBuilder()
                .setHeader(Header.newBuilder()
                        .setChannelHeader(channelHeader(HeaderType.CONFIG, "").toByteString()))
                .setData(envelope.toByteString())
                .build();
        return Envelope.newBuilder().setPayload(payload.toByteString()).build();
    }

    private static ConfigGroup organisation(TestPki.Org org) {
        MSPConfig msp = MSPConfig.newBuilder()
                .setType(0)
                .setConfig(org.mspConfig().toByteString())
                .build();
        return ConfigGroup.newBuilder()
                .putValues(
                        "MSP",
                        ConfigValue.newBuilder().setValue(msp.toByteString()).build())
                .build();
    }

    /** A transaction id as Fabric's are: 64 hex digits. */
    static String txId(String label) {
        return HexFormat.of().formatHex(FabricBlock.sha256(label.getBytes(StandardCharsets.UTF_8)));
    }

    static String txId(Envelope e) {
        try {
            Payload p = Payload.parseFrom(e.getPayload());
            return ChannelHeader.parseFrom(p.getHeader().getChannelHeader()).getTxId();
        } catch (com.google.protobuf.InvalidProtocolBufferException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * An endorser transaction {@code txId} submitted by {@code creator} and endorsed by {@code endorsers}
     * over a proposal response with chaincode result {@code result}.
     */
    static Envelope endorsed(String txId, TestPki.Identity creator, List<TestPki.Identity> endorsers) {
        return endorsed(txId, creator, endorsers, UnaryOperator.identity(), false);
    }

    /**
     * As {@link #endorsed(String, TestPki.Identity, List)}, with the proposal response changed by {@code
     * afterSigning} once the endorsers signed it, and high-S endorsement signatures if {@code highS}.
     */
    static Envelope endorsed(
            String txId,
            TestPki.Identity creator,
            List<TestPki.Identity> endorsers,
            UnaryOperator<byte[]> afterSigning,
            boolean highS) {
        return endorsed(txId, creator, endorsers, afterSigning, highS, ByteString.EMPTY);
    }

    /**
     * An endorser transaction, as {@link #endorsed(String, TestPki.Identity, List)}, that writes {@code
     * writes} (key to value) publicly in the chaincode's namespace.
     */
    static Envelope writing(
            String txId, TestPki.Identity creator, List<TestPki.Identity> endorsers, Map<String, String> writes) {
        org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet.Builder kv =
                org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet.newBuilder();
        writes.forEach((k, v) -> kv.addWrites(org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite.newBuilder()
                .setKey(k)
                .setValue(ByteString.copyFromUtf8(v))));
        ByteString results = org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet.newBuilder()
                .addNsRwset(org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet.newBuilder()
                        .setNamespace("flexledger")
                        .setRwset(kv.build().toByteString()))
                .build()
                .toByteString();
        return endorsed(txId, creator, endorsers, UnaryOperator.identity(), false, results);
    }

    private static Envelope endorsed(
            String txId,
            TestPki.Identity creator,
            List<TestPki.Identity> endorsers,
            UnaryOperator<byte[]> afterSigning,
            boolean highS,
            ByteString results) {
        byte[] response = ProposalResponsePayload.newBuilder()
                .setProposalHash(ByteString.copyFrom(FabricBlock.sha256(txId.getBytes(StandardCharsets.UTF_8))))
                .setExtension(ChaincodeAction.newBuilder()
                        .setChaincodeId(ChaincodeID.newBuilder().setName("flexledger"))
                        .setResults(results)
                        .setResponse(Response.newBuilder()
                                .setStatus(200)
                                .setPayload(ByteString.copyFromUtf8("{\"netEur\":\"3.1200\"}")))
                        .build()
                        .toByteString())
                .build()
                .toByteArray();
        ChaincodeEndorsedAction.Builder action = ChaincodeEndorsedAction.newBuilder()
                .setProposalResponsePayload(ByteString.copyFrom(afterSigning.apply(response)));
        for (TestPki.Identity endorser : endorsers) {
            byte[] identity = endorser.serialized().toByteArray();
            byte[] signed = Der.concat(response, identity);
            action.addEndorsements(Endorsement.newBuilder()
                    .setEndorser(ByteString.copyFrom(identity))
                    .setSignature(ByteString.copyFrom(highS ? endorser.signHighS(signed) : endorser.sign(signed))));
        }
        Transaction tx = Transaction.newBuilder()
                .addActions(TransactionAction.newBuilder()
                        .setPayload(ChaincodeActionPayload.newBuilder()
                                .setAction(action)
                                .build()
                                .toByteString()))
                .build();
        Payload payload = Payload.newBuilder()
                .setHeader(Header.newBuilder()
                        .setChannelHeader(channelHeader(HeaderType.ENDORSER_TRANSACTION, txId)
                                .toByteString())
                        .setSignatureHeader(SignatureHeader.newBuilder()
                                .setCreator(creator.serialized())
                                .setNonce(ByteString.copyFromUtf8(txId))
                                .build()
                                .toByteString()))
                .setData(tx.toByteString())
                .build();
        return Envelope.newBuilder()
                .setPayload(payload.toByteString())
                .setSignature(ByteString.copyFrom(creator.sign(payload.toByteArray())))
                .build();
    }

    private static ChannelHeader channelHeader(HeaderType type, String txId) {
        return ChannelHeader.newBuilder()
                .setType(type.getNumber())
                .setChannelId(CHANNEL)
                .setTxId(txId)
                .setTimestamp(Timestamp.newBuilder().setSeconds(1_795_000_000L))
                .build();
    }
}
