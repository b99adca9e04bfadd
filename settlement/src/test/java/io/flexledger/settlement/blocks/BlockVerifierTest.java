package io.flexledger.settlement.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.flexledger.settlement.finding.Discrepancy;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.common.MetadataSignature;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The block audit on a channel built in memory with real keys and certificates: an honest chain passes,
 * then each forgery or tampering is named.
 */
class BlockVerifierTest {
    static final TestPki.Org ORDERER = new TestPki.Org("OrdererMSP");
    static final TestPki.Org DSO = new TestPki.Org("DsoMSP");
    static final TestPki.Org AGG1 = new TestPki.Org("Aggregator1MSP");
    static final TestPki.Org AGG2 = new TestPki.Org("Aggregator2MSP");
    static final TestPki.Org COMMUNITY = new TestPki.Org("CommunityMSP");
    /** An organisation that is not in the channel. */
    static final TestPki.Org OUTSIDER = new TestPki.Org("OutsiderMSP");

    static final Set<String> PARTIES = Set.of("DsoMSP", "Aggregator1MSP");
    static final TestPki.Identity DSO_PEER = DSO.peer();
    static final TestPki.Identity AGG1_PEER = AGG1.peer();
    static final TestPki.Identity DSO_API = DSO.client();

    static final String TX_A = TestChain.txId("settle ord-a");
    static final String TX_B = TestChain.txId("settle ord-b");
    static final String TX_C = TestChain.txId("settle ord-c");

    private TestChain chain;

    /** Genesis, a block with settlement A, a block with settlements B and C: all honest. */
    @BeforeEach
    void honestChain() {
        chain = new TestChain(ORDERER, DSO, AGG1, AGG2, COMMUNITY);
        chain.append(settled(TX_A));
        chain.append(settled(TX_B), settled(TX_C));
    }

    static Envelope settled(String txId) {
        return TestChain.endorsed(txId, DSO_API, List.of(DSO_PEER, AGG1_PEER));
    }

    static BlockVerifier.Expected expected(String subject, String txId) {
        return new BlockVerifier.Expected(subject, txId, PARTIES);
    }

    /** The verdict of one reader; the same, discrepancy for discrepancy, with blocks read side by side. */
    private BlockVerifier.Result verify(BlockVerifier.Expected... expected) {
        BlockVerifier.Result four = new BlockVerifier(chain, Optional.empty(), 4).verify(List.of(expected));
        java.util.Set<Long> servedToFour = java.util.Set.copyOf(chain.served);
        chain.served.clear();
        BlockVerifier.Result one = new BlockVerifier(chain).verify(List.of(expected));
        assertThat(four).usingRecursiveComparison().isEqualTo(one);
        assertThat(servedToFour).isEqualTo(java.util.Set.copyOf(chain.served));
        return one;
    }

    private static List<String> texts(BlockVerifier.Result r) {
        return r.discrepancies().stream().map(Discrepancy::toString).toList();
    }

    @Test
    void anHonestChainAndItsTransactionsPass() {
        BlockVerifier.Result r = verify(expected("settlement stl-a", TX_A), expected("settlement stl-b", TX_B));

        assertThat(r.discrepancies()).isEmpty();
        assertThat(r.verified()).isTrue();
        assertThat(r.transactionsChecked()).isEqualTo(2);
        assertThat(r.endorsementsVerified()).isEqualTo(4);
        assertThat(r.blocksChained()).isEqualTo(3);
        assertThat(r.blocksFetched()).isEqualTo(3);
        assertThat(chain.served).containsExactly(0L, 1L, 2L);
    }

    @Nested
    class Endorsements {
        @Test
        void aResponseChangedAfterTheEndorsersSignedBreaksTheirSignatures() {
            String tx = TestChain.txId("forged");
            // The chaincode's answer is changed once signed; the block itself is hashed and signed as usual.
            chain.append(TestChain.endorsed(
                    tx,
                    DSO_API,
                    List.of(DSO_PEER, AGG1_PEER),
                    prp -> new String(prp, java.nio.charset.StandardCharsets.ISO_8859_1)
                            .replace("3.1200", "9.1200")
                            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
                    false));

            BlockVerifier.Result r = verify(expected("settlement stl-x", tx));

            assertThat(r.endorsementsVerified()).isZero();
            assertThat(r.transactionsChecked()).isEqualTo(1);
            assertThat(r.discrepancies())
                    .allSatisfy(d -> assertThat(d.subject()).isEqualTo("settlement stl-x"));
            assertThat(texts(r))
                    .anySatisfy(t -> assertThat(t).contains("endorsement by DsoMSP", "signature does not verify"))
                    .anySatisfy(
                            t -> assertThat(t).contains("endorsement by Aggregator1MSP", "signature does not verify"))
                    .anySatisfy(t -> assertThat(t).contains("no valid endorsement by a peer of DsoMSP"))
                    .anySatisfy(t -> assertThat(t).contains("no valid endorsement by a peer of Aggregator1MSP"));
        }

