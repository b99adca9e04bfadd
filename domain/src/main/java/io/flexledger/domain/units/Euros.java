package io.flexledger.domain.units;

import java.math.BigDecimal;

/**
 * An amount of money in euros, held exactly at 4 decimals (EUR).
 *
 * @param value the amount; its scale is always exactly {@link #SCALE}
 */
public record Euros(BigDecimal value) implements Comparable<Euros> {
    /** Decimals kept: finer input is rejected, derived values are rounded half-even. */
    public static final int SCALE = 4;
    /** Zero. */
    public static final Euros ZERO = new Euros(BigDecimal.ZERO);

    public Euros {
        value = Decimals.exact(value, SCALE, "EUR");
    }

    /** Parses a plain decimal string such as {@code "2.5"}. */
    public static Euros parse(String text) {
        return new Euros(Decimals.parse(text));
    }

    /** Builds from a decimal string or integer literal, e.g. {@code of("2.5")}. */
    public static Euros of(String text) {
        return parse(text);
    }

    /** The sum. */
    public Euros plus(Euros other) {
        return new Euros(value.add(other.value));
    }

    /** The difference. */
    public Euros minus(Euros other) {
        return new Euros(value.subtract(other.value));
    }

    /** This amount times a dimensionless factor, rounded half-even to {@link #SCALE}. */
    public Euros times(BigDecimal factor) {
        return new Euros(Decimals.rounded(value.multiply(factor), SCALE));
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
    public int compareTo(Euros other) {
        return value.compareTo(other.value);
    }

    /** The canonical text: plain decimal with exactly {@link #SCALE} decimals (used in ledger JSON). */
    @Override
    public String toString() {
        return value.toPlainString();
    }
}
