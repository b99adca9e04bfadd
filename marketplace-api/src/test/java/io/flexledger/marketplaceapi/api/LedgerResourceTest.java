package io.flexledger.marketplaceapi.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.flexledger.marketplaceapi.ledger.ChaincodeRejection;
import io.flexledger.marketplaceapi.ledger.LedgerBlocks;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.LastConfig;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.common.OrdererBlockMetadata;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.ProcessedTransaction;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/ledger} on an Aggregator1 instance whose peer is a stand-in holding two blocks: the
 * genesis configuration block and a block of two endorser transactions, the first valid, the second
 * marked as an MVCC conflict.
 */
@QuarkusTest
@TestSecurity(user = "market-auditor", roles = "auditor")
class LedgerResourceTest {
    static final String TX_VALID = "a1".repeat(32);
    static final String TX_CONFLICT = "b2".repeat(32);
    static final String TX_UNKNOWN = "c3".repeat(32);

    private final List<Block> chain = List.of(configBlock(), transactionBlock());
    private final List<String> queries = new ArrayList<>();
    private RuntimeException peerRefusal;

    @BeforeEach
    void standInPeer() {
        QuarkusMock.installMockForType(new LedgerBlocks(this::query), LedgerBlocks.class);
    }

    /** The peer's qscc as the gateway reports it: a refusal is the chaincode's message. */
    private byte[] query(String function, String... args) {
        queries.add(function + " " + String.join(" ", args));
        if (peerRefusal != null && !function.equals("GetChainInfo")) {
            throw peerRefusal;
        }
        return switch (function) {
            case "GetChainInfo" ->
                BlockchainInfo.newBuilder()
                        .setHeight(chain.size())
                        .setCurrentBlockHash(ByteString.copyFrom(new byte[] {1, 2, 3}))
                        .setPreviousBlockHash(ByteString.copyFrom(new byte[] {4, 5}))
                        .build()
                        .toByteArray();
            case "GetBlockByNumber" -> {
                int n = Integer.parseInt(args[0]);
                if (n >= chain.size()) {
                    throw ChaincodeRejection.parse("Failed to get block number " + n + ", error no such block");
                }
                yield chain.get(n).toByteArray();
            }
            case "GetTransactionByID" -> {
                Map<String, TxValidationCode> codes =
                        Map.of(TX_VALID, TxValidationCode.VALID, TX_CONFLICT, TxValidationCode.MVCC_READ_CONFLICT);
                if (!codes.containsKey(args[0])) {
                    throw ChaincodeRejection.parse(
                            "Failed to get transaction with id " + args[0] + ", error no such transaction ID");
                }
                yield ProcessedTransaction.newBuilder()
                        .setValidationCode(codes.get(args[0]).getNumber())
                        .build()
                        .toByteArray();
            }
            case "GetBlockByTxID" -> chain.get(1).toByteArray();
            default -> throw new AssertionError("unexpected qscc function " + function);
        };
    }

    @Test
    void aBlockIsTheBytesThePeerHolds() {
        byte[] body = given().get("/api/ledger/blocks/1")
                .then()
                .statusCode(200)
                .contentType("application/octet-stream")
                .extract()
                .asByteArray();
        assertThat(body).isEqualTo(chain.get(1).toByteArray());
        assertThat(queries).containsExactly("GetBlockByNumber 1");
    }

    @Test
    void aBlockAsJsonNamesItsTransactionsEndorsersAndValidationCodes() {
        given().get("/api/ledger/blocks/1?format=json")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .body("number", equalTo(1))
                .body("previousHash", equalTo("0909"))
                .body("dataHash", equalTo("abcd"))
                .body("lastConfigBlock", equalTo(0))
                .body("transactions.txId", contains(TX_VALID, TX_CONFLICT))
                .body("transactions.validationCode", contains("VALID", "MVCC_READ_CONFLICT"))
                .body("transactions[0].type", equalTo("ENDORSER_TRANSACTION"))
                .body("transactions[0].creatorMsp", equalTo("DsoMSP"))
                .body("transactions[0].chaincode", equalTo("flexledger"))
                .body("transactions[0].timestamp", equalTo("2030-06-02T10:00:00Z"))
                .body("transactions[0].endorsers", contains("DsoMSP", "Aggregator1MSP"));
        given().get("/api/ledger/blocks/0?format=json")
                .then()
                .statusCode(200)
                .body("transactions[0].type", equalTo("CONFIG"))
                .body("transactions[0].creatorMsp", equalTo("OrdererMSP"));
    }