        @Test
        void aPayloadChangedOnThePeersDiskBreaksTheDataHashAndTheSignatures() {
            chain.tamper(1, b -> withData(b, 0, changeResponse(b.getData().getData(0))));

            BlockVerifier.Result r = verify(expected("settlement stl-a", TX_A));

            assertThat(texts(r))
                    .anySatisfy(t -> assertThat(t).startsWith("block 1: data_hash"))
                    .anySatisfy(t -> assertThat(t).contains("endorsement by DsoMSP", "signature does not verify"));
            assertThat(r.blocksChained()).isEqualTo(2);
        }

        @Test
        void anEndorserOfAThirdOrganisationIsNamedAndTheMissingPartyToo() {
            String tx = TestChain.txId("with the community");
            chain.append(TestChain.endorsed(tx, DSO_API, List.of(DSO_PEER, COMMUNITY.peer())));

            BlockVerifier.Result r = verify(expected("settlement stl-y", tx));

            assertThat(r.endorsementsVerified()).isEqualTo(2);
            assertThat(texts(r))
                    .containsExactlyInAnyOrder(
                            "settlement stl-y: transaction " + tx + " is endorsed by CommunityMSP ("
                                    + COMMUNITY_PEER_SUBJECT + "), which is not one of [Aggregator1MSP, DsoMSP]",
                            "settlement stl-y: transaction " + tx
                                    + " has no valid endorsement by a peer of Aggregator1MSP (valid endorsements by"
                                    + " [CommunityMSP, DsoMSP])");
        }

        private static final String COMMUNITY_PEER_SUBJECT = "CN=peer0.communitymsp,OU=peer,O=communitymsp";

        @Test
        void anOutsiderAForeignCertificateAndAClientAreNotPeersOfTheParties() {
            String outsider = TestChain.txId("outsider");
            String impostor = TestChain.txId("impostor");
            String client = TestChain.txId("client");
            chain.append(
                    TestChain.endorsed(outsider, DSO_API, List.of(DSO_PEER, AGG1_PEER, OUTSIDER.peer())),
                    TestChain.endorsed(impostor, DSO_API, List.of(DSO_PEER, AGG1.impostor(OUTSIDER))),
                    TestChain.endorsed(client, DSO_API, List.of(DSO.client(), AGG1_PEER)));

            BlockVerifier.Result r =
                    verify(expected("outsider", outsider), expected("impostor", impostor), expected("client", client));

            assertThat(texts(r))
                    .anySatisfy(t -> assertThat(t)
                            .startsWith("outsider: ")
                            .contains("OutsiderMSP is not an organisation of the channel configuration"))
                    .anySatisfy(t -> assertThat(t)
                            .startsWith("impostor: ")
                            .contains("endorsement by Aggregator1MSP", "not issued by a CA of Aggregator1MSP"))
                    .anySatisfy(t -> assertThat(t)
                            .startsWith("impostor: ")
                            .contains("no valid endorsement by a peer of Aggregator1MSP"))
                    .anySatisfy(t -> assertThat(t)
                            .startsWith("client: ")
                            .contains("endorsement by DsoMSP", "not a peer's", "[client]"))
                    .anySatisfy(t ->
                            assertThat(t).startsWith("client: ").contains("no valid endorsement by a peer of DsoMSP"));
            // The outsider's extra endorsement aside, both parties' endorsements of the first one hold.
            assertThat(texts(r))
                    .noneSatisfy(t -> assertThat(t).startsWith("outsider: ").contains("no valid endorsement"));
        }

