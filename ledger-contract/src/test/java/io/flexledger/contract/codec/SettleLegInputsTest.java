package io.flexledger.contract.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.domain.market.Baseline;
import io.flexledger.domain.market.BaselineCommitment;
import io.flexledger.domain.market.BaselineState;
import io.flexledger.domain.metering.MerkleTree;
import io.flexledger.domain.metering.MeterReading;
import io.flexledger.domain.metering.ReadingAnchor;
import io.flexledger.domain.metering.SignedReading;
import io.flexledger.domain.settlement.Dispute;
import io.flexledger.domain.settlement.DisputeClaim;
import io.flexledger.domain.settlement.DisputeOutcome;
import io.flexledger.domain.units.Euros;
import io.flexledger.domain.units.KilowattHours;
import io.flexledger.domain.units.Kilowatts;
import java.math.BigDecimal;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The inputs the API writes for the settle leg's transactions (baselines, anchors, settlements, disputes):
 * each read back by the reader the chaincode applies to it gives an equal value.
 */
class SettleLegInputsTest {
    static final LocalDate DAY = LocalDate.of(2026, 11, 27);

    private static JsonFields input(Object written) {
        return MarketRecords.stored(CanonicalJson.write(written));
    }

    @Test
    void aCommitmentReadsBackAsTheCallersCommitment() {
        Instant now = Instant.parse("2026-11-26T10:00:00Z");
        BaselineCommitment c = new BaselineCommitment(
                "home-1",
                "Aggregator1MSP",
                MarketRecords.RULES.period(DAY),
                "ab".repeat(32),
                now,
                BaselineState.COMMITTED);
        assertThat(MarketRecords.commitment(input(MarketRecords.commitmentInput(c)), "Aggregator1MSP", now))
                .isEqualTo(c);
    }

    @Test
    void aRevealReadsBackWithItsValuesAndSalt() {
        int slots = MarketRecords.RULES.period(DAY).slotCount();
        List<Kilowatts> kw = new ArrayList<>(Collections.nCopies(slots, Kilowatts.of("1.5")));
        kw.set(68, Kilowatts.of("2.25"));
        MarketRecords.Reveal r =
                new MarketRecords.Reveal(new Baseline("home-1", MarketRecords.RULES.period(DAY), kw), "0f".repeat(16));
        MarketRecords.Reveal read = MarketRecords.reveal(input(MarketRecords.revealInput(r)));
        assertThat(read).isEqualTo(r);
        assertThat(read.baseline().commitmentHash(read.salt()))
                .isEqualTo(r.baseline().commitmentHash(r.salt()));
    }

    @Test
    void anAnchorReadsBack() {
        ReadingAnchor a = new ReadingAnchor(DAY, "Aggregator1MSP", "cd".repeat(32), 96);
        assertThat(AnchorRecords.anchor(input(AnchorRecords.anchorInput(a)))).isEqualTo(a);
    }

    @Test
    void aSettlementsInputReadsBackToTheOrderAndItsProvenReadings() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        PrivateKey key = g.generateKeyPair().getPrivate();
        List<SignedReading> leaves = new ArrayList<>();
        for (int slot = 68; slot < 70; slot++) {
            leaves.add(SignedReading.sign(
                    new MeterReading("m-1", "home-1", DAY, slot, KilowattHours.of("0.375"), slot), key));
        }
        MerkleTree tree =
                MerkleTree.of(leaves.stream().map(SignedReading::leafHash).toList());
        List<SettlementRecords.ProvenReading> readings = List.of(
                new SettlementRecords.ProvenReading(leaves.get(0), tree.proof(0)),
                new SettlementRecords.ProvenReading(leaves.get(1), tree.proof(1)));

        JsonFields in = input(SettlementRecords.settleInput("o-1", readings));
        assertThat(in.string("orderId")).isEqualTo("o-1");
        List<SettlementRecords.ProvenReading> read = in.objects("readings").stream()
                .map(r -> SettlementRecords.proven(r.onlyFields(SettlementRecords.READING_FIELDS)))
                .toList();
        assertThat(read).isEqualTo(readings);
    }

    @Test
    void aDisputeReadsBackAsOpenedByTheCaller() {
        DisputeClaim claim = new DisputeClaim(
                KilowattHours.of("0.45"), KilowattHours.of("0.05"), new Euros(new BigDecimal("0.0945")));
        Dispute d = Dispute.open("d-1", "stl-o-1", "Aggregator1MSP", "meter replaced", "ab".repeat(32), claim);
        assertThat(SettlementRecords.dispute(input(SettlementRecords.disputeInput(d)), "Aggregator1MSP"))
                .isEqualTo(d);
    }

    @Test
    void aResolutionNamesItsDisputeOutcomeAndNoteOnly() {
        JsonFields in = input(SettlementRecords.resolutionInput("d-1", DisputeOutcome.UPHELD, "agreed"));
        assertThat(in.members().keySet()).containsExactlyInAnyOrder("id", "outcome", "note");
        assertThat(in.string("id")).isEqualTo("d-1");
        assertThat(in.enumValue("outcome", DisputeOutcome.class)).isEqualTo(DisputeOutcome.UPHELD);
        assertThat(in.optionalString("note")).isEqualTo("agreed");
        // Without a note the field is absent, not null.
        assertThat(input(SettlementRecords.resolutionInput("d-1", DisputeOutcome.REJECTED, null))
                        .members())
                .doesNotContainKey("note");
    }
}
