package io.flexledger.marketplaceapi.ledger;

import io.grpc.ChannelCredentials;
import io.grpc.ConnectivityState;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.TlsChannelCredentials;
import io.quarkus.runtime.Shutdown;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hyperledger.fabric.client.CommitStatusException;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.SubmitException;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.jboss.logging.Logger;

/**
 * The Fabric Gateway connection of this instance: one shared gRPC channel to its organisation's
 * peer, its organisation's signing identity, and a deadline on every call. Checked gateway
 * exceptions are translated here into {@link ChaincodeRejection} (the chaincode said no) and
 * {@link LedgerUnavailableException} (the ledger could not answer).
 */
@ApplicationScoped
public class FabricLedger {
    private static final Logger LOG = Logger.getLogger(FabricLedger.class);
    private static final Pattern CHAINCODE_MESSAGE = Pattern.compile("chaincode response \\d+, (.*)", Pattern.DOTALL);

    private final FabricConfig config;
    private final ManagedChannel channel;
    private final Gateway gateway;
    private final org.hyperledger.fabric.client.Network network;
    private final Contract contract;
    private final Contract qscc;
    /** Transaction id to block number: committed facts, so a bounded cache never goes stale. */
    private final Map<String, Long> blockOfTx = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > 10_000;
        }
    });

    public FabricLedger(FabricConfig config) {
        this.config = config;
        this.channel = openChannel(config);
        FabricConfig.Deadlines d = config.deadlines();
        this.gateway = Gateway.newInstance()
                .identity(new X509Identity(config.mspId(), readCertificate(config.cert())))
                .signer(Signers.newPrivateKeySigner(readPrivateKey(config.key())))
                .hash(Hash.SHA256)
                .connection(channel)
                .evaluateOptions(o -> o.withDeadlineAfter(d.evaluate().toMillis(), TimeUnit.MILLISECONDS))
                .endorseOptions(o -> o.withDeadlineAfter(d.endorse().toMillis(), TimeUnit.MILLISECONDS))
                .submitOptions(o -> o.withDeadlineAfter(d.submit().toMillis(), TimeUnit.MILLISECONDS))
                .commitStatusOptions(o -> o.withDeadlineAfter(d.commitStatus().toMillis(), TimeUnit.MILLISECONDS))
                .connect();
        this.network = gateway.getNetwork(config.channel());
        this.contract = network.getContract(config.chaincode());
        this.qscc = network.getContract("qscc");
        LOG.infof(
                "ledger: %s signs as %s through %s, channel %s, chaincode %s",
                config.mspId(),
                config.cert().getFileName(),
                config.peerEndpoint(),
                config.channel(),
                config.chaincode());
    }

    /** The organisation this instance signs for. */
    public String mspId() {
        return config.mspId();
    }

    /** Runs a query on the organisation's peer (no ordering, no commit). */
    public byte[] evaluate(String transaction, String... args) {
        try {
            return contract.evaluateTransaction(transaction, args);
        } catch (GatewayException e) {
            throw translate(transaction, e);
        }
    }

    /** Endorses, orders and waits for the commit of a transaction; returns its id, block and result. */
    public LedgerReceipt submit(String transaction, String... args) {
        return submit(transaction, Map.of(), args);
    }

    /**
     * As {@link #submit(String, String...)}, with private data passed as transient fields (they reach
     * the endorsing peers but are not written to the public transaction).
     */
    public LedgerReceipt submit(String transaction, Map<String, String> transientData, String... args) {
        return submit(transaction, transientData, List.of(), args);
    }

    /**
     * As {@link #submit(String, Map, String...)}, endorsed by the peers of exactly {@code
     * endorsingOrganisations} (MSP ids) when not empty: for keys under a state-based endorsement
     * policy, which the gateway does not work out by itself.
     */
    public LedgerReceipt submit(
            String transaction,
            Map<String, String> transientData,
            List<String> endorsingOrganisations,
            String... args) {
        try {
            Map<String, byte[]> transientBytes = new java.util.HashMap<>();
            transientData.forEach((k, v) -> transientBytes.put(k, v.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            var proposal = contract.newProposal(transaction).addArguments(args).putAllTransient(transientBytes);
            if (!endorsingOrganisations.isEmpty()) {
                proposal.setEndorsingOrganizations(endorsingOrganisations.toArray(String[]::new));
            }
            SubmittedTransaction submitted = proposal.build().endorse().submitAsync();
            var status = submitted.getStatus();
            if (!status.isSuccessful()) {
                throw new ChaincodeRejection(
                        "TX_" + status.getCode().name(),
                        "transaction " + status.getTransactionId() + " was not committed: " + status.getCode());
            }
            blockOfTx.put(status.getTransactionId(), status.getBlockNumber());
            return new LedgerReceipt(status.getTransactionId(), status.getBlockNumber(), submitted.getResult());
        } catch (EndorseException | SubmitException | CommitStatusException e) {
            throw translate(transaction, e);
        }
    }

    /**
     * The chaincode's events from now on, as committed in blocks, until the iterator is closed. Each
     * carries the event name (e.g. {@code OfferRevoked}) and the record as its JSON payload.
     */
    public org.hyperledger.fabric.client.CloseableIterator<org.hyperledger.fabric.client.ChaincodeEvent>
            chaincodeEvents() {
        return network.getChaincodeEvents(config.chaincode());
    }

    /**
     * As {@link #chaincodeEvents()}, resuming just after {@code checkpoint}'s last event when it has
     * one (so a reconnection neither loses nor repeats events), from now on otherwise.
     */
    public org.hyperledger.fabric.client.CloseableIterator<org.hyperledger.fabric.client.ChaincodeEvent>
            chaincodeEvents(org.hyperledger.fabric.client.Checkpoint checkpoint) {
        return network.newChaincodeEventsRequest(config.chaincode())
                .checkpoint(checkpoint)
                .build()
                .getEvents();
    }

    /**
     * Submits a transaction under an idempotency key (sent as the transient field {@code
     * idempotencyKey}). The chaincode records the key with the result in the same transaction; if this
     * organisation already committed the same request under the key, the chaincode refuses to run it
     * again ({@code IDEMPOTENCY_KEY_REPLAYED}) and the recorded result is returned instead. When a
     * concurrent duplicate wins the MVCC check, the proposal is endorsed once more so that the
     * chaincode answers from the record.
     */
    public LedgerReceipt submitIdempotent(
            String transaction, String idempotencyKey, Map<String, String> transientData, String... args) {
        return submitIdempotent(transaction, idempotencyKey, transientData, List.of(), args);
    }

    /** As {@link #submitIdempotent(String, String, Map, String...)}, endorsed by the named organisations. */
    public LedgerReceipt submitIdempotent(
            String transaction,
            String idempotencyKey,
            Map<String, String> transientData,
            List<String> endorsingOrganisations,
            String... args) {
        Map<String, String> withKey = new java.util.HashMap<>(transientData);
        withKey.put(IDEMPOTENCY_FIELD, idempotencyKey);
        for (int attempt = 1; ; attempt++) {
            try {
                return submit(transaction, withKey, endorsingOrganisations, args);
            } catch (ChaincodeRejection e) {
                if (e.code().equals("IDEMPOTENCY_KEY_REPLAYED")) {
                    return replay(idempotencyKey);
                }
                // A concurrent duplicate committed first: ask again, the chaincode now sees its record.
                // In the same block Fabric marks the later duplicate ENDORSEMENT_POLICY_FAILURE instead
                // of an MVCC conflict, because the first one set the key-level policy of the record
                // both write (offers, baseline versions, orders): asked again, it is answered too.
                if ((e.code().startsWith("TX_MVCC") || e.code().equals("TX_ENDORSEMENT_POLICY_FAILURE"))
                        && attempt < 2) {
                    continue;
                }
                throw e;
            }
        }
    }

    /** The transient field that carries the idempotency key to the chaincode. */
    public static final String IDEMPOTENCY_FIELD = "idempotencyKey";

    private LedgerReceipt replay(String idempotencyKey) {
        byte[] recordJson = evaluate("idempotency:ReadRecord", idempotencyKey);
        try {
            var record = new com.fasterxml.jackson.databind.ObjectMapper().readTree(recordJson);
            String txId = record.path("txId").asText();
            byte[] result = record.path("result").asText().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return new LedgerReceipt(txId, blockNumberOf(txId), result, true);
        } catch (IOException e) {
            throw new LedgerUnavailableException("unreadable idempotency record: " + e.getMessage(), e);
        }
    }

    /** The number of the block holding committed transaction {@code txId} (the peer's qscc). */
    public long blockNumberOf(String txId) {
        Long cached = blockOfTx.get(txId);
        if (cached != null) {
            return cached;
        }
        try {
            byte[] block = qscc.evaluateTransaction("GetBlockByTxID", config.channel(), txId);
            long number = org.hyperledger.fabric.protos.common.Block.parseFrom(block)
                    .getHeader()
                    .getNumber();
            blockOfTx.put(txId, number);
            return number;
        } catch (GatewayException e) {
            throw translate("qscc:GetBlockByTxID", e);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new LedgerUnavailableException("the peer returned an unreadable block for " + txId, e);
        }
    }

    /**
     * Runs a query of the peer's ledger (the system chaincode qscc, e.g. {@code GetBlockByNumber}) on
     * this instance's channel: {@code arguments} follow the channel name.
     */
    public byte[] queryLedger(String function, String... arguments) {
        String[] args = new String[arguments.length + 1];
        args[0] = config.channel();
        System.arraycopy(arguments, 0, args, 1, arguments.length);
        try {
            return qscc.evaluateTransaction(function, args);
        } catch (GatewayException e) {
            throw translate("qscc:" + function, e);
        }
    }

    /**
     * Whether the gRPC channel to the peer is connected. Asking also starts a connection attempt,
     * so a probe that polls sees an idle channel become ready once the peer answers.
     */
    public boolean channelReady() {
        return channel.getState(true) == ConnectivityState.READY;
    }

    private RuntimeException translate(String transaction, GatewayException e) {
        for (var detail : e.getDetails()) {
            Matcher m = CHAINCODE_MESSAGE.matcher(detail.getMessage());
            if (m.find()) {
                return ChaincodeRejection.parse(m.group(1));
            }
        }
        Status.Code code = e.getStatus().getCode();
        String reason = e.getStatus().getDescription();
        if (code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED) {
            return new LedgerUnavailableException(
                    "ledger peer " + config.peerEndpoint() + " did not answer " + transaction + " (" + code + ")", e);
        }
        if (reason != null) {
            Matcher m = CHAINCODE_MESSAGE.matcher(reason);
            if (m.find()) {
                return ChaincodeRejection.parse(m.group(1));
            }
        }
        return new LedgerUnavailableException(
                "ledger call " + transaction + " failed: " + code + (reason == null ? "" : " " + reason), e);
    }

    @Shutdown
    void close() {
        gateway.close();
        channel.shutdownNow();
    }

    private static ManagedChannel openChannel(FabricConfig config) {
        try {
            ChannelCredentials tls = TlsChannelCredentials.newBuilder()
                    .trustManager(config.tlsCaCert().toFile())
                    .build();
            return Grpc.newChannelBuilder(config.peerEndpoint(), tls).build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the peer's TLS CA " + config.tlsCaCert(), e);
        }
    }

    private static X509Certificate readCertificate(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            return Identities.readX509Certificate(reader);
        } catch (IOException | CertificateException e) {
            throw new IllegalStateException("cannot read the identity certificate " + file, e);
        }
    }

    private static PrivateKey readPrivateKey(Path fileOrFolder) {
        Path file = fileOrFolder;
        if (Files.isDirectory(fileOrFolder)) {
            try (Stream<Path> files = Files.list(fileOrFolder)) {
                List<Path> keys = files.filter(Files::isRegularFile).toList();
                if (keys.size() != 1) {
                    throw new IllegalStateException(
                            "expected one private key in " + fileOrFolder + ", found " + keys.size());
                }
                file = keys.get(0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try (Reader reader = Files.newBufferedReader(file)) {
            return Identities.readPrivateKey(reader);
        } catch (IOException | InvalidKeyException e) {
            throw new IllegalStateException("cannot read the private key " + file, e);
        }
    }
}
