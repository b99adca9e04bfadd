package io.flexledger.tools.bench;

import io.flexledger.contract.ErrorCode;
import io.flexledger.contract.Offers;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;

/**
 * The baseline: CreateOffer submitted straight through the Fabric Gateway as an aggregator's
 * marketplace-api submits it (its organisation's User1 identity and peer, the DSO and the aggregator as
 * endorsers, the idempotency key as transient field {@code idempotencyKey}, the same deadlines), with no
 * HTTP, no token and no JSON checks in between.
 */
final class GatewayOffers implements AutoCloseable {
    static final String DSO_MSP = "DsoMSP";

    private final String mspId;
    private final ManagedChannel channel;
    private final Gateway gateway;
    private final Contract contract;

    /**
     * @param crypto the stack's crypto folder ({@code FLEX_HOME/crypto})
     * @param orgKey the organisation's key, e.g. {@code aggregator1}
     * @param mspId its MSP id, e.g. {@code Aggregator1MSP}
     * @param peerEndpoint its peer, e.g. {@code 127.0.0.1:8051}
     */
    GatewayOffers(Path crypto, String orgKey, String mspId, String peerEndpoint) {
        this.mspId = mspId;
        Path org = crypto.resolve("peerOrganizations/" + orgKey + ".flexledger.local");
        Path user = org.resolve("users/User1@" + orgKey + ".flexledger.local/msp");
        try {
            ChannelCredentials tls = TlsChannelCredentials.newBuilder()
                    .trustManager(org.resolve("tlsca/tlsca." + orgKey + ".flexledger.local-cert.pem")
                            .toFile())
                    .build();
            this.channel = Grpc.newChannelBuilder(peerEndpoint, tls).build();
            Path cert = user.resolve("signcerts/User1@" + orgKey + ".flexledger.local-cert.pem");
            X509Identity identity;
            try (Reader r = Files.newBufferedReader(cert)) {
                identity = new X509Identity(mspId, Identities.readX509Certificate(r));
            }
            PrivateKey key;
            try (Stream<Path> keys = Files.list(user.resolve("keystore"));
                    Reader r = Files.newBufferedReader(keys.findFirst().orElseThrow())) {
                key = Identities.readPrivateKey(r);
            }
            this.gateway = Gateway.newInstance()
                    .identity(identity)
                    .signer(Signers.newPrivateKeySigner(key))
                    .hash(Hash.SHA256)
                    .connection(channel)
                    .evaluateOptions(o -> o.withDeadlineAfter(5, TimeUnit.SECONDS))
                    .endorseOptions(o -> o.withDeadlineAfter(15, TimeUnit.SECONDS))
                    .submitOptions(o -> o.withDeadlineAfter(5, TimeUnit.SECONDS))
                    .commitStatusOptions(o -> o.withDeadlineAfter(30, TimeUnit.SECONDS))
                    .connect();
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(
                    "cannot read " + orgKey + "'s User1 identity under " + crypto + ": " + e, e);
        }
        this.contract = gateway.getNetwork("flexmarket").getContract("flexledger");
    }

    String mspId() {
        return mspId;
    }

    /**
     * Submits {@code offerJson} (with its {@code aggregatorMsp}) under {@code key} and waits for its
     * commit; sends it again under the same key when the peer was unavailable, the deadline passed or
     * a concurrent duplicate won, as the API does. A replayed key counts as committed.
     */
    Load.Outcome create(String offerJson, String key, long deadlineMillis) {
        long end = System.currentTimeMillis() + deadlineMillis;
        int retries = 0;
        long backoff = 500;
        while (true) {
            String error;
            try {
                var proposal = contract.newProposal(Offers.CREATE_OFFER.fullName())
                        .addArguments(offerJson)
                        .putAllTransient(Map.of("idempotencyKey", key.getBytes(StandardCharsets.UTF_8)))
                        .setEndorsingOrganizations(DSO_MSP, mspId)
                        .build();
                SubmittedTransaction tx = proposal.endorse().submitAsync();
                Status status = tx.getStatus();
                if (status.isSuccessful()) {
                    return new Load.Outcome(true, retries, null);
                }
                error = "not committed: " + status.getCode();
            } catch (GatewayException e) {
                String details = e.getMessage() + " " + detailsOf(e);
                if (details.contains(ErrorCode.IDEMPOTENCY_KEY_REPLAYED.name())) {
                    return new Load.Outcome(true, retries, null);
                }
                io.grpc.Status.Code code = e.getStatus().getCode();
                if (code != io.grpc.Status.Code.UNAVAILABLE && code != io.grpc.Status.Code.DEADLINE_EXCEEDED) {
                    return new Load.Outcome(false, retries, details);
                }
                error = details;
            }
            if (System.currentTimeMillis() + backoff > end) {
                return new Load.Outcome(false, retries, error);
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Load.Outcome(false, retries, "interrupted");
            }
            backoff = Math.min(backoff * 2, 8000);
            retries++;
        }
    }

    private static String detailsOf(GatewayException e) {
        List<String> d = e.getDetails().stream()
                .map(x -> x.getMspId() + ": " + x.getMessage())
                .toList();
        return String.join("; ", d);
    }

    @Override
    public void close() {
        gateway.close();
        channel.shutdownNow();
    }
}