        @Test
        void aRevokedPeerCertificateIsRefused() {
            TestPki.Org agg = new TestPki.Org("Aggregator1MSP");
            TestPki.Identity revoked = agg.peer();
            agg.revoke(revoked);
            chain = new TestChain(ORDERER, DSO, agg);
            String tx = TestChain.txId("revoked");
            String fine = TestChain.txId("fine");
            chain.append(
                    TestChain.endorsed(tx, DSO_API, List.of(DSO_PEER, revoked)),
                    TestChain.endorsed(fine, DSO_API, List.of(DSO_PEER, agg.peer())));

            BlockVerifier.Result r = verify(expected("revoked", tx), expected("fine", fine));

            assertThat(texts(r))
                    .anySatisfy(t -> assertThat(t).startsWith("revoked: ").contains("is revoked by Aggregator1MSP"));
            assertThat(texts(r)).noneSatisfy(t -> assertThat(t).startsWith("fine: "));
        }

        @Test
        void aHighSSignatureIsRefusedAsFabricRefusesIt() {
            String tx = TestChain.txId("high s");
            chain.append(TestChain.endorsed(
                    tx, DSO_API, List.of(DSO_PEER, AGG1_PEER), java.util.function.UnaryOperator.identity(), true));

            assertThat(texts(verify(expected("s", tx))))
                    .anySatisfy(t -> assertThat(t).contains("endorsement by DsoMSP", "high S"))
                    .anySatisfy(t -> assertThat(t).contains("endorsement by Aggregator1MSP", "high S"));
        }

        @Test
        void aSubmitterSignatureThatDoesNotVerifyIsNamed() {
            String tx = TestChain.txId("resigned");
            Envelope honest = TestChain.endorsed(tx, DSO_API, List.of(DSO_PEER, AGG1_PEER));
            chain.append(honest.toBuilder()
                    .setSignature(ByteString.copyFrom(
                            DSO.client().sign(honest.getPayload().toByteArray())))
                    .build());

            assertThat(texts(verify(expected("s", tx))))
                    .containsExactly("s: transaction " + tx + ": its submitter DsoMSP ("
                            + DSO_API.certificate().getSubjectX500Principal().getName()
                            + "): its signature does not verify");
        }

        @Test
        void anOrganisationAddedByALaterConfigurationEndorsesFromThen() {
            chain = new TestChain(ORDERER, DSO, AGG1);
            TestPki.Identity agg2 = AGG2.peer();
            String before = TestChain.txId("before");
            String after = TestChain.txId("after");
            Set<String> parties = Set.of("DsoMSP", "Aggregator2MSP");
            chain.append(TestChain.endorsed(before, DSO_API, List.of(DSO_PEER, agg2)));
            chain.appendConfig(ORDERER, DSO, AGG1, AGG2);
            chain.append(TestChain.endorsed(after, DSO_API, List.of(DSO_PEER, agg2)));

            BlockVerifier.Result r = new BlockVerifier(chain)
                    .verify(List.of(
                            new BlockVerifier.Expected("before", before, parties),
                            new BlockVerifier.Expected("after", after, parties)));

            assertThat(texts(r))
                    .anySatisfy(t -> assertThat(t)
                            .startsWith("before: ")
                            .contains("Aggregator2MSP is not an organisation of the channel configuration"));
            assertThat(texts(r)).noneSatisfy(t -> assertThat(t).startsWith("after: "));
            assertThat(r.blocksChained()).isEqualTo(4);
        }
    }

    @Nested
    class ValidationCodes {
        @Test
        void aTransactionMarkedInvalidIsNamed() {
            String tx = TestChain.txId("conflict");
            chain.append(List.of(settled(tx)), List.of(TxValidationCode.MVCC_READ_CONFLICT));

            BlockVerifier.Result r = verify(expected("settlement stl-z", tx));

            assertThat(texts(r))
                    .containsExactly("settlement stl-z: transaction " + tx + " in block 3 is marked MVCC_READ_CONFLICT,"
                            + " not VALID");
            assertThat(r.endorsementsVerified()).isZero();
        }

        @Test
        void anIndexThatSaysValidWhereTheBlockSaysInvalidIsNamed() {
            String tx = TestChain.txId("policy failure");
            chain.append(List.of(settled(tx)), List.of(TxValidationCode.ENDORSEMENT_POLICY_FAILURE));
            chain.index(tx, 3, "VALID");

            assertThat(texts(verify(expected("s", tx))))
                    .containsExactly(
                            "s: transaction " + tx + ": the peer's index says VALID, block 3's metadata"
                                    + " ENDORSEMENT_POLICY_FAILURE",
                            "s: transaction " + tx + " in block 3 is marked ENDORSEMENT_POLICY_FAILURE, not VALID");
        }

