package io.flexledger.marketplaceapi.uftp;

import static io.flexledger.marketplaceapi.uftp.UftpInMemory.AGR1_KEY;
import static io.flexledger.marketplaceapi.uftp.UftpInMemory.json;
import static io.flexledger.marketplaceapi.uftp.UftpInMemory.post;
import static io.flexledger.marketplaceapi.uftp.UftpInMemory.signed;
import static io.flexledger.marketplaceapi.uftp.UftpInMemory.signedBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.flexledger.contract.codec.MarketRecords;
import io.flexledger.domain.market.Baseline;
import io.flexledger.domain.market.BaselineCommitment;
import io.flexledger.domain.market.BaselineState;
import io.flexledger.domain.time.MarketPeriod;
import io.flexledger.domain.time.MarketRules;
import io.flexledger.domain.units.Kilowatts;
import io.flexledger.marketplaceapi.ledger.ChaincodeRejection;
import io.flexledger.marketplaceapi.ledger.InMemoryLedger;
import io.flexledger.marketplaceapi.ledger.InMemoryLedgerProfile;
import io.flexledger.marketplaceapi.ledger.InMemoryRegistry;
import io.flexledger.marketplaceapi.ledger.InMemorySettlements;
import io.flexledger.marketplaceapi.ledger.InMemoryUftp;
import io.flexledger.uftp.AcceptedRejected;
import io.flexledger.uftp.DPrognosis;
import io.flexledger.uftp.DPrognosisResponse;
import io.flexledger.uftp.FlexOffer;
import io.flexledger.uftp.FlexOfferResponse;
import io.flexledger.uftp.FlexOfferRevocationResponse;
import io.flexledger.uftp.UsefRole;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The UFTP edge of Aggregator1's instance over the ledger in memory ({@code InMemoryUftp}): a FlexOffer
 * of several options becomes one offer per option with its message, all revoked by a FlexOfferRevocation;
 * a D-Prognosis becomes its home's baseline (one home) or is recorded as the sum of the homes' revealed
 * baselines (several), and one that is not the sum is refused, at the edge and by the ledger.
 */
@QuarkusTest
@TestProfile(InMemoryLedgerProfile.class)
class UftpAggregatorSuccessPathsTest {
    /** A day whose gate is open. */
    private static final LocalDate DAY = LocalDate.now(ZoneOffset.UTC).plusDays(3);