    @Test
    void aBlockBeyondTheChainIs404NamingTheHeight() {
        given().get("/api/ledger/blocks/2")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("BLOCK_NOT_FOUND"))
                .body("detail", containsString("height is 2"));
    }

    @Test
    void aPeerRefusalOfABlockItHasIsNotA404() {
        peerRefusal = ChaincodeRejection.parse("access denied for [GetBlockByNumber][flexmarket]");
        given().get("/api/ledger/blocks/1").then().statusCode(502).contentType("application/problem+json");
    }

    @Test
    void aBadBlockNumberOrFormatIs400NamingIt() {
        for (String bad : List.of("-1", "one", "99999999999999999999", "1.5")) {
            given().get("/api/ledger/blocks/{n}", bad)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations[0].field", equalTo("$.number"));
        }
        given().get("/api/ledger/blocks/1?format=xml")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("$.format"));
        assertThat(queries).isEmpty();
    }

    @Test
    void aTransactionNamesItsBlockAndValidationCode() {
        given().get("/api/ledger/transactions/" + TX_VALID)
                .then()
                .statusCode(200)
                .contentType("application/json")
                .body("txId", equalTo(TX_VALID))
                .body("blockNumber", equalTo(1))
                .body("validationCode", equalTo("VALID"));
        given().get("/api/ledger/transactions/" + TX_CONFLICT)
                .then()
                .statusCode(200)
                .body("validationCode", equalTo("MVCC_READ_CONFLICT"));
    }

    @Test
    void anUnknownTransactionIs404AndABadIdIs400() {
        given().get("/api/ledger/transactions/" + TX_UNKNOWN)
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("TRANSACTION_NOT_FOUND"))
                .body("detail", containsString(TX_UNKNOWN));
        for (String bad : List.of("tx-1", TX_VALID.toUpperCase(), TX_VALID + "0")) {
            given().get("/api/ledger/transactions/{id}", bad)
                    .then()
                    .statusCode(400)
                    .body("violations[0].field", equalTo("$.txId"));
        }
    }

    @Test
    void theInfoIsTheHeightAndTheLastHashes() {
        given().get("/api/ledger/info")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .body("height", equalTo(2))
                .body("currentBlockHash", equalTo("010203"))
                .body("previousBlockHash", equalTo("0405"));
    }

    @Test
    @TestSecurity(
            user = "agg1-admin",
            roles = "admin",
            attributes = @SecurityAttribute(key = "msp", value = "Aggregator1MSP"))
    void theInstancesOwnAdminReadsBlocks() {
        given().get("/api/ledger/info").then().statusCode(200);
    }

    @Test
    @TestSecurity(
            user = "agg1-prosumer",
            roles = "prosumer",
            attributes = @SecurityAttribute(key = "msp", value = "Aggregator1MSP"))
    void aProsumerDoesNotReadBlocks() {
        given().get("/api/ledger/blocks/1").then().statusCode(403).contentType("application/problem+json");
        given().get("/api/ledger/transactions/" + TX_VALID).then().statusCode(403);
        given().get("/api/ledger/info").then().statusCode(403);
        assertThat(queries).isEmpty();
    }

    @Test
    @TestSecurity(user = "dso-operator", roles = "dso", attributes = @SecurityAttribute(key = "msp", value = "DsoMSP"))
    void anotherOrganisationsTokenIsRefused() {
        given().get("/api/ledger/blocks/1").then().statusCode(403).body("detail", containsString("DsoMSP"));
    }

    // ----- the stand-in chain -----

    private static Block configBlock() {
        Envelope config = envelope(HeaderType.CONFIG, "", "OrdererMSP", ByteString.EMPTY);
        return block(0, new byte[0], List.of(config), new byte[] {0}, false);
    }

    private static Block transactionBlock() {
        return block(
                1,
                new byte[] {9, 9},
                List.of(endorsed(TX_VALID), endorsed(TX_CONFLICT)),
                new byte[] {(byte) TxValidationCode.VALID_VALUE, (byte) TxValidationCode.MVCC_READ_CONFLICT_VALUE},
                true);
    }

    private static Envelope endorsed(String txId) {
        ProposalResponsePayload prp = ProposalResponsePayload.newBuilder()
                .setExtension(ChaincodeAction.newBuilder()
                        .setChaincodeId(ChaincodeID.newBuilder().setName("flexledger"))
                        .build()
                        .toByteString())
                .build();
        ChaincodeEndorsedAction action = ChaincodeEndorsedAction.newBuilder()
                .setProposalResponsePayload(prp.toByteString())
                .addEndorsements(endorsement("DsoMSP"))
                .addEndorsements(endorsement("Aggregator1MSP"))
                .build();
        Transaction tx = Transaction.newBuilder()
                .addActions(TransactionAction.newBuilder()
                        .setPayload(ChaincodeActionPayload.newBuilder()
                                .setAction(action)
                                .build()
                                .toByteString()))
                .build();
        return envelope(HeaderType.ENDORSER_TRANSACTION, txId, "DsoMSP", tx.toByteString());
    }

    private static Endorsement endorsement(String msp) {
        return Endorsement.newBuilder()
                .setEndorser(identity(msp))
                .setSignature(ByteString.copyFromUtf8("sig"))
                .build();
    }

    private static ByteString identity(String msp) {
        return SerializedIdentity.newBuilder()
                .setMspid(msp)
                .setIdBytes(ByteString.copyFromUtf8("-----BEGIN CERTIFICATE-----"))
                .build()
                .toByteString();
    }

    private static Envelope envelope(HeaderType type, String txId, String creatorMsp, ByteString data) {
        ChannelHeader ch = ChannelHeader.newBuilder()
                .setType(type.getNumber())
                .setTxId(txId)
                .setChannelId("flexmarket")
                .setTimestamp(Timestamp.newBuilder().setSeconds(1906624800L))
                .build();
        Payload payload = Payload.newBuilder()
                .setHeader(Header.newBuilder()
                        .setChannelHeader(ch.toByteString())
                        .setSignatureHeader(SignatureHeader.newBuilder()
                                .setCreator(identity(creatorMsp))
                                .build()
                                .toByteString()))
                .setData(data)
                .build();
        return Envelope.newBuilder().setPayload(payload.toByteString()).build();
    }

    private static Block block(long number, byte[] previous, List<Envelope> txs, byte[] filter, boolean lastConfig) {
        BlockData.Builder data = BlockData.newBuilder();
        txs.forEach(e -> data.addData(e.toByteString()));
        ByteString signatures = lastConfig
                ? Metadata.newBuilder()
                        .setValue(OrdererBlockMetadata.newBuilder()
                                .setLastConfig(LastConfig.newBuilder().setIndex(0))
                                .build()
                                .toByteString())
                        .build()
                        .toByteString()
                : ByteString.EMPTY;
        return Block.newBuilder()
                .setHeader(BlockHeader.newBuilder()
                        .setNumber(number)
                        .setPreviousHash(ByteString.copyFrom(previous))
                        .setDataHash(ByteString.copyFrom(HexFormat.of().parseHex("abcd"))))
                .setData(data)
                .setMetadata(BlockMetadata.newBuilder()
                        .addMetadata(signatures)
                        .addMetadata(ByteString.EMPTY)
                        .addMetadata(ByteString.copyFrom(filter))
                        .addMetadata(ByteString.EMPTY)
                        .addMetadata(ByteString.EMPTY))
                .build();
    }
}
