package io.flexledger.domain.units;

import java.math.BigDecimal;

/**
 * Electric energy in kilowatt-hours, held exactly at 6 decimals (kWh).
 *
 * @param value the amount; its scale is always exactly {@link #SCALE}
 */
public record KilowattHours(BigDecimal value) implements Comparable<KilowattHours> {
    /** Decimals kept: finer input is rejected, derived values are rounded half-even. */
    public static final int SCALE = 6;
    /** Zero. */
    public static final KilowattHours ZERO = new KilowattHours(BigDecimal.ZERO);

    public KilowattHours {
        value = Decimals.exact(value, SCALE, "kWh");
    }

    /** Parses a plain decimal string such as {@code "2.5"}. */
    public static KilowattHours parse(String text) {
        return new KilowattHours(Decimals.parse(text));
    }

    /** Builds from a decimal string or integer literal, e.g. {@code of("2.5")}. */
    public static KilowattHours of(String text) {
        return parse(text);
    }

    /** The sum. */
    public KilowattHours plus(KilowattHours other) {
        return new KilowattHours(value.add(other.value));
    }

    /** The difference. */
    public KilowattHours minus(KilowattHours other) {
        return new KilowattHours(value.subtract(other.value));
    }

    /** This amount times a dimensionless factor, rounded half-even to {@link #SCALE}. */
    public KilowattHours times(BigDecimal factor) {
        return new KilowattHours(Decimals.rounded(value.multiply(factor), SCALE));
    }

    /** Whether the amount is below zero. */
    public boolean isNegative() {
        return value.signum() < 0;
    }

    /** Whether the amount is exactly zero. */
    public boolean isZero() {
        return value.signum() == 0;
    }

    /** What this energy costs at {@code price}, rounded half-even to {@link Euros#SCALE} decimals. */
    public Euros at(EurosPerKwh price) {
        return new Euros(Decimals.rounded(value.multiply(price.value()), Euros.SCALE));
    }

    @Override
    public int compareTo(KilowattHours other) {
        return value.compareTo(other.value);
    }

    /** The canonical text: plain decimal with exactly {@link #SCALE} decimals (used in ledger JSON). */
    @Override
    public String toString() {
        return value.toPlainString();
    }
}
