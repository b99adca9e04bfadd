package io.flexledger.contract.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.flexledger.contract.ErrorCode;
import io.flexledger.contract.Offers;
import io.flexledger.contract.Orders;
import io.flexledger.contract.Requests;
import io.flexledger.domain.market.FlexOffer;
import io.flexledger.domain.market.FlexOfferRevocation;
import io.flexledger.domain.market.FlexOfferState;
import io.flexledger.domain.market.FlexOrder;
import io.flexledger.domain.market.FlexOrderState;
import io.flexledger.domain.market.FlexRequest;
import io.flexledger.domain.market.FlexRequestState;
import io.flexledger.domain.units.EurosPerKwh;
import io.flexledger.domain.units.Kilowatts;
import io.flexledger.domain.validation.ValidationException;
import io.flexledger.domain.validation.Violation;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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

    /** {@code input} as the chaincode reads a transaction's argument: its text, only the contract's fields. */
    private static JsonFields asInput(Map<String, Object> input, Set<String> fields) {
        JsonFields in = JsonFields.parse(CanonicalJson.write(input), JsonReader.Limits.LEDGER, JsonFields.throwing());
        in.onlyFields(fields);
        return in;
    }

    @Test
    void anOfferInputReadsBackAsTheSameOffer() {
        FlexOffer solicited = new FlexOffer(
                "o-1",
                "Aggregator1MSP",
                "TX1",
                "home-1",
                MarketRecords.RULES.period(LocalDate.parse("2026-11-27")),
                "r-1",
                new TreeMap<>(Map.of(68, Kilowatts.of("2"), 69, Kilowatts.of("2.5"))),
                EurosPerKwh.of("0.21"),
                new BigDecimal("0.500"),
                FlexOfferState.OFFERED);
        FlexOffer unsolicited = new FlexOffer(
                "o-2",
                "Aggregator2MSP",
                "TX1",
                "home-2",
                solicited.period(),
                null,
                solicited.kwBySlot(),
                EurosPerKwh.of("0"),
                BigDecimal.ZERO,
                FlexOfferState.OFFERED);
        for (FlexOffer offer : List.of(solicited, unsolicited)) {
            // Read with another caller: the aggregator named in the input stands (the chaincode then
            // refuses an aggregator that is not the caller).
            assertThat(MarketRecords.offer(asInput(MarketRecords.offerInput(offer), Offers.OFFER_FIELDS), "Other"))
                    .isEqualTo(offer);
        }
        assertThat(CanonicalJson.write(MarketRecords.offerInput(solicited)))
                .isEqualTo("{\"aggregatorMsp\":\"Aggregator1MSP\",\"assetId\":\"home-1\",\"congestionPointId\":\"TX1\","
                        + "\"day\":\"2026-11-27\",\"id\":\"o-1\",\"kwBySlot\":{\"68\":\"2.000\",\"69\":\"2.500\"},"
                        + "\"minActivation\":\"0.5\",\"price\":\"0.21000\",\"requestId\":\"r-1\"}");
        // An unsolicited offer's input names no request (the writer leaves the null out).
        assertThat(CanonicalJson.write(MarketRecords.offerInput(unsolicited))).doesNotContain("requestId");
    }

    @Test
    void aRequestInputReadsBackAsTheSameRequest() {
        FlexRequest request = new FlexRequest(
                "r-1",
                "DsoMSP",
                "TX1",
                MarketRecords.RULES.period(LocalDate.parse("2026-11-27")),
                new TreeMap<>(Map.of(70, Kilowatts.of("35"), 71, Kilowatts.of("0.125"))),
                EurosPerKwh.of("2"),
                FlexRequestState.OPEN);
        assertThat(MarketRecords.request(asInput(MarketRecords.requestInput(request), Requests.REQUEST_FIELDS), "X"))
                .isEqualTo(request);
    }

    @Test
    void aRevocationInputReadsBackWithTheCallerAsItsAggregator() {
        FlexOfferRevocation revocation =
                new FlexOfferRevocation("o-1", "Aggregator1MSP", "the home's heat pump\tfailed\n\"now\"");
        JsonFields in = asInput(MarketRecords.revocationInput(revocation), Set.of("offerId", "reason"));
        assertThat(MarketRecords.revocation(in, "Aggregator1MSP")).isEqualTo(revocation);
        // The input names no aggregator: whoever signs the transaction is the one revoking.
        assertThat(MarketRecords.revocationInput(revocation)).doesNotContainKey("aggregatorMsp");
    }

    @Test
    void anOrderInputReadsBackWithTheCallerAsItsDso() {
        FlexOrder order = new FlexOrder("ord-1", "DsoMSP", "o-1", new BigDecimal("0.750000"), FlexOrderState.ACCEPTED);
        assertThat(MarketRecords.order(asInput(MarketRecords.orderInput(order), Orders.ORDER_FIELDS), "DsoMSP"))
                .isEqualTo(order);
        assertThat(CanonicalJson.write(MarketRecords.orderInput(order)))
                .isEqualTo("{\"activation\":\"0.75\",\"id\":\"ord-1\",\"offerId\":\"o-1\"}");
    }

    /** The canonical text of a record decoded by {@code read} from {@code json}, written by {@code write}. */
    private static <T> String again(
            String json,
            java.util.function.Function<JsonFields, T> read,
            java.util.function.Function<T, Map<String, Object>> write) {
        return CanonicalJson.write(write.apply(read.apply(MarketRecords.stored(json))));
    }

    @Test
    void aStoredOfferRecordIsWrittenBackByteForByte() {
        FlexOffer offer = MarketRecords.storedOffer(MarketRecords.stored(OFFER));
        for (FlexOffer o : List.of(
                offer,
                MarketRecords.offer(
                        MarketRecords.stored(OFFER.replace("\"id\":\"o-1\",", "\"id\":\"o-1\",\"requestId\":\"r-1\",")),
                        null))) {
            String json =
                    CanonicalJson.write(MarketRecords.offer(o, Instant.parse("2026-11-26T10:00:00.123Z"), "tx-9"));
            assertThat(again(json, MarketRecords::storedOfferRecord, MarketRecords::offer))
                    .isEqualTo(json);
        }
        MarketRecords.StoredOffer stored = MarketRecords.storedOfferRecord(MarketRecords.stored(OFFER));
        assertThat(stored.updatedAt()).isEqualTo(AT);
        assertThat(stored.txId()).isEqualTo("tx-1");
    }

    @Test
    void aStoredRequestRecordIsWrittenBackByteForByte() {
        String request = "{\"congestionPointId\":\"TX1\",\"day\":\"2026-11-27\",\"dsoMsp\":\"DsoMSP\",\"id\":\"r-1\","
                + "\"kwBySlot\":{\"70\":\"35.000\"},\"state\":\"OPEN\",\"txId\":\"tx-3\","
                + "\"unservedPenalty\":\"2.00000\",\"updatedAt\":\"2026-11-26T10:00:00Z\"}";
        FlexRequest closed =
                MarketRecords.storedRequest(MarketRecords.stored(request)).withState(FlexRequestState.CLOSED);
        String written = CanonicalJson.write(MarketRecords.request(closed, AT, "tx-4"));
        for (String json : List.of(request, written)) {
            assertThat(again(json, MarketRecords::storedRequestRecord, MarketRecords::request))
                    .isEqualTo(json);
        }
    }

    @Test
    void aStoredRevocationRecordIsWrittenBackByteForByte() {
        FlexOfferRevocation r =
                new FlexOfferRevocation("o-1", "Aggregator2MSP", "heat pump \"HP-2\"\tfailed\nat 09:00");
        String json = CanonicalJson.write(MarketRecords.revocation(r, AT, "tx-5"));
        assertThat(again(json, MarketRecords::storedRevocationRecord, MarketRecords::revocation))
                .isEqualTo(json);
        assertThat(MarketRecords.storedRevocationRecord(MarketRecords.stored(json))
                        .revocation())
                .isEqualTo(r);
    }

    @Test
    void aStoredOrderRecordIsWrittenBackByteForByteSettledOrNot() {
        FlexOffer offer = MarketRecords.storedOffer(MarketRecords.stored(OFFER));
        FlexOrder order = new FlexOrder("ord-1", "DsoMSP", "o-1", new BigDecimal("0.75"), FlexOrderState.ACCEPTED);
        String accepted = CanonicalJson.write(MarketRecords.order(order, offer, AT, "tx-2"));
        // The settlement contract writes the settled order with its settlement's id.
        Map<String, Object> settledRecord = MarketRecords.order(
                order.withState(FlexOrderState.ACTIVATED).withState(FlexOrderState.SETTLED), offer, AT, "tx-7");
        settledRecord.put("settlementId", "s-ord-1");
        String settled = CanonicalJson.write(settledRecord);
        for (String json : List.of(accepted, settled)) {
            assertThat(again(json, MarketRecords::storedOrderRecord, MarketRecords::order))
                    .isEqualTo(json);
        }
        MarketRecords.StoredOrder s = MarketRecords.storedOrderRecord(MarketRecords.stored(settled));
        assertThat(s.settlementId()).isEqualTo("s-ord-1");
        assertThat(s.day()).isEqualTo(LocalDate.parse("2026-11-27"));
        assertThat(MarketRecords.storedOrderRecord(MarketRecords.stored(accepted))
                        .settlementId())
                .isNull();
        assertThat(MarketRecords.storedOrderRecord(MarketRecords.stored(accepted))
                        .settledBy("s-ord-1")
                        .settlementId())
                .isEqualTo("s-ord-1");
    }

    @Test
    void aStoredRecordWithAFieldTheCodecDoesNotCarryIsRefusedNotDropped() {
        // A field the type cannot hold would vanish from the API's answer: it is refused instead.
        String extra = OFFER.replace("\"id\":\"o-1\",", "\"id\":\"o-1\",\"note\":\"x\",");
        InputRefusal r = catchThrowableOfType(
                InputRefusal.class, () -> MarketRecords.storedOfferRecord(MarketRecords.stored(extra)));
        assertThat(r.getMessage()).isEqualTo("$.note: is not a known field");
        String revocation = "{\"aggregatorMsp\":\"A\",\"offerId\":\"o-1\",\"reason\":\"r\",\"revokedAt\":"
                + "\"2026-11-26T10:00:00Z\",\"txId\":\"t\",\"state\":\"REVOKED\"}";
        assertThat(catchThrowableOfType(
                                InputRefusal.class,
                                () -> MarketRecords.storedRevocationRecord(MarketRecords.stored(revocation)))
                        .getMessage())
                .isEqualTo("$.state: is not a known field");
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
