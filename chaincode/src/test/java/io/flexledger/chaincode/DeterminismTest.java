package io.flexledger.chaincode;

import static io.flexledger.chaincode.MarketFixture.AGG1;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two endorsing peers run the same proposal and must produce byte-identical write sets; and the
 * same offer written differently by a client (key order, whitespace, number spelling) is stored
 * identically.
 */
class DeterminismTest {
    static final String COMPACT =
            "{\"id\":\"o-1\",\"congestionPointId\":\"TX1\",\"assetId\":\"home-1\",\"day\":\"2026-11-27\","
                    + "\"kwBySlot\":{\"70\":2.5,\"68\":2},\"price\":0.21,\"minActivation\":0.5}";
    static final String SPELLED_DIFFERENTLY = "{ \"minActivation\" : \"0.50\", \"price\" : 2.1e-1,\n"
            + "  \"kwBySlot\" : { \"68\" : \"2.000\", \"70\" : 25E-1 },\n"
            + "  \"day\" : \"2026-11-27\", \"assetId\" : \"home-1\", \"congestionPointId\" : \"TX1\", \"id\" : \"o-1\" }";

    static Map<String, String> endorse(String offerJson) {
        MarketFixture peer = new MarketFixture().seeded();
        peer.postOffer(AGG1, offerJson);
        return peer.ledger.snapshot();
    }

    @Test
    void twoPeersWriteTheSameBytes() {
        assertThat(endorse(COMPACT)).isEqualTo(endorse(COMPACT));
    }

    @Test
    void theSameOfferSpelledDifferentlyIsStoredIdentically() {
        Map<String, String> a = endorse(COMPACT);
        Map<String, String> b = endorse(SPELLED_DIFFERENTLY);
        assertThat(b).isEqualTo(a);
        assertThat(a.values()).anySatisfy(v -> assertThat(v).contains("\"minActivation\":\"0.5\""));
    }
}
