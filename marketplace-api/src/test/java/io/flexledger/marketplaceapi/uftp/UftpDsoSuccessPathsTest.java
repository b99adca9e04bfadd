package io.flexledger.marketplaceapi.uftp;

import static io.flexledger.marketplaceapi.uftp.UftpInMemory.AGR1_KEY;
import static io.flexledger.marketplaceapi.uftp.UftpInMemory.DSO_KEY;
import static io.flexledger.marketplaceapi.uftp.UftpInMemory.json;
import static io.flexledger.marketplaceapi.uftp.UftpInMemory.post;
import static io.flexledger.marketplaceapi.uftp.UftpInMemory.signed;
import static io.flexledger.marketplaceapi.uftp.UftpInMemory.signedBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.flexledger.marketplaceapi.ledger.ChaincodeRejection;
import io.flexledger.marketplaceapi.ledger.InMemoryLedger;
import io.flexledger.marketplaceapi.ledger.InMemoryLedgerProfile;
import io.flexledger.marketplaceapi.ledger.InMemoryRegistry;
import io.flexledger.marketplaceapi.ledger.InMemorySettlements;
import io.flexledger.marketplaceapi.ledger.InMemoryUftp;
import io.flexledger.uftp.AcceptedRejected;
import io.flexledger.uftp.FlexOffer;
import io.flexledger.uftp.FlexOrder;
import io.flexledger.uftp.FlexOrderResponse;
import io.flexledger.uftp.FlexRequest;
import io.flexledger.uftp.FlexRequestResponse;
import io.flexledger.uftp.UsefRole;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The UFTP edge of the DSO's instance over the ledger in memory ({@code InMemoryUftp}): a FlexRequest
 * becomes the DSO's request with its message; a FlexOrder takes one option of Aggregator1's FlexOffer of
 * two, and an order of the other option is refused, by the edge and, for a client that bypasses it, by
 * the ledger ({@code ORDER_OPTION_TAKEN}, its MessageID left unused).
 */
@QuarkusTest
@TestProfile(InMemoryLedgerProfile.Dso.class)
class UftpDsoSuccessPathsTest {
    @Inject
    InMemoryLedger ledger;

    @Inject
    InMemoryRegistry registry;

    @Inject
    InMemorySettlements settlements;

    @Inject
    InMemoryUftp uftp;

    @BeforeEach
    void participants() {
        UftpInMemory.seed(ledger, registry, settlements, uftp);
    }

    @Test
    void aFlexRequestBecomesTheDsosOpenRequestWithItsMessage() {
        FlexRequest request = UftpMessages.request(1);

        FlexRequestResponse response = post(signed(request, UsefRole.DSO, DSO_KEY), FlexRequestResponse.class);

        assertThat(response.getResult()).isEqualTo(AcceptedRejected.ACCEPTED);
        String id = UftpMessages.id(1).toString();
        JsonNode onLedger = json(ledger.readRequest(id));
        assertThat(onLedger.path("dsoMsp").asText()).isEqualTo("DsoMSP");
        assertThat(onLedger.path("state").asText()).isEqualTo("OPEN");
        assertThat(onLedger.path("congestionPointId").asText()).isEqualTo("TX1");
        // ISPs 69 and 70 request 2.5 kW of reduction (MaxPower -2500 W); the available ISP 72 is no request.
        assertThat(onLedger.path("kwBySlot").toString())
                .contains("\"68\"")
                .contains("\"69\"")
                .doesNotContain("\"71\"");
        JsonNode message = json(uftp.readMessage(UftpMessages.DSO, id));
        assertThat(message.path("transaction").asText()).isEqualTo("CreateRequest");
        assertThat(message.path("senderMsp").asText()).isEqualTo("DsoMSP");
        assertThat(message.path("txId").asText())
                .isEqualTo(onLedger.path("txId").asText());
    }

