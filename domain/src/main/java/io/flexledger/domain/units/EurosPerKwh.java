package io.flexledger.domain.units;

import java.math.BigDecimal;

/**
 * A price of energy in euros per kilowatt-hour, held exactly at 5 decimals (EUR/kWh).
 *
 * @param value the amount; its scale is always exactly {@link #SCALE}
 */
public record EurosPerKwh(BigDecimal value) implements Comparable<EurosPerKwh> {
    /** Decimals kept: finer input is rejected, derived values are rounded half-even. */
    public static final int SCALE = 5;
    /** Zero. */
    public static final EurosPerKwh ZERO = new EurosPerKwh(BigDecimal.ZERO);

    public EurosPerKwh {
        value = Decimals.exact(value, SCALE, "EUR/kWh");
    }

    /** Parses a plain decimal string such as {@code "2.5"}. */
    public static EurosPerKwh parse(String text) {
        return new EurosPerKwh(Decimals.parse(text));
    }

    /** Builds from a decimal string or integer literal, e.g. {@code of("2.5")}. */
    public static EurosPerKwh of(String text) {
        return parse(text);
    }

    /** The sum. */
    public EurosPerKwh plus(EurosPerKwh other) {
        return new EurosPerKwh(value.add(other.value));
    }

    /** The difference. */
    public EurosPerKwh minus(EurosPerKwh other) {
        return new EurosPerKwh(value.subtract(other.value));
    }

    /** This amount times a dimensionless factor, rounded half-even to {@link #SCALE}. */
    public EurosPerKwh times(BigDecimal factor) {
        return new EurosPerKwh(Decimals.rounded(value.multiply(factor), SCALE));
    }

    /** Whether the amount is below zero. */
    public boolean isNegative() {
        return value.signum() < 0;
    }

    /** Whether the amount is exactly zero. */
    public boolean isZero() {
        return value.signum() == 0;
    }

    @Override
    public int compareTo(EurosPerKwh other) {
        return value.compareTo(other.value);
    }

    /** The canonical text: plain decimal with exactly {@link #SCALE} decimals (used in ledger JSON). */
    @Override
    public String toString() {
        return value.toPlainString();
    }
}
