package io.flexledger.domain.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexledger.domain.time.MarketPeriod;
import io.flexledger.domain.units.Kilowatts;
import io.flexledger.domain.validation.ValidationException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaselineTest {
    static final MarketPeriod DAY = MarketPeriod.of(LocalDate.of(2026, 11, 27));
    static final String SALT = "00112233445566778899aabbccddeeff";

    static Baseline flat(String kw) {
        return new Baseline("home-017", DAY, Collections.nCopies(96, Kilowatts.of(kw)));
    }

    @Test
    void theHashIsSha256OfTheCanonicalText() {
        Baseline b = flat("0.4");
        assertThat(b.canonicalText(SALT))
                .startsWith("home-017|2026-11-27|0.400,0.400,")
                .endsWith("|" + SALT);
        assertThat(b.commitmentHash(SALT)).isEqualTo(Baseline.sha256Hex(b.canonicalText(SALT)));
        // a known SHA-256 value, to pin the encoding
        assertThat(Baseline.sha256Hex("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void aRevealMatchesOnlyTheSameValuesAndSalt() {
        Baseline b = flat("0.4");
        BaselineCommitment c = new BaselineCommitment(
                "home-017",
                "Aggregator1MSP",
                DAY,
                b.commitmentHash(SALT),
                Instant.parse("2026-11-26T12:00:00Z"),
                BaselineState.COMMITTED);
        assertThat(c.matches(b, SALT)).isTrue();
        List<Kilowatts> changed = new ArrayList<>(b.kwBySlot());
        changed.set(70, Kilowatts.of("0.401"));
        assertThat(c.matches(new Baseline("home-017", DAY, changed), SALT)).isFalse();
        assertThat(c.matches(b, SALT.replace('0', '1'))).isFalse();
    }

    @Test
    void aBaselineCoversEverySlotAndSaltsAreChecked() {
        assertThatThrownBy(() -> new Baseline("home-017", DAY, List.of(Kilowatts.ZERO)))
                .isInstanceOf(ValidationException.class)
                .hasMessage("kwBySlot: must have 96 entries, one per slot");
        assertThatThrownBy(() -> flat("1").commitmentHash("abc"))
                .hasMessage("salt: must be 16 to 64 bytes in lower-case hex");
    }
}
