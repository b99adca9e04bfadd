package io.flexledger.contract.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.flexledger.contract.ErrorCode;
import io.flexledger.domain.market.FlexOffer;
import io.flexledger.domain.market.FlexOfferState;
import io.flexledger.domain.market.FlexOrder;
import io.flexledger.domain.market.FlexRequest;
import io.flexledger.domain.validation.ValidationException;
import io.flexledger.domain.validation.Violation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarketRecordsTest {
    static final Instant AT = Instant.parse("2026-11-26T10:00:00Z");
    static final String OFFER =
            "{\"aggregatorMsp\":\"Aggregator1MSP\",\"assetId\":\"home-1\",\"congestionPointId\":\"TX1\","
                    + "\"day\":\"2026-11-27\",\"id\":\"o-1\",\"kwBySlot\":{\"68\":\"2.000\",\"69\":\"2.500\"},"
                    + "\"minActivation\":\"0.5\",\"price\":\"0.21000\",\"state\":\"ORDERED\",\"txId\":\"tx-1\","
                    + "\"updatedAt\":\"2026-11-26T10:00:00Z\"}";

    @Test
    void aStoredOfferReadsBackToTheSameBytes() {
        FlexOffer offer = MarketRecords.storedOffer(MarketRecords.stored(OFFER));
        assertThat(offer.state()).isEqualTo(FlexOfferState.ORDERED);
        assertThat(CanonicalJson.write(MarketRecords.offer(offer, AT, "tx-1"))).isEqualTo(OFFER);
    }

    @Test
    void aStoredOrderAndRequestReadBackToTheSameBytes() {
        FlexOffer offer = MarketRecords.storedOffer(MarketRecords.stored(OFFER));
        String order = "{\"activation\":\"0.75\",\"aggregatorMsp\":\"Aggregator1MSP\",\"assetId\":\"home-1\","
                + "\"congestionPointId\":\"TX1\",\"cost\":\"0.7088\",\"day\":\"2026-11-27\",\"dsoMsp\":\"DsoMSP\","
                + "\"id\":\"ord-1\",\"kwBySlot\":{\"68\":\"1.500\",\"69\":\"1.875\"},\"offerId\":\"o-1\","
                + "\"state\":\"ACCEPTED\",\"txId\":\"tx-2\",\"updatedAt\":\"2026-11-26T10:00:00Z\"}";
        FlexOrder o = MarketRecords.storedOrder(MarketRecords.stored(order));
        String written = CanonicalJson.write(MarketRecords.order(o, offer, AT, "tx-2"));
        assertThat(MarketRecords.storedOrder(MarketRecords.stored(written))).isEqualTo(o);
        assertThat(written).contains("\"activation\":\"0.75\"", "\"dsoMsp\":\"DsoMSP\"", "\"kwBySlot\":{\"68\":");

        String request = "{\"congestionPointId\":\"TX1\",\"day\":\"2026-11-27\",\"dsoMsp\":\"DsoMSP\",\"id\":\"r-1\","
                + "\"kwBySlot\":{\"70\":\"35.000\"},\"state\":\"OPEN\",\"txId\":\"tx-3\","
                + "\"unservedPenalty\":\"2.00000\",\"updatedAt\":\"2026-11-26T10:00:00Z\"}";
        FlexRequest r = MarketRecords.storedRequest(MarketRecords.stored(request));
        assertThat(CanonicalJson.write(MarketRecords.request(r, AT, "tx-3"))).isEqualTo(request);
    }

    @Test
    void aStoredRecordWithTwoStatesIsRefusedNotResolved() {
        // A record that says ORDERED and OFFERED must not be read as whichever copy a reader keeps.
        String twoStates = OFFER.replace("\"state\":\"ORDERED\"", "\"state\":\"ORDERED\",\"state\":\"OFFERED\"");
        InputRefusal r = catchThrowableOfType(InputRefusal.class, () -> MarketRecords.stored(twoStates));
        assertThat(r.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
        assertThat(r.getMessage()).isEqualTo("$.state: duplicate key");
    }

    @Test
    void everyFieldAtFaultIsNamedWhenCollected() {
        List<Violation> found = new ArrayList<>();
        JsonFields in = JsonFields.parse(
                "{\"id\":\"o-1\",\"assetId\":7,\"day\":\"2026-02-30\",\"kwBySlot\":{\"68\":\"1e3\"},\"price\":0.2,"
                        + "\"minActivation\":0.5}",
                JsonReader.Limits.LEDGER,
                JsonFields.collecting(found));
        ValidationException e =
                catchThrowableOfType(ValidationException.class, () -> MarketRecords.offer(in, "Aggregator1MSP"));
        assertThat(e.violations())
                .extracting(Violation::path)
                .containsExactly("$.congestionPointId", "$.assetId", "$.day", "$.kwBySlot.68");
    }

    @Test
    void aRecordTheDomainRefusesIsNamedUnderTheObjectsPath() {
        String badState = OFFER.replace("\"minActivation\":\"0.5\"", "\"minActivation\":\"1.5\"");
        ValidationException e = catchThrowableOfType(
                ValidationException.class, () -> MarketRecords.storedOffer(MarketRecords.stored(badState)));
        assertThat(e.violations()).allSatisfy(v -> assertThat(v.path()).startsWith("$."));
    }
}