        @Test
        void aTransactionTheBlockDoesNotHoldOrThePeerDoesNotKnowIsNamed() {
            String elsewhere = TestChain.txId("elsewhere");
            String beyond = TestChain.txId("beyond");
            chain.index(elsewhere, 1, "VALID");
            chain.index(beyond, 9, "VALID");

            BlockVerifier.Result r = verify(
                    expected("elsewhere", elsewhere),
                    expected("beyond", beyond),
                    expected("unknown", TestChain.txId("never submitted")),
                    expected("no id", ""));

            assertThat(texts(r))
                    .contains(
                            "elsewhere: block 1 holds no transaction " + elsewhere
                                    + ", though the peer places it there",
                            "beyond: the peer places transaction " + beyond
                                    + " in block 9, which is not on its chain of 3 block(s)",
                            "unknown: transaction " + TestChain.txId("never submitted")
                                    + " is not on the auditing peer's ledger",
                            "no id: names no transaction id the ledger can hold ('')");
        }
    }

    @Nested
    class Chain {
        @Test
        void aChangedPreviousHashBreaksTheChainThere() {
            chain.tamper(
                    1,
                    b -> b.toBuilder()
                            .setHeader(b.getHeader().toBuilder().setPreviousHash(ByteString.copyFrom(new byte[32])))
                            .build());

            BlockVerifier.Result r = verify(expected("settlement stl-b", TX_B));

            assertThat(texts(r))
                    .anySatisfy(t -> assertThat(t).startsWith("block 1: previous_hash 0000"))
                    // block 1's header changed, so block 2 no longer links to it either
                    .anySatisfy(t -> assertThat(t).startsWith("block 2: previous_hash"));
            assertThat(r.blocksChained()).isEqualTo(1);
            assertThat(r.transactionsChecked()).isEqualTo(1);
        }

        @Test
        void aChangedDataHashBreaksTheChainThere() {
            chain.tamper(
                    1,
                    b -> b.toBuilder()
                            .setHeader(b.getHeader().toBuilder().setDataHash(ByteString.copyFrom(new byte[32])))
                            .build());

            BlockVerifier.Result r = verify(expected("settlement stl-b", TX_B));

            assertThat(texts(r))
                    .anySatisfy(t -> assertThat(t)
                            .startsWith("block 1: data_hash 0000")
                            .contains("is not the SHA-256 of its 1 transaction(s)"))
                    .anySatisfy(t -> assertThat(t).startsWith("block 2: previous_hash"));
            assertThat(r.blocksChained()).isEqualTo(1);
        }

        @Test
        void aBlockRewrittenWithItsHashesIsCaughtByTheNextBlockAndTheOrderersSignature() {
            // An attacker with the peer's disk recomputes block 1's data hash after changing its payload.
            chain.tamper(1, b -> {
                Block changed = withData(b, 0, changeResponse(b.getData().getData(0)));
                return changed.toBuilder()
                        .setHeader(changed.getHeader().toBuilder()
                                .setDataHash(ByteString.copyFrom(FabricBlock.parse(1, changed.toByteArray())
                                        .computedDataHash())))
                        .build();
            });

            assertThat(texts(verify(expected("settlement stl-a", TX_A))))
                    .anySatisfy(t -> assertThat(t).startsWith("block 1: carries no valid signature of the ordering"))
                    .anySatisfy(t -> assertThat(t).startsWith("block 2: previous_hash"))
                    .noneSatisfy(t -> assertThat(t).startsWith("block 1: data_hash"));
        }

        @Test
        void theLastBlockMustHashToThePeersCurrentHash() {
            BlockSource lying = new Delegating(chain) {
                @Override
                public ChainInfo chainInfo() {
                    return new ChainInfo(chain.height(), new byte[32]);
                }
            };

            assertThat(new BlockVerifier(lying)
                            .verify(List.of(expected("s", TX_B)))
                            .discrepancies())
                    .extracting(Discrepancy::subject)
                    .containsExactly("block 2");
            assertThat(new BlockVerifier(chain)
                            .verify(List.of(expected("s", TX_B)))
                            .verified())
                    .isTrue();
        }

