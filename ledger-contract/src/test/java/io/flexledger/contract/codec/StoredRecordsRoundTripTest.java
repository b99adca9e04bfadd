package io.flexledger.contract.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.flexledger.domain.metering.MerkleTree;
import io.flexledger.domain.metering.MeterReading;
import io.flexledger.domain.metering.ReadingAnchor;
import io.flexledger.domain.metering.SignedReading;
import io.flexledger.domain.settlement.Dispute;
import io.flexledger.domain.settlement.DisputeClaim;
import io.flexledger.domain.settlement.DisputeOutcome;
import io.flexledger.domain.settlement.FlexSettlement;
import io.flexledger.domain.settlement.FlexSettlementState;
import io.flexledger.domain.settlement.SettlementLine;
import io.flexledger.domain.units.Euros;
import io.flexledger.domain.units.EurosPerKwh;
import io.flexledger.domain.units.KilowattHours;
import io.flexledger.domain.validation.ValidationException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The settle leg's stored records the API answers decoded: the JSON the chaincode's writer produces,
 * decoded and encoded again, is the same text, byte for byte.
 */
class StoredRecordsRoundTripTest {
    @Test
    void aStoredAnchorIsWrittenBackByteForByte() {
        ReadingAnchor a = new ReadingAnchor(LocalDate.of(2030, 6, 1), "Aggregator1MSP", "cd".repeat(32), 96);
        String written =
                CanonicalJson.write(AnchorRecords.anchor(a, "DsoMSP", "2030-06-02T04:00:00.123Z", "tx-anchor-1"));
        AnchorRecords.StoredAnchor read = AnchorRecords.storedAnchor(MarketRecords.stored(written));
        assertThat(read.anchor()).isEqualTo(a);
        assertThat(read.anchoredBy()).isEqualTo("DsoMSP");
        assertThat(CanonicalJson.write(AnchorRecords.anchor(read))).isEqualTo(written);
    }

    static final LocalDate DAY = LocalDate.of(2030, 6, 1);

    /** Slot 68 delivered in full, slot 69 0.125 kWh short: 1 kWh credited at 0.21 EUR/kWh, penalty 0.0131. */
    static FlexSettlement settlement() {
        List<SettlementLine> lines = List.of(
                new SettlementLine(68, kwh("0.5"), kwh("1"), kwh("0.5"), kwh("0.5"), kwh("0.5"), kwh("0")),
                new SettlementLine(69, kwh("0.625"), kwh("1"), kwh("0.5"), kwh("0.5"), kwh("0.5"), kwh("0.125")));
        return new FlexSettlement(
                "stl-ord-1",
                "ord-1",
                "off-1",
                "Aggregator1MSP",
                "DsoMSP",
                "home-1",
                DAY,
                EurosPerKwh.of("0.21"),
                new BigDecimal("0.5"),
                lines,
                kwh("1"),
                kwh("0.125"),
                Euros.of("0.21"),
                Euros.of("0.0131"),
                Euros.of("0.1969"),
                FlexSettlementState.SETTLED);
    }

    static KilowattHours kwh(String text) {
        return KilowattHours.of(text);
    }

    /** The readings behind the two lines, each with its proof in a tree of four leaves. */
    static List<SettlementRecords.ProvenReading> bySlot() {
        List<SignedReading> leaves = List.of(
                signed("m-1", 68, 168),
                signed("m-1", 69, 169),
                signed("m-2", 68, 5_000_000_000L),
                signed("m-2", 69, 5_000_000_001L));
        MerkleTree tree =
                MerkleTree.of(leaves.stream().map(SignedReading::leafHash).toList());
        return List.of(
                new SettlementRecords.ProvenReading(leaves.get(0), tree.proof(0)),
                new SettlementRecords.ProvenReading(leaves.get(3), tree.proof(3)));
    }

    static SignedReading signed(String device, int slot, long sequence) {
        return new SignedReading(new MeterReading(device, "home-1", DAY, slot, kwh("0.5"), sequence), "c2lnbmVk");
    }

    static String settled() {
        return CanonicalJson.write(SettlementRecords.settlement(
                settlement(), "ab".repeat(32), "cd".repeat(32), "ef".repeat(32), "2030-06-02T05:00:00.5Z", "tx-s"));
    }

