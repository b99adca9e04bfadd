package io.flexledger.devicebridge.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexledger.client.reading.MalformedReadingException;
import io.flexledger.domain.metering.MeterReading;
import io.flexledger.domain.units.KilowattHours;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/** The simulator's profile: kW per slot become kWh readings, bad files name their field. */
class MeteredProfileTest {
    private static byte[] profile(String day, int slots, String kw) {
        String values = String.join(",", Collections.nCopies(slots, kw));
        return ("{\"deviceId\":\"meter-1\",\"assetId\":\"home-1\",\"day\":\"" + day + "\",\"kwBySlot\":[" + values
                        + "]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void eachSlotsEnergyIsItsAveragePowerTimesAQuarterHour() {
        MeteredProfile p = MeteredProfile.parse(profile("2026-11-28", 96, "-1.65"));
        MeterReading r = p.reading(68, 17);
        assertThat(r.netKwh()).isEqualTo(KilowattHours.parse("-0.4125"));
        assertThat(r.slot()).isEqualTo(68);
        assertThat(r.sequence()).isEqualTo(17);
        assertThat(r.canonicalText()).isEqualTo("flexledger-reading-v1|meter-1|home-1|2026-11-28|68|-0.412500|17");
    }

    @Test
    void aProfileNeedsOneValuePerSlotOfItsDay() {
        // 2026-10-25 is the autumn clock change in London: 100 slots.
        assertThat(MeteredProfile.parse(profile("2026-10-25", 100, "1")).kwBySlot())
                .hasSize(100);
        assertThatThrownBy(() -> MeteredProfile.parse(profile("2026-10-25", 96, "1")))
                .isInstanceOf(MalformedReadingException.class)
                .hasMessageStartingWith("$.kwBySlot:")
                .hasMessageContaining("100 slots");
    }

    @Test
    void badValuesAreNamedByTheirPath() {
        byte[] bad = new String(profile("2026-11-28", 96, "1"), StandardCharsets.UTF_8)
                .replaceFirst("\\[1,1,", "[1,true,")
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> MeteredProfile.parse(bad)).hasMessageStartingWith("$.kwBySlot[1]:");
        byte[] noDay = "{\"deviceId\":\"m\",\"assetId\":\"h\",\"kwBySlot\":[]}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> MeteredProfile.parse(noDay)).hasMessageStartingWith("$.day:");
    }

    @Test
    void aFieldThatIsNotAProfilesOrAKeyGivenTwiceIsRefusedByName() {
        String good = new String(profile("2026-11-28", 96, "1"), StandardCharsets.UTF_8);
        byte[] extra = good.replaceFirst("\\{", "{\"kwbyslot\":[],").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> MeteredProfile.parse(extra))
                .isInstanceOf(MalformedReadingException.class)
                .hasMessageStartingWith("$.kwbyslot:");
        byte[] twice = good.replaceFirst("\\{", "{\"day\":\"2026-11-29\",").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> MeteredProfile.parse(twice)).isInstanceOf(MalformedReadingException.class);
        assertThatThrownBy(() -> MeteredProfile.parse("[1]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedReadingException.class)
                .hasMessageStartingWith("$");
    }

    @Test
    void aValueMayBeANumberOrADecimalString() {
        String mixed = new String(profile("2026-11-28", 96, "1"), StandardCharsets.UTF_8)
                .replaceFirst("\\[1,1,", "[\"-0.5\",2.25,");
        assertThat(MeteredProfile.parse(mixed.getBytes(StandardCharsets.UTF_8))
                        .kwBySlot()
                        .subList(0, 3))
                .containsExactly(new BigDecimal("-0.5"), new BigDecimal("2.25"), BigDecimal.ONE);
    }
}
