package io.flexledger.settlement.evm;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import org.web3j.crypto.Hash;

/**
 * Exactly 32 bytes as the EVM's {@code bytes32}: a Merkle root, a period id or a settlement id.
 * Held as 64 lower-case hex digits without a prefix (the ledger's hex convention).
 *
 * @param hex 64 hex digits, lower case
 */
public record Bytes32(String hex) {

    /** The length of a {@code bytes32} value. */
    public static final int LENGTH_BYTES = 32;

    private static final HexFormat HEX = HexFormat.of();

    public Bytes32 {
        // bytes32 is exactly 32 bytes = 64 hex digits.
        if (hex == null || !hex.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("bytes32: expected 64 hex digits, got " + describe(hex));
        }
        hex = hex.toLowerCase(Locale.ROOT);
    }

    /** Parses 64 hex digits, with or without a {@code 0x} prefix. */
    public static Bytes32 fromHex(String hex) {
        if (hex != null && (hex.startsWith("0x") || hex.startsWith("0X"))) {
            return new Bytes32(hex.substring(2));
        }
        return new Bytes32(hex);
    }

    /** Wraps exactly 32 bytes. */
    public static Bytes32 of(byte[] bytes) {
        // bytes32 is exactly 32 bytes.
        if (bytes == null || bytes.length != LENGTH_BYTES) {
            throw new IllegalArgumentException(
                    "bytes32: expected 32 bytes, got " + (bytes == null ? "null" : bytes.length + " bytes"));
        }
        return new Bytes32(HEX.formatHex(bytes));
    }

    /** keccak256 of the UTF-8 bytes of a text, as Solidity's {@code keccak256(bytes(text))}. */
    public static Bytes32 keccak256Utf8(String text) {
        if (text == null) {
            throw new IllegalArgumentException("keccak256: text is null");
        }
        return of(Hash.sha3(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** A copy of the 32 bytes. */
    public byte[] bytes() {
        return HEX.parseHex(hex);
    }

    /** The hex with a {@code 0x} prefix, as JSON-RPC writes it. */
    public String prefixed() {
        return "0x" + hex;
    }

    /** Whether all 32 bytes are zero (the contracts' "nothing stored"). */
    public boolean isZero() {
        return hex.chars().allMatch(c -> c == '0');
    }

    @Override
    public String toString() {
        return hex;
    }

    private static String describe(String hex) {
        return hex == null ? "null" : "'" + (hex.length() > 80 ? hex.substring(0, 80) + "…" : hex) + "'";
    }
}