        @Test
        void aBlockWithoutTheOrderersSignatureOrWithTheWrongLastConfigurationIsNamed() {
            chain.tamper(1, b -> withSignatures(b, ByteString.EMPTY));
            chain.tamper(2, b -> withSignatures(b, chain.ordererSignature(b.getHeader(), 5)));

            assertThat(texts(verify(expected("a", TX_A), expected("b", TX_B))))
                    .containsExactly(
                            "block 1: carries no valid signature of the ordering service",
                            "block 2: names block 5 as the last configuration; it is block 0");
        }

        @Test
        void theGenesisBlockCanBePinned() {
            byte[] genesis = TestChain.headerHash(chain.stored(0));
            byte[] other = genesis.clone();
            other[0] ^= 1;

            assertThat(new BlockVerifier(chain, Optional.of(genesis))
                            .verify(List.of(expected("a", TX_A)))
                            .verified())
                    .isTrue();
            assertThat(texts(new BlockVerifier(chain, Optional.of(other)).verify(List.of(expected("a", TX_A)))))
                    .singleElement()
                    .satisfies(t -> assertThat(t).startsWith("block 0: the genesis block's header hash"));
        }
    }

    @Nested
    class Fetching {
        @Test
        void aBlockHoldingSeveralTransactionsIsFetchedOnce() {
            BlockVerifier.Result r = verify(expected("b", TX_B), expected("c", TX_C), expected("a", TX_A));

            assertThat(r.verified()).isTrue();
            assertThat(r.transactionsChecked()).isEqualTo(3);
            assertThat(chain.served).containsExactly(0L, 1L, 2L);
        }

        @Test
        void aLaterCallWalksOnFromWhereTheLastStoppedAndRefetchesOnlyItsBlocks() {
            chain.append(settled(TestChain.txId("d")));
            chain.append(settled(TestChain.txId("e")));
            BlockVerifier verifier = new BlockVerifier(chain);

            // Block 1, sealed by block 2.
            assertThat(verifier.verify(List.of(expected("a", TX_A))).blocksFetched())
                    .isEqualTo(3);
            assertThat(chain.served).containsExactly(0L, 1L, 2L);
            chain.served.clear();

            BlockVerifier.Result later =
                    verifier.verify(List.of(expected("c", TX_C), expected("e", TestChain.txId("e"))));

            assertThat(later.verified()).isTrue();
            assertThat(later.blocksChained()).isEqualTo(5);
            // Blocks 3 and 4 walked on, block 2 read again for its transaction.
            assertThat(chain.served).containsExactly(3L, 4L, 2L);
        }

        @Test
        void aBreakFoundEarlierIsReportedToEveryLaterCallThatChainsThroughIt() {
            chain.tamper(
                    1,
                    b -> b.toBuilder()
                            .setHeader(b.getHeader().toBuilder().setDataHash(ByteString.copyFrom(new byte[32])))
                            .build());
            BlockVerifier verifier = new BlockVerifier(chain);
            verifier.verify(List.of(expected("a", TX_A)));

            assertThat(texts(verifier.verify(List.of(expected("c", TX_C)))))
                    .anySatisfy(t -> assertThat(t).startsWith("block 1: data_hash"));
        }
    }

    /**
     * SmartBFT: four consenters, one per organisation's ordering MSP; a block must carry valid signatures
     * of a quorum of them (3 of 4), each naming itself by its consenter id.
     */
    @Nested
    class BftOrdering {
        static final List<TestPki.Org> ORDERING = List.of(
                new TestPki.Org("DsoOrdererMSP"),
                new TestPki.Org("Aggregator1OrdererMSP"),
                new TestPki.Org("Aggregator2OrdererMSP"),
                new TestPki.Org("CommunityOrdererMSP"));

        private TestChain bft;

        @BeforeEach
        void bftChain() {
            bft = TestChain.bft(ORDERING, DSO, AGG1, AGG2, COMMUNITY);
        }

        private BlockVerifier.Result verifyBft(String txId) {
            return new BlockVerifier(bft).verify(List.of(expected("s", txId)));
        }

        private ByteString metadata(MetadataSignature... signatures) {
            ByteString value = org.hyperledger.fabric.protos.common.OrdererBlockMetadata.newBuilder()
                    .setLastConfig(org.hyperledger.fabric.protos.common.LastConfig.newBuilder()
                            .setIndex(0))
                    .build()
                    .toByteString();
            return Metadata.newBuilder()
                    .setValue(value)
                    .addAllSignatures(List.of(signatures))
                    .build()
                    .toByteString();
        }