    @Test
    void aFlexOrderTakesOneOptionOfAFlexOfferAndTheSecondOptionIsRefused() throws Exception {
        String flexOffer = aggregator1OffersTwoOptions(2);

        FlexOrder first = UftpMessages.order(10, 2).setOptionReference("home-1");
        FlexOrderResponse taken = post(signed(first, UsefRole.DSO, DSO_KEY), FlexOrderResponse.class);

        assertThat(taken.getResult()).isEqualTo(AcceptedRejected.ACCEPTED);
        JsonNode order = json(ledger.readOrder(UftpMessages.id(10).toString()));
        assertThat(order.path("offerId").asText()).isEqualTo(flexOffer + ".home-1");
        assertThat(order.path("aggregatorMsp").asText()).isEqualTo("Aggregator1MSP");
        assertThat(order.path("state").asText()).isEqualTo("ACCEPTED");
        assertThat(json(ledger.readOffer(flexOffer + ".home-1")).path("state").asText())
                .isEqualTo("ORDERED");

        FlexOrder second = UftpMessages.order(11, 2).setOptionReference("home-2");
        FlexOrderResponse refused = post(signed(second, UsefRole.DSO, DSO_KEY), FlexOrderResponse.class);
        assertThat(refused.getResult()).isEqualTo(AcceptedRejected.REJECTED);
        assertThat(refused.getRejectionReason()).contains("ordered already");
        assertThatThrownBy(() -> ledger.readOrder(UftpMessages.id(11).toString()))
                .isInstanceOf(ChaincodeRejection.class);

        // Past the edge, the ledger refuses it too, and records no message.
        FlexOrder bypass = UftpMessages.order(12, 2).setOptionReference("home-2");
        io.flexledger.domain.market.FlexOrder bypassing = order(12, flexOffer + ".home-2");
        assertThatThrownBy(
                        () -> uftp.createOrder(bypassing, UftpResource.envelope(bypass, signedBody(bypass, DSO_KEY))))
                .isInstanceOfSatisfying(
                        ChaincodeRejection.class, e -> assertThat(e.code()).isEqualTo("ORDER_OPTION_TAKEN"));
        assertThat(json(ledger.readOffer(flexOffer + ".home-2")).path("state").asText())
                .isEqualTo("OFFERED");
        assertThatThrownBy(() ->
                        uftp.readMessage(UftpMessages.DSO, UftpMessages.id(12).toString()))
                .isInstanceOf(ChaincodeRejection.class);
    }

    @Test
    void theLedgerRefusesAMessageItsCallerDoesNotSpeakFor() throws Exception {
        String flexOffer = aggregator1OffersTwoOptions(2);
        // The DSO submits an order with a FlexOrder signed as Aggregator1's domain by Aggregator1's key.
        FlexOrder forged = UftpMessages.order(13, 2).setOptionReference("home-1");
        forged.setSenderDomain(UftpMessages.AGR1).setRecipientDomain(UftpMessages.DSO);
        String forgedEnvelope = UftpResource.envelope(forged, signedBody(forged, AGR1_KEY));
        io.flexledger.domain.market.FlexOrder order = order(13, flexOffer + ".home-1");
        assertThatThrownBy(() -> uftp.createOrder(order, forgedEnvelope))
                .isInstanceOfSatisfying(
                        ChaincodeRejection.class, e -> assertThat(e.code()).isEqualTo("UFTP_SENDER_NOT_CALLER"));
        // The DSO's own domain, signed by another key.
        FlexOrder badKey = UftpMessages.order(14, 2).setOptionReference("home-1");
        io.flexledger.domain.market.FlexOrder badKeyOrder = order(14, flexOffer + ".home-1");
        assertThatThrownBy(() ->
                        uftp.createOrder(badKeyOrder, UftpResource.envelope(badKey, signedBody(badKey, AGR1_KEY))))
                .isInstanceOfSatisfying(
                        ChaincodeRejection.class, e -> assertThat(e.code()).isEqualTo("UFTP_SIGNATURE_INVALID"));
        assertThat(json(ledger.readOffer(flexOffer + ".home-1")).path("state").asText())
                .isEqualTo("OFFERED");
    }

    /**
     * Aggregator1's edge posts FlexOffer {@code id} of two options (homes home-1 and home-2) as its
     * mapping makes it; answers the FlexOffer's MessageID.
     */
    private String aggregator1OffersTwoOptions(int id) throws Exception {
        FlexOffer offer = UftpInMemory.offer(id, "home-1", "home-2");
        UftpMapping.LedgerCall call = UftpMapping.map(offer, UsefRole.AGR, "Aggregator1MSP", "2", "00");
        uftp.as("Aggregator1MSP")
                .createOffers(
                        ((UftpMapping.CreateOffers) call).options(),
                        UftpResource.envelope(offer, signedBody(offer, AGR1_KEY)));
        return UftpMessages.id(id).toString();
    }

    /** The DSO's order {@code id} of {@code offerId}, in full. */
    private static io.flexledger.domain.market.FlexOrder order(int id, String offerId) {
        return new io.flexledger.domain.market.FlexOrder(
                UftpMessages.id(id).toString(),
                "DsoMSP",
                offerId,
                java.math.BigDecimal.ONE,
                io.flexledger.domain.market.FlexOrderState.ACCEPTED);
    }
}
