package io.flexledger.chaincode;

import static io.flexledger.chaincode.MarketFixture.AGG1;
import static io.flexledger.chaincode.MarketFixture.AGG2;
import static io.flexledger.chaincode.MarketFixture.DSO;
import static io.flexledger.chaincode.MarketFixture.offerJson;
import static io.flexledger.chaincode.OfferContractTest.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.chaincode.codec.JsonInput;
import io.flexledger.chaincode.support.Idempotency;
import io.flexledger.chaincode.support.Keys;
import io.flexledger.contract.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class IdempotencyTest {
    MarketFixture m;
    final IdempotencyContract records = new IdempotencyContract();

    @BeforeEach
    void seed() {
        m = new MarketFixture().seeded();
    }

    static Map<String, byte[]> key(String key) {
        return Map.of(Idempotency.TRANSIENT_FIELD, key.getBytes(StandardCharsets.UTF_8));
    }

    String postOffer(String msp, String idempotencyKey, String json) {
        return m.ledger.invoke(
                msp,
                m.offers,
                "CreateOffer",
                key(idempotencyKey),
                () -> m.offers.createOffer(m.ledger.ctx, json),
                json);
    }

    ChaincodeException refusedOffer(String msp, String idempotencyKey, String json) {
        try {
            postOffer(msp, idempotencyKey, json);
        } catch (ChaincodeException e) {
            return e;
        }
        throw new AssertionError("the transaction was not refused");
    }

    JsonInput record(String msp, String key) {
        return JsonInput.parse(m.ledger.as(msp, () -> records.readRecord(m.ledger.ctx, key)));
    }

    @Nested
    class FirstSubmission {
        @Test
        void recordsTheResultAndTransactionInTheSameWriteSet() {
            String result = postOffer(AGG1, "k-1", offerJson("o-1"));
            String txId = JsonInput.parse(m.ledger.get(Keys.OFFER, "o-1")).string("txId");
            JsonInput r = record(AGG1, "k-1");
            assertThat(r.string("result")).isEqualTo(result);
            assertThat(r.string("txId")).isEqualTo(txId);
            assertThat(r.string("transaction")).isEqualTo("CreateOffer");
            assertThat(r.string("msp")).isEqualTo(AGG1);
            assertThat(r.string("requestHash")).hasSize(64);
        }

        @Test
        void withoutAKeyNothingIsRecorded() {
            m.ledger.invoke(
                    AGG1,
                    m.offers,
                    "CreateOffer",
                    Map.of(),
                    () -> m.offers.createOffer(m.ledger.ctx, offerJson("o-1")));
            assertThat(m.ledger.snapshot().keySet()).noneMatch(k -> k.contains(Keys.IDEMPOTENCY));
        }

        @Test
        void aRefusedTransactionDoesNotUseUpItsKey() {
            String unknownAsset = offerJson("o-1", "home-9", "TX1", "{\"68\":1}");
            assertCode(refusedOffer(AGG1, "k-1", unknownAsset), ErrorCode.OFFER_ASSET_NOT_REGISTERED);
            assertCode(
                    m.ledger.refused(AGG1, () -> records.readRecord(m.ledger.ctx, "k-1")),
                    ErrorCode.IDEMPOTENCY_RECORD_NOT_FOUND);
            postOffer(AGG1, "k-1", offerJson("o-1"));
            assertThat(m.ledger.get(Keys.OFFER, "o-1")).isNotNull();
        }

        @Test
        void refusesAKeyThatIsNotPrintableOrTooLong() {
            for (String bad : new String[] {"", "a b", "k/1", "x".repeat(129), "ключ"}) {
                var before = m.ledger.snapshot();
                assertCode(refusedOffer(AGG1, bad, offerJson("o-1")), ErrorCode.IDEMPOTENCY_KEY_INVALID);
                assertThat(m.ledger.snapshot()).isEqualTo(before);
            }
        }
    }

    @Nested
    class Retry {
        @Test
        void theSameRequestIsRefusedAsAReplayAndChangesNothing() {
            String first = postOffer(AGG1, "k-1", offerJson("o-1"));
            var before = m.ledger.snapshot();
            int events = m.ledger.events.size();
            ChaincodeException e = refusedOffer(AGG1, "k-1", offerJson("o-1"));
            assertCode(e, ErrorCode.IDEMPOTENCY_KEY_REPLAYED);
            assertThat(e.getMessage()).contains(record(AGG1, "k-1").string("txId"));
            assertThat(m.ledger.snapshot()).isEqualTo(before);
            assertThat(m.ledger.events).hasSize(events);
            assertThat(record(AGG1, "k-1").string("result")).isEqualTo(first);
        }

        @Test
        void aDifferentRequestUnderAUsedKeyIsRefused() {
            postOffer(AGG1, "k-1", offerJson("o-1"));
            var before = m.ledger.snapshot();
            assertCode(refusedOffer(AGG1, "k-1", offerJson("o-2")), ErrorCode.IDEMPOTENCY_KEY_REUSED);
            assertThat(m.ledger.snapshot()).isEqualTo(before);
            assertThat(m.ledger.get(Keys.OFFER, "o-2")).isNull();
        }

        @Test
        void theSameBodyUnderAnotherTransactionNameIsADifferentRequest() {
            String json = offerJson("o-1");
            postOffer(AGG1, "k-1", json);
            ChaincodeException e = null;
            try {
                m.ledger.invoke(
                        AGG1,
                        m.offers,
                        "offers:CreateOffer",
                        key("k-1"),
                        () -> m.offers.createOffer(m.ledger.ctx, json),
                        json);
            } catch (ChaincodeException refused) {
                e = refused;
            }
            assertThat(e).isNotNull();
            assertCode(e, ErrorCode.IDEMPOTENCY_KEY_REUSED);
        }

        @Test
        void privateTransientFieldsArePartOfTheRequest() {
            String asset = "{\"id\":\"home-7\",\"congestionPointId\":\"TX1-F1\"}";
            Map<String, byte[]> first = Map.of(
                    "home",
                    MarketFixture.home("home-7").getBytes(StandardCharsets.UTF_8),
                    Idempotency.TRANSIENT_FIELD,
                    "k-a".getBytes(StandardCharsets.UTF_8));
            m.ledger.invoke(
                    AGG1, m.registry, "registry:RegisterAsset", first, () -> registerAsset(asset, first), asset);
            Map<String, byte[]> otherHome = Map.of(
                    "home",
                    MarketFixture.home("home-7").replace("High St", "Low St").getBytes(StandardCharsets.UTF_8),
                    Idempotency.TRANSIENT_FIELD,
                    "k-a".getBytes(StandardCharsets.UTF_8));
            try {
                m.ledger.invoke(
                        AGG1,
                        m.registry,
                        "registry:RegisterAsset",
                        otherHome,
                        () -> registerAsset(asset, otherHome),
                        asset);
                throw new AssertionError("the transaction was not refused");
            } catch (ChaincodeException e) {
                assertCode(e, ErrorCode.IDEMPOTENCY_KEY_REUSED);
            }
        }

        private String registerAsset(String asset, Map<String, byte[]> transientFields) {
            return m.registry.registerAsset(m.ledger.ctx, asset);
        }
    }

    @Nested
    class PerOrganisation {
        @Test
        void eachOrganisationHasItsOwnKeys() {
            postOffer(AGG1, "k-1", offerJson("o-1"));
            postOffer(AGG2, "k-1", offerJson("o-2", "home-2", "TX1", "{\"68\":1}"));
            assertThat(record(AGG1, "k-1").string("result")).contains("\"id\":\"o-1\"");
            assertThat(record(AGG2, "k-1").string("result")).contains("\"id\":\"o-2\"");
        }

        @Test
        void anotherOrganisationCannotReadARecord() {
            postOffer(AGG1, "k-1", offerJson("o-1"));
            assertCode(
                    m.ledger.refused(DSO, () -> records.readRecord(m.ledger.ctx, "k-1")),
                    ErrorCode.IDEMPOTENCY_RECORD_NOT_FOUND);
        }
    }

    @Test
    void theRequestHashIsDeterministicAndSensitiveToEveryPart() {
        m.ledger.function = "CreateOffer";
        m.ledger.parameters = java.util.List.of("a");
        m.ledger.transientData = key("k-1");
        String h = Idempotency.requestHash(m.ledger.stub);
        assertThat(Idempotency.requestHash(m.ledger.stub)).isEqualTo(h);
        m.ledger.transientData = key("k-2");
        assertThat(Idempotency.requestHash(m.ledger.stub))
                .as("the key is not part of the request")
                .isEqualTo(h);
        m.ledger.parameters = java.util.List.of("a", "");
        assertThat(Idempotency.requestHash(m.ledger.stub)).isNotEqualTo(h);
        m.ledger.parameters = java.util.List.of("b");
        assertThat(Idempotency.requestHash(m.ledger.stub)).isNotEqualTo(h);
        m.ledger.parameters = java.util.List.of("a");
        m.ledger.function = "CreateOrder";
        assertThat(Idempotency.requestHash(m.ledger.stub)).isNotEqualTo(h);
    }
}
