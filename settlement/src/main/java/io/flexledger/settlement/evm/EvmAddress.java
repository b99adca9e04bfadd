package io.flexledger.settlement.evm;

import java.util.Locale;

/**
 * An account or contract address on the EVM chain: {@code 0x} and 40 hex digits, held in lower
 * case (checksummed spellings are accepted and compared case-insensitively).
 *
 * @param value {@code 0x} + 40 lower-case hex digits
 */
public record EvmAddress(String value) {

    public EvmAddress {
        // An address is 20 bytes written as 0x + 40 hex digits.
        if (value == null || !value.matches("0[xX][0-9a-fA-F]{40}")) {
            throw new IllegalArgumentException(
                    "EVM address: expected 0x and 40 hex digits, got " + (value == null ? "null" : "'" + value + "'"));
        }
        value = "0x" + value.substring(2).toLowerCase(Locale.ROOT);
    }

    /** Parses an address; same as the constructor. */
    public static EvmAddress of(String value) {
        return new EvmAddress(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