    @Test
    void aStoredSettlementIsWrittenBackByteForByteInEachOfItsStates() {
        String settled = settled();
        SettlementRecords.StoredSettlement read =
                SettlementRecords.StoredSettlement.read(MarketRecords.stored(settled));
        assertThat(CanonicalJson.write(read.toJson())).isEqualTo(settled);
        assertThat(read.state()).isEqualTo(FlexSettlementState.SETTLED);
        assertThat(read.netEur()).isEqualTo(Euros.of("0.1969"));
        assertThat(List.of(read.baselineHash(), read.detailsHash(), read.settledAt()))
                .containsExactly("cd".repeat(32), "ef".repeat(32), "2030-06-02T05:00:00.5Z");
        assertThat(read.updatedAt()).isNull();
        // The typed record written as first recorded is the same text as the chaincode's writer's.
        assertThat(CanonicalJson.write(SettlementRecords.StoredSettlement.of(
                                settlement(),
                                "ab".repeat(32),
                                "cd".repeat(32),
                                "ef".repeat(32),
                                "2030-06-02T05:00:00.5Z",
                                "tx-s")
                        .toJson()))
                .isEqualTo(settled);

        // Disputed, then upheld: the dispute's fields, the net the opener claimed and the settled one.
        String disputed = CanonicalJson.write(
                read.disputed("d-1", "2030-06-03T00:00:00Z", "tx-d").toJson());
        SettlementRecords.StoredSettlement readDisputed =
                SettlementRecords.StoredSettlement.read(MarketRecords.stored(disputed));
        assertThat(CanonicalJson.write(readDisputed.toJson())).isEqualTo(disputed);
        assertThat(readDisputed.disputeId()).isEqualTo("d-1");
        DisputeClaim claim = new DisputeClaim(kwh("1.125"), kwh("0"), Euros.of("0.2362"));
        Dispute upheld = Dispute.open("d-1", "stl-ord-1", "Aggregator1MSP", "meter replaced", "ab".repeat(32), claim)
                .resolve(DisputeOutcome.UPHELD, "agreed");
        String resolved = CanonicalJson.write(
                readDisputed.resolved(upheld, "2030-06-04T00:00:00Z", "tx-r").toJson());
        SettlementRecords.StoredSettlement readResolved =
                SettlementRecords.StoredSettlement.read(MarketRecords.stored(resolved));
        assertThat(CanonicalJson.write(readResolved.toJson())).isEqualTo(resolved);
        assertThat(resolved).contains("\"originalNetEur\":\"0.1969\"", "\"disputeOutcome\":\"UPHELD\"");
        assertThat(readResolved.originalNetEur()).isEqualTo(Euros.of("0.1969"));
        assertThat(readResolved.netEur()).isEqualTo(Euros.of("0.2362"));
        assertThat(readResolved.disputeOutcome()).isEqualTo(DisputeOutcome.UPHELD);
        assertThat(readResolved.updatedAt()).isEqualTo("2030-06-04T00:00:00Z");
    }

    @Test
    void aStoredSettlementWithAFieldTheCodecDoesNotKnowIsRefused() {
        // A field slipped into the record would be answered unchecked: the reader refuses it.
        String extra = settled().replace("\"state\":", "\"paidTo\":\"NL00BANK0123456789\",\"state\":");
        InputRefusal r = catchThrowableOfType(
                InputRefusal.class, () -> SettlementRecords.StoredSettlement.read(MarketRecords.stored(extra)));
        assertThat(r.getMessage()).isEqualTo("$.paidTo: is not a known field");
    }

    @Test
    void storedSettlementDetailsAreWrittenBackByteForByte() {
        String written = CanonicalJson.write(SettlementRecords.details(settlement(), "1.0", bySlot()));
        SettlementRecords.StoredSettlementDetails read = SettlementRecords.storedDetails(MarketRecords.stored(written));
        assertThat(CanonicalJson.write(SettlementRecords.details(read))).isEqualTo(written);
        assertThat(read.activation()).isEqualTo(new BigDecimal("1.0"));
        assertThat(read.lines())
                .extracting(l -> l.line())
                .isEqualTo(settlement().lines());
        assertThat(read.lines())
                .extracting(
                        SettlementRecords.DetailLine::deviceId,
                        SettlementRecords.DetailLine::sequence,
                        l -> l.leafIndex())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("m-1", 168L, 0),
                        org.assertj.core.groups.Tuple.tuple("m-2", 5_000_000_001L, 3));
        assertThat(SettlementRecords.storedDetails(settlement(), "1.0", bySlot()))
                .isEqualTo(read);
    }

    @Test
    void storedDetailsAreReadStrictlyDownToTheirLines() {
        String written = CanonicalJson.write(SettlementRecords.details(settlement(), "1.0", bySlot()));
        String extra = written.replace("\"leafIndex\":3", "\"leafIndex\":3,\"meteredBy\":\"x\"");
        InputRefusal r = catchThrowableOfType(
                InputRefusal.class, () -> SettlementRecords.storedDetails(MarketRecords.stored(extra)));
        assertThat(r.getMessage()).isEqualTo("$.lines[1].meteredBy: is not a known field");
        // A line whose figures do not follow from its readings is refused under its path.
        String credited = written.replace(
                "\"creditedKwh\":\"0.500000\",\"deliveredKwh\":\"0.500000\",\"deviceId\":\"m-2\"",
                "\"creditedKwh\":\"0.625000\",\"deliveredKwh\":\"0.500000\",\"deviceId\":\"m-2\"");
        assertThat(credited).isNotEqualTo(written);
        ValidationException e = catchThrowableOfType(
                ValidationException.class, () -> SettlementRecords.storedDetails(MarketRecords.stored(credited)));
        assertThat(e.violations().get(0).path()).startsWith("$.lines[1].");
    }
}
