package io.flexledger.chaincode;

import static io.flexledger.chaincode.MarketFixture.AGG1;
import static io.flexledger.chaincode.MarketFixture.DSO;
import static io.flexledger.chaincode.MarketFixture.offerJson;
import static io.flexledger.chaincode.MarketFixture.requestJson;
import static io.flexledger.chaincode.OfferContractTest.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexledger.chaincode.support.Keys;
import io.flexledger.chaincode.support.PeerClock;
import io.flexledger.contract.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.hyperledger.fabric.shim.ext.sbe.impl.StateBasedEndorsementFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The time rules as an attacker meets them: the submitter chooses the proposal's timestamp, the
 * endorsing peer compares it with its own clock; and the rules that bind a counterparty make that
 * counterparty's peer endorse.
 */
class TimeRulesTest {
    MarketFixture m;

    @BeforeEach
    void seed() {
        m = new MarketFixture().seeded();
    }

    /** Runs {@code function} of {@code contract} the way the contract runtime does (clock check first). */
    String submit(String msp, ContractInterface contract, String function, Supplier<String> tx) {
        return m.ledger.invoke(msp, contract, function, Map.of(), tx);
    }

    ChaincodeException refusedSubmit(String msp, ContractInterface contract, String function, Supplier<String> tx) {
        Map<String, String> before = m.ledger.snapshot();
        try {
            submit(msp, contract, function, tx);
        } catch (ChaincodeException e) {
            assertThat(m.ledger.snapshot()).isEqualTo(before);
            return e;
        }
        throw new AssertionError("the submission was not refused");
    }

    static List<String> orgsOf(byte[] policy) {
        return StateBasedEndorsementFactory.getInstance()
                .newStateBasedEndorsement(policy)
                .listOrgs();
    }

    @Nested
    class ProposalTimestamp {
        @Test
        void aBaselineBackdatedToBeforeGateClosureIsRefusedByThePeersClock() {
            // The day is metered; the aggregator stamps a commitment with a time before gate closure.
            m.ledger.peerClockOffset = Duration.ofDays(2);
            ChaincodeException e = refusedSubmit(
                    AGG1,
                    m.baselines,
                    "baselines:CommitBaseline",
                    () -> m.baselines.commitBaseline(
                            m.ledger.ctx,
                            BaselineContractTest.commitJson(BaselineContractTest.hash(BaselineContractTest.VALUES))));
            assertCode(e, ErrorCode.PROPOSAL_TIME_OUT_OF_BOUNDS);
            assertThat(e.getMessage()).contains("172800 s behind", "tolerance 60 s");
        }

        @Test
        void aBackdatedOfferAndABackdatedRequestAreRefused() {
            m.ledger.peerClockOffset = Duration.ofMinutes(10);
            assertCode(
                    refusedSubmit(
                            AGG1,
                            m.offers,
                            "CreateOffer",
                            () -> m.offers.createOffer(m.ledger.ctx, offerJson("o-late"))),
                    ErrorCode.PROPOSAL_TIME_OUT_OF_BOUNDS);
            assertCode(
                    refusedSubmit(
                            DSO,
                            m.requests,
                            "requests:CreateRequest",
                            () -> m.requests.createRequest(m.ledger.ctx, requestJson("r-late", "TX1", "{\"70\":5}"))),
                    ErrorCode.PROPOSAL_TIME_OUT_OF_BOUNDS);
        }

        @Test
        void aBackdatedOrderIsRefused() {
            m.postOffer(AGG1, offerJson("o-1"));
            m.ledger.peerClockOffset = Duration.ofHours(30);
            assertCode(
                    refusedSubmit(
                            DSO,
                            m.orders,
                            "orders:CreateOrder",
                            () -> m.orders.createOrder(
                                    m.ledger.ctx, "{\"id\":\"ord-late\",\"offerId\":\"o-1\",\"activation\":1}")),
                    ErrorCode.PROPOSAL_TIME_OUT_OF_BOUNDS);
        }

        @Test
        void aPostdatedSubmissionIsRefusedToo() {
            m.ledger.peerClockOffset = Duration.ofSeconds(-61);
            ChaincodeException e = refusedSubmit(
                    AGG1, m.offers, "CreateOffer", () -> m.offers.createOffer(m.ledger.ctx, offerJson("o-early")));
            assertCode(e, ErrorCode.PROPOSAL_TIME_OUT_OF_BOUNDS);
            assertThat(e.getMessage()).contains("61 s ahead of");
        }

        @Test
        void aClockDifferenceWithinTheToleranceIsAccepted() {
            m.ledger.peerClockOffset = Duration.ofSeconds(59);
            String json =
                    submit(AGG1, m.offers, "CreateOffer", () -> m.offers.createOffer(m.ledger.ctx, offerJson("o-ok")));
            assertThat(json).contains("\"id\":\"o-ok\"");
        }

        @Test
        void evaluationsAreNotChecked() {
            m.postOffer(AGG1, offerJson("o-1"));
            m.ledger.peerClockOffset = Duration.ofDays(10);
            String json = submit(DSO, m.offers, "offers:ReadOffer", () -> m.offers.readOffer(m.ledger.ctx, "o-1"));
            assertThat(json).contains("\"id\":\"o-1\"");
        }