    private static final String SALT = "0a".repeat(16);

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
        UftpInMemory.home(registry, "Aggregator1MSP", "home-1", "TX1");
    }

    @Test
    void aFlexOfferOfTwoOptionsIsOneOfferPerOptionRecordedWithItsMessageOnce() {
        FlexOffer offer = UftpInMemory.offer(2, "home-1", "home-2");
        byte[] body = signed(offer, UsefRole.AGR, AGR1_KEY);

        FlexOfferResponse response = post(body, FlexOfferResponse.class);

        assertThat(response.getResult()).isEqualTo(AcceptedRejected.ACCEPTED);
        String id = UftpMessages.id(2).toString();
        io.flexledger.contract.codec.UftpRecords.StoredOfferOptions options = uftp.readOfferOptions(id);
        assertThat(options.offerIds()).containsExactly(id + ".home-1", id + ".home-2");
        assertThat(options.aggregatorMsp()).isEqualTo("Aggregator1MSP");
        JsonNode first = json(ledger.readOffer(id + ".home-1"));
        assertThat(first.path("state").asText()).isEqualTo("OFFERED");
        assertThat(first.path("aggregatorMsp").asText()).isEqualTo("Aggregator1MSP");
        assertThat(first.path("minActivation").asText()).isEqualTo("0.5");
        assertThat(json(ledger.readOffer(id + ".home-2")).path("assetId").asText())
                .isEqualTo("home-2");
        JsonNode message = json(uftp.readMessage(UftpMessages.AGR1, id));
        assertThat(message.path("transaction").asText()).isEqualTo("CreateOffers");
        assertThat(message.path("messageType").asText()).isEqualTo("FlexOffer");
        assertThat(message.path("txId").asText()).isEqualTo(options.txId());

        FlexOfferResponse again = post(body, FlexOfferResponse.class);
        assertThat(again.getResult()).isEqualTo(AcceptedRejected.REJECTED);
        assertThat(again.getRejectionReason()).contains("UFTP_MESSAGE_REPLAYED");
    }

    @Test
    void aFlexOfferRevocationRevokesEveryOptionOfTheFlexOffer() {
        post(signed(UftpInMemory.offer(2, "home-1", "home-2"), UsefRole.AGR, AGR1_KEY), FlexOfferResponse.class);

        FlexOfferRevocationResponse response =
                post(signed(UftpMessages.revocation(3, 2), UsefRole.AGR, AGR1_KEY), FlexOfferRevocationResponse.class);

        assertThat(response.getResult()).isEqualTo(AcceptedRejected.ACCEPTED);
        String id = UftpMessages.id(2).toString();
        assertThat(json(ledger.readOffer(id + ".home-1")).path("state").asText())
                .isEqualTo("REVOKED");
        assertThat(json(ledger.readOffer(id + ".home-2")).path("state").asText())
                .isEqualTo("REVOKED");
        assertThat(json(uftp.readMessage(UftpMessages.AGR1, UftpMessages.id(3).toString()))
                        .path("transaction")
                        .asText())
                .isEqualTo("RevokeOffers");
    }

    @Test
    void aDPrognosisOfTheAggregatorsOneHomeBecomesItsRevealedBaseline() {
        DPrognosis p = UftpMessages.prognosis(4, DAY, slots());

        DPrognosisResponse response = post(signed(p, UsefRole.AGR, AGR1_KEY), DPrognosisResponse.class);

        assertThat(response.getResult()).isEqualTo(AcceptedRejected.ACCEPTED);
        assertThat(settlements
                        .readBaseline("home-1", DAY.toString())
                        .commitment()
                        .state())
                .isEqualTo(BaselineState.REVEALED);
        // ISP 1 forecasts 1201 W: the baseline's first slot is 1.201 kW.
        assertThat(settlements
                        .readBaselineValues("home-1", DAY.toString())
                        .baseline()
                        .kwBySlot()
                        .get(0)
                        .value())
                .isEqualByComparingTo("1.201");
        assertThat(json(uftp.readMessage(UftpMessages.AGR1, UftpMessages.id(4).toString()))
                        .path("transaction")
                        .asText())
                .isEqualTo("CommitBaseline");
    }

    @Test
    void aDPrognosisOfTwoHomesIsRecordedOnceAsTheSumOfTheirRevealedBaselinesAndNotOtherwise() {
        UftpInMemory.home(registry, "Aggregator1MSP", "home-2", "TX1");
        // home-1 forecasts 600 W per ISP, home-2 600 + n W in ISP n: together the prognosis's 1200 + n W.
        List<Kilowatts> flat = new ArrayList<>();
        List<Kilowatts> rising = new ArrayList<>();
        for (int n = 1; n <= slots(); n++) {
            flat.add(new Kilowatts(new BigDecimal("0.600")));
            rising.add(new Kilowatts(BigDecimal.valueOf(600 + n, 3)));
        }
        reveal("home-1", flat);
        DPrognosis before = UftpMessages.prognosis(5, DAY, slots());
        DPrognosisResponse unrevealed = post(signed(before, UsefRole.AGR, AGR1_KEY), DPrognosisResponse.class);
        assertThat(unrevealed.getResult()).isEqualTo(AcceptedRejected.REJECTED);
        assertThat(unrevealed.getRejectionReason()).contains("home-2").contains("no revealed baseline");
        reveal("home-2", rising);

        DPrognosis mismatching = UftpMessages.prognosis(6, DAY, slots());
        mismatching.getIsps().get(4).setPower(mismatching.getIsps().get(4).getPower() + 1);
        DPrognosisResponse refused = post(signed(mismatching, UsefRole.AGR, AGR1_KEY), DPrognosisResponse.class);
        assertThat(refused.getResult()).isEqualTo(AcceptedRejected.REJECTED);
        assertThat(refused.getRejectionReason()).contains("ISP 5").contains("1206 W");
        // A client that bypasses the edge meets the same rule on the ledger, and its MessageID stays unused.
        io.flexledger.contract.codec.UftpRecords.PrognosisOf prognosis =
                new io.flexledger.contract.codec.UftpRecords.PrognosisOf("TX1", DAY);
        assertThatThrownBy(() -> uftp.recordPrognosis(
                        prognosis, UftpResource.envelope(mismatching, signedBody(mismatching, AGR1_KEY))))
                .isInstanceOfSatisfying(
                        ChaincodeRejection.class, e -> assertThat(e.code()).isEqualTo("PROGNOSIS_MISMATCH"));
        assertThatThrownBy(() ->
                        uftp.readMessage(UftpMessages.AGR1, UftpMessages.id(6).toString()))
                .isInstanceOf(ChaincodeRejection.class);

        DPrognosis sum = UftpMessages.prognosis(7, DAY, slots());
        DPrognosisResponse accepted = post(signed(sum, UsefRole.AGR, AGR1_KEY), DPrognosisResponse.class);
        assertThat(accepted.getResult()).isEqualTo(AcceptedRejected.ACCEPTED);
        assertThat(json(uftp.readMessage(UftpMessages.AGR1, UftpMessages.id(7).toString()))
                        .path("transaction")
                        .asText())
                .isEqualTo("RecordPrognosis");
        // The first D-Prognosis of the day is final.
        DPrognosisResponse second =
                post(signed(UftpMessages.prognosis(8, DAY, slots()), UsefRole.AGR, AGR1_KEY), DPrognosisResponse.class);
        assertThat(second.getResult()).isEqualTo(AcceptedRejected.REJECTED);
        assertThat(second.getRejectionReason()).contains("PROGNOSIS_EXISTS");
    }

    private static int slots() {
        return MarketRules.DEFAULT.period(DAY).slotCount();
    }

    /** Commits and reveals {@code home}'s baseline of {@link #DAY} as Aggregator1 does over REST. */
    private void reveal(String home, List<Kilowatts> kw) {
        MarketPeriod period = MarketRules.DEFAULT.period(DAY);
        String hash = new Baseline(home, period, kw).commitmentHash(SALT);
        var as = settlements.as("Aggregator1MSP");
        as.commitBaseline(
                "commit-" + home,
                new BaselineCommitment(
                        home, "Aggregator1MSP", period, hash, java.time.Instant.now(), BaselineState.COMMITTED));
        as.revealBaseline("reveal-" + home, new MarketRecords.Reveal(new Baseline(home, period, kw), SALT));
    }
}
