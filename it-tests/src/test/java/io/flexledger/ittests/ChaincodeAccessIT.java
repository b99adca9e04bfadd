package io.flexledger.ittests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.flexledger.contract.Offers;
import java.util.stream.Collectors;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.GatewayException;
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
    private Gateways connection;

    @BeforeAll
    static void registry() {
        Market.congestionPoints();
    }

    @AfterEach
    void close() throws InterruptedException {
        if (connection != null) {
            connection.close();
        }
    }

    @Test
    void theChaincodeRefusesAnOfferSignedByTheDso() throws Exception {
        String home = Market.home("Aggregator1MSP");
        Contract contract = connect("dso", "DsoMSP", FlexStack.port(7051));

        EndorseException refused = catchThrowableOfType(
                EndorseException.class,
                () -> contract.submitTransaction(
                        Offers.CREATE_OFFER.fullName(),
                        Market.offer(Market.uniqueId("o"), home)
                                .replace("\"id\"", "\"aggregatorMsp\":\"Aggregator1MSP\",\"id\"")));

        assertThat(refused).as("the DSO's direct submission must be refused").isNotNull();
        assertThat(messages(refused)).contains("OFFER_MSP_NOT_ALLOWED");
    }

    @Test
    void theChaincodeNamesTheFieldOfAMalformedOffer() throws Exception {
        String home = Market.home("Aggregator1MSP");
        Contract contract = connect("aggregator1", "Aggregator1MSP", FlexStack.port(8051));

        EndorseException refused = catchThrowableOfType(
                EndorseException.class,
                () -> contract.submitTransaction(
                        Offers.CREATE_OFFER.fullName(),
                        Market.offer(Market.uniqueId("o"), home).replace("0.21", "-1")));

        assertThat(refused).isNotNull();
        assertThat(messages(refused)).contains("$.price");
    }

    @Test
    void anAggregatorsOwnOfferGoesThroughTheSameGateway() throws Exception {
        String home = Market.home("Aggregator1MSP");
        Contract contract = connect("aggregator1", "Aggregator1MSP", FlexStack.port(8051));
        String id = Market.uniqueId("o");

        byte[] stored = contract.submitTransaction(Offers.CREATE_OFFER.fullName(), Market.offer(id, home));

        assertThat(new String(stored, java.nio.charset.StandardCharsets.UTF_8)).contains("\"id\":\"" + id + "\"");
        assertThat(new String(
                        contract.evaluateTransaction(Offers.READ_OFFER.fullName(), id),
                        java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"aggregatorMsp\":\"Aggregator1MSP\"");
    }

    /** A gateway connection to {@code org}'s peer, signing as that organisation's User1. */
    private Contract connect(String org, String mspId, int port) throws Exception {
        connection = Gateways.connect(org, mspId, port);
        return connection.contract();
    }

    private static String messages(GatewayException e) {
        return e.getMessage() + " "
                + e.getDetails().stream().map(d -> d.getMessage()).collect(Collectors.joining(" | "));
    }
}