        @Test
        void theToleranceIsWholeSecondsOfAtLeastOne() {
            assertThat(PeerClock.tolerance()).isEqualTo(Duration.ofSeconds(60));
            assertThatThrownBy(() -> PeerClock.toleranceFrom("0")).hasMessageContaining(">= 1, was '0'");
            assertThatThrownBy(() -> PeerClock.toleranceFrom("1m")).hasMessageContaining("was '1m'");
            assertThat(PeerClock.toleranceFrom(" 90 ")).isEqualTo(Duration.ofSeconds(90));
            assertThat(PeerClock.toleranceFrom(null)).isEqualTo(Duration.ofSeconds(60));
        }
    }

    @Nested
    class Counterparties {
        @Test
        void anOfferIsCountersignedByTheDsoAndChangesNeedBothPeers() {
            m.postOffer(AGG1, offerJson("o-1"));
            String key = new CompositeKeyText(Keys.OFFER, "o-1").text();
            assertThat(orgsOf(m.ledger.validationParameters.get(key))).containsExactlyInAnyOrder(AGG1, DSO);
            String receipt = privateText("Aggregator1DsoCollection", Keys.COUNTERSIGNATURE, Keys.OFFER, "o-1");
            assertThat(receipt).contains("\"record\":[\"offer\",\"o-1\"]", "\"sha256\":\"");
        }

        @Test
        void aBaselineCommitmentIsWrittenOnceAndACorrectionIsANewVersion() {
            String first = BaselineContractTest.hash(BaselineContractTest.VALUES);
            String second = BaselineContractTest.hash(BaselineContractTest.values("0.5"));
            m.ledger.as(AGG1, () -> m.baselines.commitBaseline(m.ledger.ctx, BaselineContractTest.commitJson(first)));
            m.ledger.now = m.ledger.now.plusSeconds(600);
            String head = m.ledger.as(
                    AGG1, () -> m.baselines.commitBaseline(m.ledger.ctx, BaselineContractTest.commitJson(second)));
            assertThat(head).contains("\"version\":2", second);
            String v1 = m.ledger.get(Keys.BASELINE_VERSION, MarketFixture.DAY, "home-1", Keys.version(1));
            String v2 = m.ledger.get(Keys.BASELINE_VERSION, MarketFixture.DAY, "home-1", Keys.version(2));
            assertThat(v1).contains("\"version\":1", first, "\"committedAt\":\"2026-11-26T12:00:00Z\"");
            assertThat(v2).isEqualTo(head);
            String versions = m.ledger.as(
                    DSO, () -> m.baselines.listBaselineVersions(m.ledger.ctx, "home-1", MarketFixture.DAY, 10, ""));
            assertThat(versions.indexOf(first))
                    .isLessThan(versions.indexOf(second))
                    .isPositive();
            for (String k : List.of(
                    new CompositeKeyText(Keys.BASELINE, MarketFixture.DAY, "home-1").text(),
                    new CompositeKeyText(Keys.BASELINE_VERSION, MarketFixture.DAY, "home-1", Keys.version(1)).text())) {
                assertThat(orgsOf(m.ledger.validationParameters.get(k))).containsExactlyInAnyOrder(AGG1, DSO);
            }
            assertThat(privateText(
                            "Aggregator1DsoCollection",
                            Keys.COUNTERSIGNATURE,
                            Keys.BASELINE_VERSION,
                            MarketFixture.DAY,
                            "home-1",
                            Keys.version(2)))
                    .contains("\"txId\":\"");
        }

        @Test
        void theRevealedVersionIsTheLastOne() {
            String first = BaselineContractTest.hash(BaselineContractTest.values("0.5"));
            m.ledger.as(AGG1, () -> m.baselines.commitBaseline(m.ledger.ctx, BaselineContractTest.commitJson(first)));
            m.ledger.as(
                    AGG1,
                    () -> m.baselines.commitBaseline(
                            m.ledger.ctx,
                            BaselineContractTest.commitJson(BaselineContractTest.hash(BaselineContractTest.VALUES))));
            m.ledger.transientData = Map.of(
                    "baseline",
                    BaselineContractTest.revealJson(BaselineContractTest.values("0.5"), MarketFixture.SALT)
                            .getBytes(StandardCharsets.UTF_8));
            try {
                assertCode(
                        m.ledger.refused(AGG1, () -> m.baselines.revealBaseline(m.ledger.ctx)),
                        ErrorCode.BASELINE_HASH_MISMATCH);
            } finally {
                m.ledger.transientData = Map.of();
            }
        }
    }

    String privateText(String collection, String type, String... attributes) {
        byte[] v = m.ledger.privateData.get(collection).get(new CompositeKeyText(type, attributes).text());
        assertThat(v).as("private record %s %s", type, List.of(attributes)).isNotNull();
        return new String(v, StandardCharsets.UTF_8);
    }

    /** A composite key's text as the shim writes it. */
    record CompositeKeyText(String type, String... attributes) {
        String text() {
            return new org.hyperledger.fabric.shim.ledger.CompositeKey(type, attributes).toString();
        }
    }
}
