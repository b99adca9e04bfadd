package io.flexledger.ittests;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.Proposal;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signer;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.gateway.ProposedTransaction;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * A direct gateway connection to one organisation's peer, signing as that organisation's User1:
 * for tests that act on the chaincode without going through marketplace-api.
 */
final class Gateways implements AutoCloseable {
    private final ManagedChannel channel;
    private final Gateway gateway;
    private final Signer signer;

    private Gateways(ManagedChannel channel, Gateway gateway, Signer signer) {
        this.channel = channel;
        this.gateway = gateway;
        this.signer = signer;
    }

    /** Connects as {@code org} ("dso", "aggregator1", ...) with MSP id {@code mspId} to its peer on {@code port}. */
    static Gateways connect(String org, String mspId, int port) throws Exception {
        Path base = FlexStack.home().resolve("crypto/peerOrganizations/" + org + ".flexledger.local");
        Path user = base.resolve("users/User1@" + org + ".flexledger.local/msp");
        ManagedChannel channel = Grpc.newChannelBuilder(
                        "127.0.0.1:" + port,
                        TlsChannelCredentials.newBuilder()
                                .trustManager(base.resolve("tlsca/tlsca." + org + ".flexledger.local-cert.pem")
                                        .toFile())
                                .build())
                .build();
        try (Reader cert =
                        Files.newBufferedReader(user.resolve("signcerts/User1@" + org + ".flexledger.local-cert.pem"));
                var keys = Files.list(user.resolve("keystore"))) {
            try (Reader key = Files.newBufferedReader(keys.findFirst().orElseThrow())) {
                Signer signer = Signers.newPrivateKeySigner(Identities.readPrivateKey(key));
                Gateway gateway = Gateway.newInstance()
                        .identity(new X509Identity(mspId, Identities.readX509Certificate(cert)))
                        .signer(signer)
                        .hash(Hash.SHA256)
                        .connection(channel)
                        .evaluateOptions(o -> o.withDeadlineAfter(10, TimeUnit.SECONDS))
                        .endorseOptions(o -> o.withDeadlineAfter(20, TimeUnit.SECONDS))
                        .submitOptions(o -> o.withDeadlineAfter(10, TimeUnit.SECONDS))
                        .commitStatusOptions(o -> o.withDeadlineAfter(60, TimeUnit.SECONDS))
                        .connect();
                return new Gateways(channel, gateway, signer);
            }
        }
    }

    Contract contract() {
        return gateway.getNetwork("flexmarket").getContract("flexledger");
    }

    /**
     * A proposal as an attacker with this organisation's identity builds it by hand: the transaction
     * with its arguments and transient fields, the proposal's timestamp set to {@code stampedAt} (the
     * client chooses it; Fabric itself does not check it), signed again with the organisation's key.
     * With {@code endorsers} non-empty, only those organisations are asked to endorse.
     */
    Proposal forged(
            String transaction,
            Instant stampedAt,
            Map<String, byte[]> transientFields,
            List<String> endorsers,
            String... args)
            throws Exception {
        Proposal.Builder builder =
                contract().newProposal(transaction).addArguments(args).putAllTransient(transientFields);
        if (!endorsers.isEmpty()) {
            builder.setEndorsingOrganizations(endorsers.toArray(String[]::new));
        }
        ProposedTransaction honest =
                ProposedTransaction.parseFrom(builder.build().getBytes());
        org.hyperledger.fabric.protos.peer.Proposal proposal = org.hyperledger.fabric.protos.peer.Proposal.parseFrom(
                honest.getProposal().getProposalBytes());
        Header header = Header.parseFrom(proposal.getHeader());
        ChannelHeader channelHeader = ChannelHeader.parseFrom(header.getChannelHeader()).toBuilder()
                .setTimestamp(Timestamp.newBuilder()
                        .setSeconds(stampedAt.getEpochSecond())
                        .setNanos(stampedAt.getNano()))
                .build();
        ByteString forgedProposal = proposal.toBuilder()
                .setHeader(header.toBuilder()
                        .setChannelHeader(channelHeader.toByteString())
                        .build()
                        .toByteString())
                .build()
                .toByteString();
        ProposedTransaction forged = honest.toBuilder()
                .setProposal(SignedProposal.newBuilder().setProposalBytes(forgedProposal))
                .build();
        byte[] signature = signer.sign(Hash.SHA256.apply(forgedProposal.toByteArray()));
        return gateway.newSignedProposal(forged.toByteArray(), signature);
    }

    @Override
    public void close() throws InterruptedException {
        gateway.close();
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
