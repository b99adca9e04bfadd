package io.flexledger.domain.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.flexledger.domain.units.Kilowatts;
import org.junit.jupiter.api.Test;

class ViolationsTest {
    @Test
    void collectsEveryViolationWithItsPathThenThrowsThemTogether() {
        Violations v = new Violations();
        v.id("bad id", "id");
        v.text("  ", "reason", 10);
        v.present(null, "day");
        Kilowatts kw = v.nested("battery.maxKw", () -> Kilowatts.of("1.0001"));
        assertThat(kw).isNull();
        ValidationException e = catchThrowableOfType(ValidationException.class, v::throwIfAny);
        assertThat(e.violations()).extracting(Violation::path).containsExactly("id", "reason", "day", "battery.maxKw");
        assertThat(e.prefixed("$").violations().get(3).toString())
                .isEqualTo("$.battery.maxKw: has more than 3 decimals (kW)");
    }

    @Test
    void indexPathsJoinWithoutADot() {
        assertThat(new Violation("[2]", "x").prefixed("$.kwBySlot").path()).isEqualTo("$.kwBySlot[2]");
        assertThat(new Violation("", "x").prefixed("$.price").path()).isEqualTo("$.price");
    }

    @Test
    void nothingFoundNothingThrown() {
        Violations v = new Violations();
        v.check(true, "a", "never");
        v.throwIfAny();
        assertThat(v.isEmpty()).isTrue();
    }
}
