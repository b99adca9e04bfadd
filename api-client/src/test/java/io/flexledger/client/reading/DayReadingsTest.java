package io.flexledger.client.reading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexledger.contract.codec.CanonicalJson;
import io.flexledger.contract.codec.InputRefusal;
import io.flexledger.contract.codec.SettlementRecords.ProvenReading;
import io.flexledger.domain.metering.MerkleTree;
import io.flexledger.domain.metering.MeterReading;
import io.flexledger.domain.metering.ReadingAnchor;
import io.flexledger.domain.metering.SignedReading;
import io.flexledger.domain.units.KilowattHours;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bridge's answer for a home's day, written by the bridge and read by settlement with one codec: read
 * back as written, and refused (naming the field) when it is not the home's readings of the day.
 */
class DayReadingsTest {
    private static final LocalDate DAY = LocalDate.of(2030, 6, 1);
    private static PrivateKey key;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        key = g.generateKeyPair().getPrivate();
    }

    private static SignedReading reading(String asset, LocalDate day, int slot, String kwh) {
        return SignedReading.sign(
                new MeterReading("meter-" + asset, asset, day, slot, KilowattHours.of(kwh), slot), key);
    }

    /** Readings of home-1 on DAY (and whatever else is given) proven against one tree, as the bridge seals them. */
    private static DayReadings answer(SignedReading... extra) {
        List<SignedReading> signed =
                new ArrayList<>(List.of(reading("home-1", DAY, 68, "0.412"), reading("home-1", DAY, 69, "-0.1")));
        signed.addAll(List.of(extra));
        MerkleTree tree =
                MerkleTree.of(signed.stream().map(SignedReading::leafHash).toList());
        List<ProvenReading> proven = new ArrayList<>();
        for (int i = 0; i < signed.size(); i++) {
            proven.add(new ProvenReading(signed.get(i), tree.proof(i)));
        }
        return new DayReadings(
                DAY,
                "home-1",
                "Aggregator1MSP",
                new ReadingAnchor(DAY, "Aggregator1MSP", tree.rootHex(), tree.leafCount()),
                proven);
    }

    @Test
    void anAnswerIsReadBackAsWritten() {
        DayReadings written = answer();

        DayReadings read = DayReadings.read(CanonicalJson.write(written.toJson()));

        assertThat(read).isEqualTo(written);
        assertThat(written.toJson().keySet()).containsExactly("day", "assetId", "aggregatorMsp", "anchor", "readings");
    }

    @Test
    void aReadingOfAnotherHomeSlippedIntoTheAnswerIsRefused() {
        String json =
                CanonicalJson.write(answer(reading("home-2", DAY, 70, "5")).toJson());

        assertThatThrownBy(() -> DayReadings.read(json))
                .isInstanceOf(InputRefusal.class)
                .hasMessageContaining("$.readings[2].assetId")
                .hasMessageContaining("must be the answer's home (home-1)");
    }

    @Test
    void aReadingOfAnotherDayIsRefused() {
        String json = CanonicalJson.write(
                answer(reading("home-1", DAY.minusDays(1), 70, "5")).toJson());

        assertThatThrownBy(() -> DayReadings.read(json))
                .isInstanceOf(InputRefusal.class)
                .hasMessageContaining("$.readings[2].day");
    }

    @Test
    void anUnsignedFieldRidingAlongAReadingIsRefused() {
        String json = CanonicalJson.write(answer().toJson()).replace("\"netKwh\":", "\"note\":\"x\",\"netKwh\":");

        assertThatThrownBy(() -> DayReadings.read(json))
                .isInstanceOf(InputRefusal.class)
                .hasMessageContaining("$.readings[0].note");
    }

    @Test
    void anAnchorWithAFieldOfTheWrongTypeIsRefusedByItsPath() {
        String json = CanonicalJson.write(answer().toJson()).replaceFirst("\"leafCount\":2", "\"leafCount\":\"two\"");

        assertThatThrownBy(() -> DayReadings.read(json))
                .isInstanceOf(InputRefusal.class)
                .hasMessageContaining("$.anchor.leafCount");
    }
}