        private MetadataSignature signature(Block b, int id, TestPki.Identity signer) {
            ByteString value = org.hyperledger.fabric.protos.common.OrdererBlockMetadata.newBuilder()
                    .setLastConfig(org.hyperledger.fabric.protos.common.LastConfig.newBuilder()
                            .setIndex(0))
                    .build()
                    .toByteString();
            return TestChain.consenterSignature(b.getHeader(), value, id, signer);
        }

        @Test
        void aBlockSignedByEveryConsenterOrByThreeOfFourPasses() {
            bft.append(settled(TX_A));
            bft.signedBy(1, 2, 4); // consenter 3 stopped
            bft.append(settled(TX_B));

            assertThat(verifyBft(TX_A).discrepancies()).isEmpty();
            assertThat(verifyBft(TX_B).discrepancies()).isEmpty();
        }

        @Test
        void twoConsentersAloneCannotMakeABlockTheAuditAccepts() {
            bft.signedBy(1, 2);
            bft.append(settled(TX_A));

            assertThat(texts(verifyBft(TX_A)))
                    .containsExactly("block 1: carries valid signatures of 2 consenter(s) [1, 2], not of a quorum"
                            + " of 3 of the 4 consenters of the ordering service (BFT)");
        }

        @Test
        void aConsenterCountsOnceAndALyingOneCountsNot() {
            bft.append(settled(TX_A));
            Block b = bft.stored(1);
            // Consenter 1 signs twice; consenter 2 signs in consenter 3's name; an unknown id 9.
            bft.tamper(
                    1,
                    x -> withSignatures(
                            x,
                            metadata(
                                    signature(x, 1, bft.consenter(1)),
                                    signature(x, 1, bft.consenter(1)),
                                    signature(x, 3, bft.consenter(2)),
                                    signature(x, 9, bft.consenter(4)),
                                    signature(x, 4, bft.consenter(4)))));

            List<String> found = texts(verifyBft(TX_A));
            assertThat(found).hasSize(1);
            assertThat(found.get(0))
                    .startsWith("block 1: carries valid signatures of 2 consenter(s) [1, 4], not of a quorum of 3")
                    .contains("consenter 3 Aggregator2OrdererMSP (")
                    .contains("its signature does not verify")
                    .contains("consenter 9 is not a consenter of the channel");
            assertThat(b.getHeader()).isEqualTo(bft.stored(1).getHeader());
        }

        @Test
        void aBlockChangedAfterTheConsentersSignedLosesTheirSignatures() {
            bft.append(settled(TX_A));
            bft.append(settled(TX_B));
            // The transactions of block 1 replaced, its hashes made anew: the signatures no longer fit.
            bft.tamper(
                    1,
                    x -> x.toBuilder()
                            .setHeader(x.getHeader().toBuilder()
                                    .setNumber(1)
                                    .setDataHash(ByteString.copyFrom(new byte[32])))
                            .build());

            assertThat(texts(verifyBft(TX_A)))
                    .anySatisfy(
                            t -> assertThat(t).startsWith("block 1: carries valid signatures of 0 consenter(s) []"));
        }
    }

    // ----- tampering helpers -----

    /** The envelope with its proposal response's chaincode result changed (its signatures kept). */
    static ByteString changeResponse(ByteString envelope) {
        String bytes = new String(envelope.toByteArray(), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(bytes).contains("3.1200");
        return ByteString.copyFrom(
                bytes.replace("3.1200", "9.1200").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    static Block withData(Block b, int index, ByteString envelope) {
        BlockData data = b.getData().toBuilder().setData(index, envelope).build();
        return b.toBuilder().setData(data).build();
    }

    static Block withSignatures(Block b, ByteString signatures) {
        return b.toBuilder()
                .setMetadata(b.getMetadata().toBuilder().setMetadata(0, signatures))
                .build();
    }

    /** A source that passes everything on to another. */
    static class Delegating implements BlockSource {
        private final BlockSource inner;

        Delegating(BlockSource inner) {
            this.inner = inner;
        }

        @Override
        public byte[] block(long number) {
            return inner.block(number);
        }

        @Override
        public Optional<Committed> transaction(String txId) {
            return inner.transaction(txId);
        }

        @Override
        public ChainInfo chainInfo() {
            return inner.chainInfo();
        }
    }
}
