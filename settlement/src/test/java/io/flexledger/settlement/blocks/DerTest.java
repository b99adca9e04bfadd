package io.flexledger.settlement.blocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The DER of block headers against encodings written out by hand from the ASN.1 rules. */
class DerTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void theGenesisHeaderHasAnEmptyPreviousHash() {
        byte[] data = HEX.parseHex("ab".repeat(32));
        assertThat(HEX.formatHex(Der.blockHeader(0, new byte[0], data)))
                .isEqualTo("3027" + "020100" + "0400" + "0420" + "ab".repeat(32));
    }

    @Test
    void aNumberWithItsHighBitSetGetsALeadingZero() {
        byte[] prev = HEX.parseHex("01".repeat(32));
        byte[] data = HEX.parseHex("02".repeat(32));
        assertThat(HEX.formatHex(Der.blockHeader(128, prev, data)))
                .isEqualTo("3048" + "02020080" + "0420" + "01".repeat(32) + "0420" + "02".repeat(32));
        assertThat(HEX.formatHex(Der.blockHeader(127, prev, data))).startsWith("304702017f0420");
        // Block numbers are unsigned 64-bit.
        assertThat(HEX.formatHex(Der.blockHeader(-1L, new byte[0], new byte[0])))
                .isEqualTo("300f" + "020900ffffffffffffffff" + "0400" + "0400");
    }

    @Test
    void longContentsGetTheLongLengthForm() {
        byte[] prev = new byte[200];
        assertThat(HEX.formatHex(Der.blockHeader(1, prev, new byte[0])))
                .isEqualTo("3081d0" + "020101" + "0481c8" + "00".repeat(200) + "0400");
    }

    @Test
    void anEcdsaSignatureIsReadStrictly() {
        byte[] sig = HEX.parseHex("3008" + "0202" + "00ff" + "0202" + "0102");
        BigInteger[] rs = Der.ecdsaSignature(sig);
        assertThat(rs[0]).isEqualTo(BigInteger.valueOf(255));
        assertThat(rs[1]).isEqualTo(BigInteger.valueOf(258));
        assertThatThrownBy(() -> Der.ecdsaSignature(HEX.parseHex("3008020200ff0202010200")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Der.ecdsaSignature(HEX.parseHex("3006020200ff0202")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Der.ecdsaSignature(HEX.parseHex("3104020100020101")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
