package io.flexledger.marketplaceapi.ledger;

import io.flexledger.contract.ErrorCode;
import io.flexledger.contract.IdempotencyRecords;
import io.flexledger.contract.Tx;
import io.flexledger.contract.ValidationCodes;
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
 * The Fabric Gateway connections of this instance: one gRPC channel and gateway per peer of its own
 * organisation ({@link GatewayEndpoints}), its organisation's signing identity, and a deadline on
 * every call. Calls go to one peer at a time and fail over to the next when it does not answer
 * ({@link GatewayFailover}, decision 0018): evaluations and endorsements always (nothing has reached
 * the ordering service), submissions after endorsement only when idempotent ({@link
 * #submitIdempotent}); the chaincode event stream resumes on the next peer. Checked gateway
 * exceptions are translated here into {@link ChaincodeRejection} (the chaincode said no) and {@link
 * LedgerUnavailableException} (the ledger could not answer; {@link PeerUnreachableException} when
 * the gateway peer itself did not).
 */
@ApplicationScoped
public class FabricLedger {
    private static final Logger LOG = Logger.getLogger(FabricLedger.class);
    private static final Pattern CHAINCODE_MESSAGE = Pattern.compile("chaincode response \\d+, (.*)", Pattern.DOTALL);

    /** One gateway peer: its gRPC channel, and the gateway, contract and qscc over that channel. */
    record Connection(String endpoint, ManagedChannel channel, Gateway gateway, Contract contract, Contract qscc) {}

    private final FabricConfig config;
    private final GatewayFailover<Connection> peers;
    /** Transaction id to block number: committed facts, so a bounded cache never goes stale. */
    private final Map<String, Long> blockOfTx = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > 10_000;
        }
    });

    public FabricLedger(FabricConfig config) {
        this.config = config;
        List<String> endpoints = GatewayEndpoints.of(config);
        X509Identity identity = new X509Identity(config.mspId(), readCertificate(config.cert()));
        var signer = Signers.newPrivateKeySigner(readPrivateKey(config.key()));
        List<Connection> connections = new java.util.ArrayList<>();
        for (String endpoint : endpoints) {
            connections.add(connect(config, endpoint, identity, signer));
        }
        // A peer that comes back after a long outage may sit in gRPC's reconnect back-off (up to
        // minutes): the connection switched to reconnects at once.
        this.peers =
                new GatewayFailover<>(endpoints, connections, c -> c.channel().resetConnectBackoff());
        LOG.infof(
                "ledger: %s signs as %s through %s (in this order), channel %s, chaincode %s",
                config.mspId(),
                config.cert().getFileName(),
                String.join(", ", endpoints),
                config.channel(),
                config.chaincode());
    }

    private static Connection connect(
            FabricConfig config,
            String endpoint,
            X509Identity identity,
            org.hyperledger.fabric.client.identity.Signer signer) {
        ManagedChannel channel = openChannel(config, endpoint);
        FabricConfig.Deadlines d = config.deadlines();
        Gateway gateway = Gateway.newInstance()
                .identity(identity)
                .signer(signer)
                .hash(Hash.SHA256)
                .connection(channel)
                .evaluateOptions(o -> o.withDeadlineAfter(d.evaluate().toMillis(), TimeUnit.MILLISECONDS))
                .endorseOptions(o -> o.withDeadlineAfter(d.endorse().toMillis(), TimeUnit.MILLISECONDS))
                .submitOptions(o -> o.withDeadlineAfter(d.submit().toMillis(), TimeUnit.MILLISECONDS))
                .commitStatusOptions(o -> o.withDeadlineAfter(d.commitStatus().toMillis(), TimeUnit.MILLISECONDS))
                .connect();
        var network = gateway.getNetwork(config.channel());
        return new Connection(
                endpoint, channel, gateway, network.getContract(config.chaincode()), network.getContract("qscc"));
    }

    /** The gateway peers in the order they are tried. */
    public List<String> endpoints() {
        return peers.endpoints();
    }

    /** The gateway peer calls go to now. */
    public String currentEndpoint() {
        return peers.currentEndpoint();
    }

    /** Whether a failure means the gateway peer did not answer and the call may go to the next one. */
    private static boolean unreachableBeforeOrdering(RuntimeException e) {
        return e instanceof PeerUnreachableException u && u.beforeOrdering();
    }

    private static boolean unreachable(RuntimeException e) {
        return e instanceof PeerUnreachableException;
    }

    /** The organisation this instance signs for. */
    public String mspId() {
        return config.mspId();
    }

    /**
     * Runs a query on the organisation's peer (no ordering, no commit); on its next peer if it does not
     * answer. Shortly after a failover a "not found" is asked again for a few seconds before it is
     * believed: the peer that answers may be one that has just restarted and is still fetching the
     * blocks this instance wrote through the other one (read-your-writes across a failover).
     */
    public byte[] evaluate(Tx transaction, String... args) {
        return peers.switchedWithin(CATCH_UP_WINDOW)
                ? evaluateUntilFound(CATCH_UP_WAIT, transaction.fullName(), args)
                : evaluateOnce(transaction.fullName(), args);
    }

    /**
     * Evaluates; a "not found" answer ({@link ChaincodeRejection#notFound()}) is asked again, with
     * growing pauses, until {@code wait} has passed: for a record this instance knows is committed but
     * the answering peer may not have yet.
     */
    private byte[] evaluateUntilFound(java.time.Duration wait, String transaction, String... args) {
        long deadline = System.nanoTime() + wait.toNanos();
        for (long pause = 50; ; pause = Math.min(pause * 2, 800)) {
            try {
                return evaluateOnce(transaction, args);
            } catch (ChaincodeRejection e) {
                if (!e.notFound() || System.nanoTime() > deadline) {
                    throw e;
                }
                LOG.debugf("ledger: %s not found yet; asking again in %d ms", transaction, pause);
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LedgerUnavailableException("interrupted while waiting for " + transaction, e);
            }
        }
    }

    /** How long after a failover a "not found" is checked again. */
    private static final java.time.Duration CATCH_UP_WINDOW = java.time.Duration.ofSeconds(60);
    /** How long a "not found" is asked again in that window before it is the answer. */
    private static final java.time.Duration CATCH_UP_WAIT = java.time.Duration.ofSeconds(5);

    private byte[] evaluateOnce(String transaction, String... args) {
        return peers.call(
                transaction,
                c -> {
                    try {
                        return c.contract().evaluateTransaction(transaction, args);
                    } catch (GatewayException e) {
                        throw translate(c, transaction, e, true);
                    }
                },
                FabricLedger::unreachableBeforeOrdering);
    }

    /** Endorses, orders and waits for the commit of a transaction; returns its id, block and result. */
    public LedgerReceipt submit(Tx transaction, String... args) {
        return submit(transaction, Map.of(), args);
    }

    /**
     * As {@link #submit(Tx, String...)}, with private data passed as transient fields (they reach
     * the endorsing peers but are not written to the public transaction).
     */
    public LedgerReceipt submit(Tx transaction, Map<String, String> transientData, String... args) {
        return submit(transaction, transientData, List.of(), args);
    }

    /**
     * As {@link #submit(Tx, Map, String...)}, endorsed by the peers of exactly {@code
     * endorsingOrganisations} (MSP ids) when not empty: for keys under a state-based endorsement
     * policy, which the gateway does not work out by itself.
     */
    public LedgerReceipt submit(
            Tx transaction, Map<String, String> transientData, List<String> endorsingOrganisations, String... args) {
        String name = transaction.fullName();
        // Not idempotent: on the next peer only when the gateway peer failed before the ordering service.
        return peers.call(
                name,
                c -> submitOn(c, name, transientData, endorsingOrganisations, args),
                FabricLedger::unreachableBeforeOrdering);
    }

    private LedgerReceipt submitOn(
            Connection c,
            String transaction,
            Map<String, String> transientData,
            List<String> endorsingOrganisations,
            String... args) {
        Map<String, byte[]> transientBytes = new java.util.HashMap<>();
        transientData.forEach((k, v) -> transientBytes.put(k, v.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        var proposal = c.contract().newProposal(transaction).addArguments(args).putAllTransient(transientBytes);
        if (!endorsingOrganisations.isEmpty()) {
            proposal.setEndorsingOrganizations(endorsingOrganisations.toArray(String[]::new));
        }
        var endorsement = proposal.build();
        org.hyperledger.fabric.client.Transaction endorsed;
        try {
            endorsed = endorsement.endorse();
        } catch (EndorseException e) {
            throw translate(c, transaction, e, true);
        }
        try {
            SubmittedTransaction submitted = endorsed.submitAsync();
            var status = submitted.getStatus();
            if (!status.isSuccessful()) {
                throw new ChaincodeRejection(
                        ValidationCodes.of(status.getCode().name()),
                        "transaction " + status.getTransactionId() + " was not committed: " + status.getCode());
            }
            blockOfTx.put(status.getTransactionId(), status.getBlockNumber());
            return new LedgerReceipt(status.getTransactionId(), status.getBlockNumber(), submitted.getResult());
        } catch (SubmitException | CommitStatusException e) {
            throw translate(c, transaction, e, false);
        }
    }

    /**
     * The chaincode's events from now on, as committed in blocks, until the iterator is closed. Each
     * carries the event name (e.g. {@code OfferRevoked}) and the record as its JSON payload.
     */
    public org.hyperledger.fabric.client.CloseableIterator<org.hyperledger.fabric.client.ChaincodeEvent>
            chaincodeEvents() {
        return eventsFromCurrentPeer(network -> network.getChaincodeEvents(config.chaincode()));
    }

    /**
     * As {@link #chaincodeEvents()}, resuming just after {@code checkpoint}'s last event when it has
     * one (so a reconnection neither loses nor repeats events), from now on otherwise.
     */
    public org.hyperledger.fabric.client.CloseableIterator<org.hyperledger.fabric.client.ChaincodeEvent>
            chaincodeEvents(org.hyperledger.fabric.client.Checkpoint checkpoint) {
        return eventsFromCurrentPeer(network -> network.newChaincodeEventsRequest(config.chaincode())
                .checkpoint(checkpoint)
                .build()
                .getEvents());
    }

    /**
     * Events from the current peer; when the stream breaks because that peer stopped answering, the
     * next peer becomes current, so the reconnection (LedgerEvents) resumes there.
     */
    private org.hyperledger.fabric.client.CloseableIterator<org.hyperledger.fabric.client.ChaincodeEvent>
            eventsFromCurrentPeer(
                    java.util.function.Function<
                                    org.hyperledger.fabric.client.Network,
                                    org.hyperledger.fabric.client.CloseableIterator<
                                            org.hyperledger.fabric.client.ChaincodeEvent>>
                            request) {
        int index = peers.currentIndex();
        Connection c = peers.connections().get(index);
        try {
            return new FailoverEvents(request.apply(c.gateway().getNetwork(config.channel())), index);
        } catch (org.hyperledger.fabric.client.GatewayRuntimeException e) {
            noteStreamFailure(index, e);
            throw e;
        }
    }

    private void noteStreamFailure(int index, org.hyperledger.fabric.client.GatewayRuntimeException e) {
        Status.Code code = e.getStatus().getCode();
        if (code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED) {
            peers.failed(index, "chaincode events: " + code);
        }
    }

    /** An event stream that reports its peer's failure to the failover before passing it on. */
    private final class FailoverEvents
            implements org.hyperledger.fabric.client.CloseableIterator<org.hyperledger.fabric.client.ChaincodeEvent> {
        private final org.hyperledger.fabric.client.CloseableIterator<org.hyperledger.fabric.client.ChaincodeEvent>
                events;
        private final int index;

        FailoverEvents(
                org.hyperledger.fabric.client.CloseableIterator<org.hyperledger.fabric.client.ChaincodeEvent> events,
                int index) {
            this.events = events;
            this.index = index;
        }

        @Override
        public boolean hasNext() {
            try {
                return events.hasNext();
            } catch (org.hyperledger.fabric.client.GatewayRuntimeException e) {
                noteStreamFailure(index, e);
                throw e;
            }
        }

        @Override
        public org.hyperledger.fabric.client.ChaincodeEvent next() {
            try {
                return events.next();
            } catch (org.hyperledger.fabric.client.GatewayRuntimeException e) {
                noteStreamFailure(index, e);
                throw e;
            }
        }

        @Override
        public void close() {
            events.close();
        }
    }

    /**
     * Submits a transaction under an idempotency key (sent as the transient field {@code
     * idempotencyKey}). The chaincode records the key with the result in the same transaction; if this
     * organisation already committed the same request under the key, the chaincode refuses to run it
     * again ({@code IDEMPOTENCY_KEY_REPLAYED}) and the recorded result is returned instead. When a
     * concurrent duplicate wins the MVCC check, the proposal is endorsed once more so that the
     * chaincode answers from the record. When the gateway peer stops answering at any step (even after
     * the transaction went to the ordering service), the request is made again through the next peer:
     * if the first one was committed after all, the record answers the second.
     */
    public LedgerReceipt submitIdempotent(
            Tx transaction, String idempotencyKey, Map<String, String> transientData, String... args) {
        return submitIdempotent(transaction, idempotencyKey, transientData, List.of(), args);
    }

    /** As {@link #submitIdempotent(Tx, String, Map, String...)}, endorsed by the named organisations. */
    public LedgerReceipt submitIdempotent(
            Tx transaction,
            String idempotencyKey,
            Map<String, String> transientData,
            List<String> endorsingOrganisations,
            String... args) {
        String name = transaction.fullName();
        Map<String, String> withKey = new java.util.HashMap<>(transientData);
        withKey.put(IDEMPOTENCY_FIELD, idempotencyKey);
        for (int attempt = 1; ; attempt++) {
            try {
                return peers.call(
                        name, c -> submitOn(c, name, withKey, endorsingOrganisations, args), FabricLedger::unreachable);
            } catch (ChaincodeRejection e) {
                if (e.is(ErrorCode.IDEMPOTENCY_KEY_REPLAYED)) {
                    return replay(idempotencyKey);
                }
                // A concurrent duplicate committed first: ask again, the chaincode now sees its record.
                // In the same block Fabric marks the later duplicate ENDORSEMENT_POLICY_FAILURE instead
                // of an MVCC conflict, because the first one set the key-level policy of the record
                // both write (offers, baseline versions, orders): asked again, it is answered too.
                if ((ValidationCodes.isMvccConflict(e.code())
                                || e.code().equals(ValidationCodes.ENDORSEMENT_POLICY_FAILURE))
                        && attempt < 2) {
                    continue;
                }
                throw e;
            }
        }
    }

    /** The transient field that carries the idempotency key to the chaincode. */
    public static final String IDEMPOTENCY_FIELD = "idempotencyKey";

    /** How long a replay waits for its record to reach the peer it reads from. */
    private static final java.time.Duration REPLAY_RECORD_WAIT = java.time.Duration.ofSeconds(10);

    private LedgerReceipt replay(String idempotencyKey) {
        byte[] recordJson = readRecord(idempotencyKey);
        try {
            var record = new com.fasterxml.jackson.databind.ObjectMapper().readTree(recordJson);
            String txId = record.path("txId").asText();
            byte[] result = record.path("result").asText().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return new LedgerReceipt(txId, blockNumberOf(txId), result, true);
        } catch (IOException e) {
            throw new LedgerUnavailableException("unreadable idempotency record: " + e.getMessage(), e);
        }
    }

    /**
     * The idempotency record under {@code idempotencyKey}. An endorser said the key was used, but the
     * peer read from may not have committed that block yet (the endorser was another organisation's
     * peer, or this organisation's other peer after a failover), so a record not found yet is asked
     * for again for a few seconds before the answer is "not found".
     */
    private byte[] readRecord(String idempotencyKey) {
        return evaluateUntilFound(REPLAY_RECORD_WAIT, IdempotencyRecords.READ_RECORD.fullName(), idempotencyKey);
    }

    /** The number of the block holding committed transaction {@code txId} (the peer's qscc). */
    public long blockNumberOf(String txId) {
        Long cached = blockOfTx.get(txId);
        if (cached != null) {
            return cached;
        }
        try {
            byte[] block = queryLedger("GetBlockByTxID", txId);
            long number = org.hyperledger.fabric.protos.common.Block.parseFrom(block)
                    .getHeader()
                    .getNumber();
            blockOfTx.put(txId, number);
            return number;
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
        return peers.call(
                "qscc:" + function,
                c -> {
                    try {
                        return c.qscc().evaluateTransaction(function, args);
                    } catch (GatewayException e) {
                        throw translate(c, "qscc:" + function, e, true);
                    }
                },
                FabricLedger::unreachableBeforeOrdering);
    }

    /**
     * Whether the gRPC channel to any of the organisation's peers is connected. Asking also starts a
     * connection attempt on each, so a probe that polls sees an idle channel become ready once its
     * peer answers.
     */
    public boolean channelReady() {
        boolean any = false;
        for (Connection c : peers.connections()) {
            any |= c.channel().getState(true) == ConnectivityState.READY;
        }
        return any;
    }

    /** Each gateway peer with whether its gRPC channel is connected now, in the order they are tried. */
    public Map<String, Boolean> endpointStates() {
        Map<String, Boolean> states = new java.util.LinkedHashMap<>();
        for (Connection c : peers.connections()) {
            states.put(c.endpoint(), c.channel().getState(false) == ConnectivityState.READY);
        }
        return states;
    }

    private RuntimeException translate(Connection c, String transaction, GatewayException e, boolean beforeOrdering) {
        for (var detail : e.getDetails()) {
            Matcher m = CHAINCODE_MESSAGE.matcher(detail.getMessage());
            if (m.find()) {
                return ChaincodeRejection.parse(m.group(1));
            }
        }
        Status.Code code = e.getStatus().getCode();
        String reason = e.getStatus().getDescription();
        if (code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED) {
            return new PeerUnreachableException(
                    "ledger peer " + c.endpoint() + " did not answer " + transaction + " (" + code + ")",
                    c.endpoint(),
                    beforeOrdering,
                    e);
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
        for (Connection c : peers.connections()) {
            c.gateway().close();
            c.channel().shutdownNow();
        }
    }

    private static ManagedChannel openChannel(FabricConfig config, String endpoint) {
        try {
            ChannelCredentials tls = TlsChannelCredentials.newBuilder()
                    .trustManager(config.tlsCaCert().toFile())
                    .build();
            return Grpc.newChannelBuilder(endpoint, tls).build();
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
