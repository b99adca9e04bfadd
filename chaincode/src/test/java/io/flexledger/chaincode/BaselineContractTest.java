package io.flexledger.chaincode;

import static io.flexledger.chaincode.MarketFixture.AGG1;
import static io.flexledger.chaincode.MarketFixture.AGG2;
import static io.flexledger.chaincode.MarketFixture.COMMUNITY;
import static io.flexledger.chaincode.MarketFixture.DSO;
import static io.flexledger.chaincode.MarketFixture.SALT;
import static io.flexledger.chaincode.OfferContractTest.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.chaincode.support.Keys;
import io.flexledger.contract.ErrorCode;
import io.flexledger.domain.market.Baseline;
import io.flexledger.domain.time.MarketPeriod;
import io.flexledger.domain.units.Kilowatts;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BaselineContractTest {
    static final List<Kilowatts> VALUES = values("0.4");
    MarketFixture m;

    static List<Kilowatts> values(String kw) {
        List<Kilowatts> v = new ArrayList<>(Collections.nCopies(96, Kilowatts.of(kw)));
        v.set(70, Kilowatts.of("3.2"));
        return v;
    }

    static String hash(List<Kilowatts> values) {
        return new Baseline("home-1", MarketPeriod.of(LocalDate.of(2026, 11, 27)), values).commitmentHash(SALT);
    }

    static String commitJson(String hash) {
        return "{\"assetId\":\"home-1\",\"day\":\"2026-11-27\",\"hashHex\":\"" + hash + "\"}";
    }

    static String revealJson(List<Kilowatts> values, String salt) {
        return "{\"assetId\":\"home-1\",\"day\":\"2026-11-27\",\"salt\":\"" + salt + "\",\"kwBySlot\":["
                + values.stream().map(Kilowatts::toString).collect(Collectors.joining(",")) + "]}";
    }

    @BeforeEach
    void seed() {
        m = new MarketFixture().seeded();
    }

    String commit(String msp, String hash) {
        return m.ledger.as(msp, () -> m.baselines.commitBaseline(m.ledger.ctx, commitJson(hash)));
    }

    String reveal(String msp, String json) {
        m.ledger.transientData = Map.of("baseline", json.getBytes(StandardCharsets.UTF_8));
        try {
            return m.ledger.as(msp, () -> m.baselines.revealBaseline(m.ledger.ctx));
        } finally {
            m.ledger.transientData = Map.of();
        }
    }

    @Nested
    class CommitBaseline {
        @Test
        void theHomesAggregatorCommitsTheHashBeforeGateClosure() {
            String json = commit(AGG1, hash(VALUES));
            assertThat(json).contains("\"state\":\"COMMITTED\"", "\"hashHex\":\"" + hash(VALUES) + "\"");
            assertThat(m.ledger.lastEvent().name()).isEqualTo("BaselineCommitted");
        }

        @Test
        void onlyTheHomesAggregator() {
            assertCode(
                    m.ledger.refused(DSO, () -> m.baselines.commitBaseline(m.ledger.ctx, commitJson(hash(VALUES)))),
                    ErrorCode.BASELINE_MSP_NOT_ALLOWED);
            assertCode(
                    m.ledger.refused(AGG2, () -> m.baselines.commitBaseline(m.ledger.ctx, commitJson(hash(VALUES)))),
                    ErrorCode.ASSET_NOT_OWNED);
        }

        @Test
        void notAfterGateClosure() {
            m.ledger.now = Instant.parse("2026-11-26T23:00:00Z");
            assertCode(
                    m.ledger.refused(AGG1, () -> m.baselines.commitBaseline(m.ledger.ctx, commitJson(hash(VALUES)))),
                    ErrorCode.BASELINE_GATE_CLOSED);
        }

        @Test
        void aHashIsSha256Hex() {
            assertThat(m.ledger
                            .refused(AGG1, () -> m.baselines.commitBaseline(m.ledger.ctx, commitJson("ABC")))
                            .getMessage())
                    .startsWith("INVALID_FIELD: $.hashHex: must be 64 lower-case hex digits");
        }

        @Test
        void aRevisedPrognosisReplacesTheCommitmentUntilItIsRevealed() {
            commit(AGG1, hash(VALUES));
            commit(AGG1, hash(values("0.5")));
            assertThat(m.ledger.get(Keys.BASELINE, "2026-11-27", "home-1")).contains(hash(values("0.5")));
            reveal(AGG1, revealJson(values("0.5"), SALT));
            assertCode(
                    m.ledger.refused(AGG1, () -> m.baselines.commitBaseline(m.ledger.ctx, commitJson(hash(VALUES)))),
                    ErrorCode.BASELINE_ALREADY_REVEALED);
        }
    }

    @Nested
    class RevealBaseline {
        @BeforeEach
        void committed() {
            commit(AGG1, hash(VALUES));
            m.ledger.now = Instant.parse("2026-11-28T09:00:00Z"); // after the day, for settlement
        }

        @Test
        void aMatchingRevealStoresTheValuesPrivately() {
            String json = reveal(AGG1, revealJson(VALUES, SALT));
            assertThat(json).contains("\"state\":\"REVEALED\"", "\"revealedAt\":\"2026-11-28T09:00:00Z\"");
            assertThat(json).doesNotContain("3.200");
            String key = m.ledger
                    .stub
                    .createCompositeKey(Keys.BASELINE, "2026-11-27", "home-1")
                    .toString();
            assertThat(new String(
                            m.ledger.privateData.get("Aggregator1DsoCollection").get(key), StandardCharsets.UTF_8))
                    .contains("\"3.200\"");
            assertThat(m.ledger.lastEvent().payload()).doesNotContain("3.200");
        }

        @Test
        void aRevealThatDoesNotMatchIsRefused() {
            assertCode(
                    m.ledger.refused(AGG1, () -> reveal(AGG1, revealJson(values("0.41"), SALT))),
                    ErrorCode.BASELINE_HASH_MISMATCH);
            assertCode(
                    m.ledger.refused(AGG1, () -> reveal(AGG1, revealJson(VALUES, SALT.replace('0', '9')))),
                    ErrorCode.BASELINE_HASH_MISMATCH);
            assertThat(m.ledger.get(Keys.BASELINE, "2026-11-27", "home-1")).contains("COMMITTED");
        }

        @Test
        void onlyOnceAndOnlyByTheCommitter() {
            assertCode(
                    m.ledger.refused(AGG2, () -> reveal(AGG2, revealJson(VALUES, SALT))),
                    ErrorCode.BASELINE_MSP_NOT_ALLOWED);
            assertCode(
                    m.ledger.refused(DSO, () -> reveal(DSO, revealJson(VALUES, SALT))),
                    ErrorCode.BASELINE_MSP_NOT_ALLOWED);
            reveal(AGG1, revealJson(VALUES, SALT));
            assertCode(
                    m.ledger.refused(AGG1, () -> reveal(AGG1, revealJson(VALUES, SALT))),
                    ErrorCode.BASELINE_ALREADY_REVEALED);
        }

        @Test
        void theRevealMustBeWellFormedAndPresent() {
            assertCode(
                    m.ledger.refused(AGG1, () -> m.baselines.revealBaseline(m.ledger.ctx)),
                    ErrorCode.PRIVATE_DATA_INVALID);
            assertThat(m.ledger
                            .refused(AGG1, () -> reveal(AGG1, revealJson(VALUES.subList(0, 95), SALT)))
                            .getMessage())
                    .startsWith("INVALID_FIELD: $.kwBySlot: must have 96 entries");
            assertCode(
                    m.ledger.refused(
                            AGG1, () -> reveal(AGG1, revealJson(VALUES, SALT).replace("2026-11-27", "2026-11-29"))),
                    ErrorCode.BASELINE_NOT_FOUND);
        }
    }

    @Nested
    class ReadBaselineValues {
        @Test
        void onlyTheAggregatorAndTheDsoReadRevealedValues() {
            commit(AGG1, hash(VALUES));
            assertCode(
                    m.ledger.refused(DSO, () -> m.baselines.readBaselineValues(m.ledger.ctx, "home-1", "2026-11-27")),
                    ErrorCode.BASELINE_NOT_FOUND);
            reveal(AGG1, revealJson(VALUES, SALT));
            assertThat(m.ledger.as(DSO, () -> m.baselines.readBaselineValues(m.ledger.ctx, "home-1", "2026-11-27")))
                    .contains("\"3.200\"");
            assertCode(
                    m.ledger.refused(
                            COMMUNITY, () -> m.baselines.readBaselineValues(m.ledger.ctx, "home-1", "2026-11-27")),
                    ErrorCode.BASELINE_MSP_NOT_ALLOWED);
        }
    }

    /**
     * The exact text of the records (public commitment, its version, the revealed day's record and the
     * private values), which the API decodes and writes back byte for byte (ledger-contract's
     * {@code BaselineRecordsTest} reads these same texts).
     */
    @Nested
    class StoredText {
        @Test
        void theCommitmentItsVersionTheRevealAndTheValuesAreWrittenAsTheCodecWrites() {
            String committed = commit(AGG1, hash(VALUES));
            String commitTx = m.ledger.lastEvent().txId();
            String expected = "{\"aggregatorMsp\":\"Aggregator1MSP\",\"assetId\":\"home-1\","
                    + "\"committedAt\":\"2026-11-26T12:00:00Z\",\"day\":\"2026-11-27\",\"hashHex\":\""
                    + hash(VALUES) + "\",\"state\":\"COMMITTED\",\"txId\":\"" + commitTx + "\",\"version\":1}";
            assertThat(committed).isEqualTo(expected);
            assertThat(m.ledger.as(
                            DSO, () -> m.baselines.listBaselineVersions(m.ledger.ctx, "home-1", "2026-11-27", 10, "")))
                    .isEqualTo("{\"bookmark\":\"\",\"records\":[" + expected + "]}");
            m.ledger.now = Instant.parse("2026-11-28T09:00:00Z");
            String revealed = reveal(AGG1, revealJson(VALUES, SALT));
            assertThat(revealed)
                    .isEqualTo("{\"aggregatorMsp\":\"Aggregator1MSP\",\"assetId\":\"home-1\","
                            + "\"committedAt\":\"2026-11-26T12:00:00Z\",\"day\":\"2026-11-27\",\"hashHex\":\""
                            + hash(VALUES) + "\",\"revealedAt\":\"2026-11-28T09:00:00Z\",\"state\":\"REVEALED\","
                            + "\"txId\":\"" + m.ledger.lastEvent().txId() + "\",\"version\":1}");
            assertThat(m.ledger.as(DSO, () -> m.baselines.readBaseline(m.ledger.ctx, "home-1", "2026-11-27")))
                    .isEqualTo(revealed);
            assertThat(m.ledger.as(DSO, () -> m.baselines.readBaselineValues(m.ledger.ctx, "home-1", "2026-11-27")))
                    .isEqualTo("{\"assetId\":\"home-1\",\"day\":\"2026-11-27\",\"kwBySlot\":["
                            + VALUES.stream().map(k -> "\"" + k + "\"").collect(Collectors.joining(","))
                            + "],\"salt\":\"" + SALT + "\"}");
        }
    }

    @Nested
    class ReadBaseline {
        @Test
        void theCommitmentIsPublic() {
            commit(AGG1, hash(VALUES));
            assertThat(m.ledger.as(COMMUNITY, () -> m.baselines.readBaseline(m.ledger.ctx, "home-1", "2026-11-27")))
                    .contains(hash(VALUES));
            assertThat(m.ledger.as(COMMUNITY, () -> m.baselines.listBaselines(m.ledger.ctx, "2026-11-27", 10, "")))
                    .contains(hash(VALUES));
            assertCode(
                    m.ledger.refused(COMMUNITY, () -> m.baselines.readBaseline(m.ledger.ctx, "home-2", "2026-11-27")),
                    ErrorCode.BASELINE_NOT_FOUND);
        }
    }
}
