package io.flexledger.marketplaceapi.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextCheckTest {
    @Test
    void identifiersDaysNumbersAndLettersOfAnyScriptPass() {
        for (String ok : new String[] {"o-1", "2030-06-01", "100", "AG9mZmVy_-", "café", "Ωmega", "東京", "😀", "a b"}) {
            assertThat(TextCheck.firstInvalid(ok)).as(ok).isEqualTo(-1);
        }
    }

    @Test
    void controlFormattingPrivateUnassignedAndReplacementCharactersAreRefused() {
        assertThat(TextCheck.firstInvalid("ab\u0000")).isEqualTo(2);
        assertThat(TextCheck.firstInvalid("\u001f")).isZero();
        assertThat(TextCheck.firstInvalid("a\u007f")).isEqualTo(1);
        assertThat(TextCheck.firstInvalid("a\u0085")).isEqualTo(1);
        assertThat(TextCheck.firstInvalid("a\u202eb")).isEqualTo(1);
        assertThat(TextCheck.firstInvalid("a\u200bb")).isEqualTo(1);
        assertThat(TextCheck.firstInvalid("\ue000")).isZero();
        assertThat(TextCheck.firstInvalid("\uffff")).isZero();
        assertThat(TextCheck.firstInvalid("x\ud800")).isEqualTo(1);
        assertThat(TextCheck.firstInvalid("x\ufffd")).isEqualTo(1);
        assertThat(TextCheck.firstInvalid("a\u2028b")).isEqualTo(1);
    }

    @Test
    void freeTextMayHoldTabsAndLineBreaksOnly() {
        assertThat(TextCheck.firstInvalid("line 1\r\nline 2\tend", true)).isEqualTo(-1);
        assertThat(TextCheck.firstInvalid("line 1\r\nline 2\tend")).isEqualTo(6);
        assertThat(TextCheck.firstInvalid("bell\u0007", true)).isEqualTo(4);
    }

    @Test
    void theReasonNamesTheCharacterAndWhere() {
        assertThat(TextCheck.describe("ab\u0001", 2)).startsWith("contains the control character U+0001 at position 2");
        assertThat(TextCheck.describe("\u202e", 0))
                .startsWith("contains the formatting character U+202E at position 0");
    }
}
