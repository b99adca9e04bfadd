package io.flexledger.contract.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.flexledger.domain.metering.MerkleProof;
import io.flexledger.domain.metering.MerkleTree;
import io.flexledger.domain.metering.MeterReading;
import io.flexledger.domain.metering.SignedReading;
import io.flexledger.domain.settlement.Dispute;
import io.flexledger.domain.settlement.DisputeClaim;
import io.flexledger.domain.settlement.DisputeOutcome;
import io.flexledger.domain.settlement.SettlementLine;
import io.flexledger.domain.units.Euros;
import io.flexledger.domain.units.KilowattHours;
import io.flexledger.domain.validation.ValidationException;
import io.flexledger.domain.validation.Violation;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SettlementRecordsTest {
    static final LocalDate DAY = LocalDate.of(2026, 11, 27);
    static List<SignedReading> leaves;
    static MerkleTree tree;

    @BeforeAll
    static void signedReadings() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = g.generateKeyPair();
        leaves = new ArrayList<>();
        for (int slot = 68; slot < 71; slot++) {
            leaves.add(SignedReading.sign(
                    new MeterReading("m-1", "home-1", DAY, slot, KilowattHours.of("0.25"), slot), keys.getPrivate()));
        }
        tree = MerkleTree.of(leaves.stream().map(SignedReading::leafHash).toList());
    }

    @Test
    void aProvenReadingReadsBackToTheSameReadingAndProof() {
        SignedReading signed = leaves.get(1);
        MerkleProof proof = tree.proof(1);
        String written = CanonicalJson.write(SettlementRecords.proven(signed, proof));
        SettlementRecords.ProvenReading read = SettlementRecords.proven(MarketRecords.stored(written));
        assertThat(read.signed()).isEqualTo(signed);
        assertThat(read.proof()).isEqualTo(proof);
        assertThat(read.proof().verify(read.signed().leafHash(), tree.rootHex()))
                .isTrue();
        assertThat(SettlementRecords.signedReading(MarketRecords.stored(written)))
                .isEqualTo(signed);
    }

    @Test
    void theFaultsOfAReadingAndOfItsProofAreNamedTogether() {
        String written = CanonicalJson.write(SettlementRecords.proven(leaves.get(0), tree.proof(0)));
        String bad = written.replace("\"slot\":68", "\"slot\":\"x\"").replace("\"leafIndex\":0", "\"leafIndex\":-0.5");
        List<Violation> found = new ArrayList<>();
        JsonFields in = JsonFields.parse(bad, JsonReader.Limits.LEDGER, JsonFields.collecting(found));
        ValidationException e = catchThrowableOfType(ValidationException.class, () -> SettlementRecords.proven(in));
        assertThat(e.violations()).extracting(Violation::path).containsExactly("$.slot", "$.proof.leafIndex");
    }

    @Test
    void aProofCarriesNothingUnsigned() {
        // A field slipped into the proof would ride along unchecked: it is refused.
        String written = CanonicalJson.write(SettlementRecords.proven(leaves.get(0), tree.proof(0)));
        String extra = written.replace("\"leafCount\":", "\"note\":\"trust me\",\"leafCount\":");
        InputRefusal r =
                catchThrowableOfType(InputRefusal.class, () -> SettlementRecords.proven(MarketRecords.stored(extra)));
        assertThat(r.getMessage()).isEqualTo("$.proof.note: is not a known field");
    }

    @Test
    void settlementLinesAreReadAndTheDomainsRulesHold() {
        String details = "{\"lines\":[{\"slot\":68,\"orderedKwh\":\"0.5\",\"baselineKwh\":\"1.65\","
                + "\"meteredKwh\":\"1.2\",\"deliveredKwh\":\"0.45\",\"creditedKwh\":\"0.45\",\"shortfallKwh\":\"0.05\","
                + "\"deviceId\":\"m-1\",\"sequence\":7,\"leafIndex\":0}]}";
        List<SettlementLine> lines = SettlementRecords.lines(MarketRecords.stored(details));
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).creditedKwh()).isEqualTo(KilowattHours.of("0.45"));
        // A line that orders a negative reduction is refused under its path, not settled.
        String negative = details.replace("\"orderedKwh\":\"0.5\"", "\"orderedKwh\":\"-0.5\"");
        ValidationException e = catchThrowableOfType(
                ValidationException.class, () -> SettlementRecords.lines(MarketRecords.stored(negative)));
        assertThat(e.violations()).extracting(Violation::path).contains("$.lines[0].orderedKwh");
    }

    @Test
    void aStoredSettlementGivesItsTypedFiguresAndNamesEveryFieldItMayHave() {
        String stored = "{\"id\":\"stl-o-1\",\"orderId\":\"o-1\",\"offerId\":\"of-1\","
                + "\"aggregatorMsp\":\"Aggregator1MSP\",\"dsoMsp\":\"DsoMSP\",\"assetId\":\"h-1\","
                + "\"day\":\"2026-11-27\",\"creditedKwh\":\"1.8\",\"shortfallKwh\":\"0.2\",\"paymentEur\":\"0.54\","
                + "\"penaltyEur\":\"0.03\",\"netEur\":\"0.51\",\"anchorRootHex\":\"ab\",\"baselineHash\":\"cd\","
                + "\"detailsHash\":\"ef\",\"state\":\"SETTLED\",\"txId\":\"tx-1\",\"settledAt\":\"2026-11-28T05:00:00Z\"}";
        SettlementRecords.StoredSettlement s = SettlementRecords.StoredSettlement.read(MarketRecords.stored(stored));
        assertThat(s.creditedKwh()).isEqualTo(KilowattHours.of("1.8"));
        assertThat(s.shortfallKwh()).isEqualTo(KilowattHours.of("0.2"));
        assertThat(s.paymentEur()).isEqualTo(new Euros(new java.math.BigDecimal("0.54")));
        assertThat(s.penaltyEur()).isEqualTo(new Euros(new java.math.BigDecimal("0.03")));
        assertThat(s.day()).isEqualTo(DAY);
        assertThat(List.of(s.offerId(), s.assetId(), s.anchorRootHex(), s.txId()))
                .containsExactly("of-1", "h-1", "ab", "tx-1");
        assertThat(SettlementRecords.StoredSettlement.FIELDS)
                .containsExactlyInAnyOrderElementsOf(s.toJson().keySet());
    }

    @Test
    void aDisputeReadsBackFromItsStoredRecord() {
        DisputeClaim claim = new DisputeClaim(
                KilowattHours.of("0.45"), KilowattHours.of("0.05"), new Euros(new java.math.BigDecimal("0.0945")));
        Dispute open = Dispute.open("d-1", "stl-o-1", "Aggregator1MSP", "meter replaced", "ab".repeat(32), claim);
        Dispute resolved = open.resolve(DisputeOutcome.REJECTED, "readings hold");
        String written = CanonicalJson.write(SettlementRecords.dispute(
                resolved, "DsoMSP", "Aggregator1MSP", "2026-11-28T10:00:00Z", "DsoMSP", "2026-11-29T10:00:00Z", "tx"));
        SettlementRecords.StoredDispute stored = SettlementRecords.storedDispute(MarketRecords.stored(written));
        assertThat(stored.dispute()).isEqualTo(resolved);
        assertThat(stored.dsoMsp()).isEqualTo("DsoMSP");
        assertThat(stored.openedAt()).isEqualTo("2026-11-28T10:00:00Z");
    }
}
