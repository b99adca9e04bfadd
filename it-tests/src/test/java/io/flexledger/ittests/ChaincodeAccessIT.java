package io.flexledger.ittests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The chaincode enforces its rules itself: these tests bypass marketplace-api and call the
 * chaincode through a peer's gateway with an organisation's own Fabric identity.
 */
@ExtendWith(FlexStack.class)
class ChaincodeAccessIT {
    private ManagedChannel channel;
    private Gateway gateway;

    @BeforeAll
    static void registry() {
        Market.congestionPoints();
    }

    @AfterEach
    void close() throws InterruptedException {
        if (gateway != null) {
            gateway.close();
        }
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void theChaincodeRefusesAnOfferSignedByTheDso() throws Exception {
        String home = Market.home("Aggregator1MSP");
        Contract contract = connect("dso", "DsoMSP", 7051);

        EndorseException refused = catchThrowableOfType(
                EndorseException.class,
                () -> contract.submitTransaction(
                        "CreateOffer",
                        Market.offer(Market.uniqueId("o"), home)
                                .replace("\"id\"", "\"aggregatorMsp\":\"Aggregator1MSP\",\"id\"")));

        assertThat(refused).as("the DSO's direct submission must be refused").isNotNull();
        assertThat(messages(refused)).contains("OFFER_MSP_NOT_ALLOWED");
    }

    @Test
    void theChaincodeNamesTheFieldOfAMalformedOffer() throws Exception {
        String home = Market.home("Aggregator1MSP");
        Contract contract = connect("aggregator1", "Aggregator1MSP", 8051);

        EndorseException refused = catchThrowableOfType(
                EndorseException.class,
                () -> contract.submitTransaction(
                        "CreateOffer", Market.offer(Market.uniqueId("o"), home).replace("0.21", "-1")));

        assertThat(refused).isNotNull();
        assertThat(messages(refused)).contains("$.price");
    }

    @Test
    void anAggregatorsOwnOfferGoesThroughTheSameGateway() throws Exception {
        String home = Market.home("Aggregator1MSP");
        Contract contract = connect("aggregator1", "Aggregator1MSP", 8051);
        String id = Market.uniqueId("o");

        byte[] stored = contract.submitTransaction("CreateOffer", Market.offer(id, home));

        assertThat(new String(stored, java.nio.charset.StandardCharsets.UTF_8)).contains("\"id\":\"" + id + "\"");
        assertThat(new String(contract.evaluateTransaction("ReadOffer", id), java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"aggregatorMsp\":\"Aggregator1MSP\"");
    }

    /** A gateway connection to {@code org}'s peer, signing as that organisation's User1. */
    private Contract connect(String org, String mspId, int port) throws Exception {
        Path base = FlexStack.home().resolve("crypto/peerOrganizations/" + org + ".flexledger.local");
        Path user = base.resolve("users/User1@" + org + ".flexledger.local/msp");
        channel = Grpc.newChannelBuilder(
                        "127.0.0.1:" + port,
                        TlsChannelCredentials.newBuilder()
                                .trustManager(base.resolve("tlsca/tlsca." + org + ".flexledger.local-cert.pem")
                                        .toFile())
                                .build())
                .build();
        try (Reader cert =
                        Files.newBufferedReader(user.resolve("signcerts/User1@" + org + ".flexledger.local-cert.pem"));
                var keys = Files.list(user.resolve("keystore"))) {
            Path keyFile = keys.findFirst().orElseThrow();
            try (Reader key = Files.newBufferedReader(keyFile)) {
                gateway = Gateway.newInstance()
                        .identity(new X509Identity(mspId, Identities.readX509Certificate(cert)))
                        .signer(Signers.newPrivateKeySigner(Identities.readPrivateKey(key)))
                        .hash(Hash.SHA256)
                        .connection(channel)
                        .evaluateOptions(o -> o.withDeadlineAfter(10, TimeUnit.SECONDS))
                        .endorseOptions(o -> o.withDeadlineAfter(20, TimeUnit.SECONDS))
                        .submitOptions(o -> o.withDeadlineAfter(10, TimeUnit.SECONDS))
                        .commitStatusOptions(o -> o.withDeadlineAfter(60, TimeUnit.SECONDS))
                        .connect();
            }
        }
        return gateway.getNetwork("flexmarket").getContract("flexledger");
    }

    private static String messages(GatewayException e) {
        return e.getMessage() + " "
                + e.getDetails().stream().map(d -> d.getMessage()).collect(Collectors.joining(" | "));
    }
}
