package io.flexledger.ittests;

import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;

/**
 * A direct gateway connection to one organisation's peer, signing as that organisation's User1:
 * for tests that act on the chaincode without going through marketplace-api.
 */
final class Gateways implements AutoCloseable {
    private final ManagedChannel channel;
    private final Gateway gateway;

    private Gateways(ManagedChannel channel, Gateway gateway) {
        this.channel = channel;
        this.gateway = gateway;
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
                Gateway gateway = Gateway.newInstance()
                        .identity(new X509Identity(mspId, Identities.readX509Certificate(cert)))
                        .signer(Signers.newPrivateKeySigner(Identities.readPrivateKey(key)))
                        .hash(Hash.SHA256)
                        .connection(channel)
                        .evaluateOptions(o -> o.withDeadlineAfter(10, TimeUnit.SECONDS))
                        .endorseOptions(o -> o.withDeadlineAfter(20, TimeUnit.SECONDS))
                        .submitOptions(o -> o.withDeadlineAfter(10, TimeUnit.SECONDS))
                        .commitStatusOptions(o -> o.withDeadlineAfter(60, TimeUnit.SECONDS))
                        .connect();
                return new Gateways(channel, gateway);
            }
        }
    }

    Contract contract() {
        return gateway.getNetwork("flexmarket").getContract("flexledger");
    }

    @Override
    public void close() throws InterruptedException {
        gateway.close();
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
