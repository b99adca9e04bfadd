package io.flexledger.domain.units;

import io.flexledger.domain.validation.ValidationException;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Exact decimal helpers shared by the unit types: fixed scales, no binary floating point. */
public final class Decimals {
    private Decimals() {}

    /**
     * Returns {@code value} at exactly {@code scale} decimals; rejects values that need more decimals
     * (so that no input is silently rounded).
     */
    public static BigDecimal exact(BigDecimal value, int scale, String unit) {
        if (value == null) {
            throw new ValidationException("", "is required");
        }
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() > scale) {
            throw new ValidationException("", "has more than " + scale + " decimals (" + unit + ")");
        }
        return value.setScale(scale, RoundingMode.UNNECESSARY);
    }

    /** Rounds a derived value to {@code scale} decimals, half-even (banker's rounding, no drift in sums). */
    public static BigDecimal rounded(BigDecimal value, int scale) {
        return value.setScale(scale, RoundingMode.HALF_EVEN);
    }

    /**
     * The shortest exact form of a dimensionless value: trailing zeros dropped, never an exponent
     * (so {@code 0.50} and {@code 0.5} are one value with one text, {@code 0.5}).
     */
    public static BigDecimal normalised(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** Parses a plain decimal string such as {@code "2.500"}; rejects exponents, NaN and infinities. */
    public static BigDecimal parse(String text) {
        if (text == null || !text.matches("-?(0|[1-9][0-9]{0,15})(\\.[0-9]{1,12})?")) {
            throw new ValidationException("", "must be a plain decimal number such as 2.5");
        }
        return new BigDecimal(text);
    }
}
