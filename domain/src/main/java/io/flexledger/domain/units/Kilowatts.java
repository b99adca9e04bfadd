package io.flexledger.domain.units;

import java.math.BigDecimal;

/**
 * Average electric power over a slot in kilowatts, held exactly at 3 decimals (kW).
 *
 * @param value the amount; its scale is always exactly {@link #SCALE}
 */
public record Kilowatts(BigDecimal value) implements Comparable<Kilowatts> {
    /** Decimals kept: finer input is rejected, derived values are rounded half-even. */
    public static final int SCALE = 3;
    /** Zero. */
    public static final Kilowatts ZERO = new Kilowatts(BigDecimal.ZERO);

    public Kilowatts {
        value = Decimals.exact(value, SCALE, "kW");
    }

    /** Parses a plain decimal string such as {@code "2.5"}. */
    public static Kilowatts parse(String text) {
        return new Kilowatts(Decimals.parse(text));
    }

    /** Builds from a decimal string or integer literal, e.g. {@code of("2.5")}. */
    public static Kilowatts of(String text) {
        return parse(text);
    }

    /** The sum. */
    public Kilowatts plus(Kilowatts other) {
        return new Kilowatts(value.add(other.value));
    }

    /** The difference. */
    public Kilowatts minus(Kilowatts other) {
        return new Kilowatts(value.subtract(other.value));
    }

    /** This amount times a dimensionless factor, rounded half-even to {@link #SCALE}. */
    public Kilowatts times(BigDecimal factor) {
        return new Kilowatts(Decimals.rounded(value.multiply(factor), SCALE));
    }

    /** Whether the amount is below zero. */
    public boolean isNegative() {
        return value.signum() < 0;
    }

    /** Whether the amount is exactly zero. */
    public boolean isZero() {
        return value.signum() == 0;
    }

    /** The energy delivered at this power for {@code duration}, rounded half-even to Wh/1000. */
    public KilowattHours over(java.time.Duration duration) {
        BigDecimal hours = BigDecimal.valueOf(duration.toSeconds())
                .divide(BigDecimal.valueOf(3600), 12, java.math.RoundingMode.HALF_EVEN);
        return new KilowattHours(Decimals.rounded(value.multiply(hours), KilowattHours.SCALE));
    }

    @Override
    public int compareTo(Kilowatts other) {
        return value.compareTo(other.value);
    }

    /** The canonical text: plain decimal with exactly {@link #SCALE} decimals (used in ledger JSON). */
    @Override
    public String toString() {
        return value.toPlainString();
    }
}
