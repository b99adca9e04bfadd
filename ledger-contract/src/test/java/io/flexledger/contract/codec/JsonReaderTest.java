package io.flexledger.contract.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.flexledger.contract.ErrorCode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class JsonReaderTest {
    static final JsonReader.Limits LIMITS = new JsonReader.Limits(4096, 8, 40);

    static InputRefusal refusal(String text) {
        InputRefusal r = catchThrowableOfType(InputRefusal.class, () -> JsonReader.read(text, LIMITS));
        assertThat(r).as("refusal of %s", text).isNotNull();
        assertThat(r.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
        return r;
    }

    @Test
    @SuppressWarnings("unchecked")
    void readsEveryJsonValueExactly() {
        Object v = JsonReader.read(
                " {\"a\":[1,-0.50,2e3,true,false,null],\"b\":{\"c\":\"x\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\"}} ",
                LIMITS);
        assertThat(v).isInstanceOf(Map.class);
        Map<?, ?> m = (Map<?, ?>) v;
        List<Object> a = (List<Object>) m.get("a");
        assertThat(a.get(0)).isEqualTo(new BigDecimal("1"));
        assertThat(a.get(1)).isEqualTo(new BigDecimal("-0.50"));
        assertThat(a.get(2)).isEqualTo(new BigDecimal("2e3"));
        assertThat(a.subList(3, 6)).containsExactly(true, false, null);
        assertThat(((Map<?, ?>) m.get("b")).get("c")).isEqualTo("x\"\\/\b\f\n\r\té\ud83d\ude00");
    }

    @Test
    void lenientJsonIsRefusedWithItsLineAndColumn() {
        for (String bad : List.of(
                "{'a':1}",
                "{\"a\":1,}",
                "[1,]",
                "{\"a\":NaN}",
                "{\"a\":Infinity}",
                "{\"a\":-Infinity}",
                "{\"a\":1} // comment",
                "/* c */ {}",
                "{\"a\":01}",
                "{\"a\":1.}",
                "{\"a\":.5}",
                "{\"a\":+1}",
                "{\"a\":1e}",
                "{\"a\":tru}",
                "{a:1}",
                "{\"a\" 1}",
                "{\"a\":1 \"b\":2}",
                "{\"a\":\"\\x\"}",
                "{\"a\":\"\\u12g4\"}",
                "{} {}",
                "\u00a0{}",
                "{\"a\":1}x")) {
            assertThat(refusal(bad).path()).as(bad).isEqualTo("$");
            assertThat(refusal(bad).reason()).as(bad).startsWith("not valid JSON at line ");
        }
        assertThat(refusal("{\n  \"a\": tru\n}").reason()).startsWith("not valid JSON at line 2, column 8");
    }

    @Test
    void emptyAndOverlongTextAreRefused() {
        assertThat(refusal("  ").getMessage()).isEqualTo("$: a JSON object is required");
        assertThat(refusal("\"" + "x".repeat(5000) + "\"").getMessage()).isEqualTo("$: longer than 4096 characters");
    }

    @Test
    void aKeyGivenTwiceIsRefusedAtItsPath() {
        assertThat(refusal("{\"a\":1,\"a\":1}").getMessage()).isEqualTo("$.a: duplicate key");
        assertThat(refusal("{\"a\":{\"b\":[{\"c\":1,\"d\":2,\"c\":3}]}}").getMessage())
                .isEqualTo("$.a.b[0].c: duplicate key");
        // The same name spelt with an escape is the same key.
        assertThat(refusal("{\"id\":\"x\",\"\\u0069d\":\"y\"}").getMessage()).isEqualTo("$.id: duplicate key");
    }

    @Test
    void nestingIsBoundedAndNamedByTheMemberThatHoldsIt() {
        assertThat(JsonReader.read("[".repeat(8) + "]".repeat(8), LIMITS)).isInstanceOf(List.class);
        assertThat(refusal("[".repeat(9) + "]".repeat(9)).getMessage())
                .isEqualTo("$[0]: objects and arrays nest deeper than 8 levels");
        assertThat(refusal("{\"id\":1,\"deep\":" + "{\"a\":".repeat(500)).getMessage())
                .isEqualTo("$.deep: objects and arrays nest deeper than 8 levels");
    }

    @Test
    void numbersAreBoundedInLengthAndNeverInfinite() {
        assertThat(refusal("{\"a\":{\"b\":" + "9".repeat(41) + "}}").getMessage())
                .startsWith("$.a.b: Number value length 41 exceeds the limit of 40 characters");
        assertThat(refusal("{\"a\":1e99999999999}").getMessage()).isEqualTo("$.a: the number is out of range");
        // A huge exponent that fits is read exactly; its magnitude is the typed getters' to bound.
        assertThat(((Map<?, ?>) JsonReader.read("{\"a\":1e999999}", LIMITS)).get("a"))
                .isEqualTo(new BigDecimal("1e999999"));
    }

    @Test
    void controlCharactersMustBeEscaped() {
        for (char c = 0; c < 0x20; c++) {
            assertThat(refusal("{\"a\":\"x" + c + "\"}").reason())
                    .contains(String.format("unescaped control character U+%04X", (int) c));
        }
        assertThat(((Map<?, ?>) JsonReader.read("{\"a\":\"\\u0000\"}", LIMITS)).get("a"))
                .isEqualTo("\u0000");
    }

    @Test
    void onlyAnObjectIsAnObject() {
        for (String v : List.of("[]", "1", "\"a\"", "true", "null")) {
            InputRefusal r = catchThrowableOfType(InputRefusal.class, () -> JsonReader.readObject(v, LIMITS));
            assertThat(r.getMessage()).isEqualTo("$: must be a JSON object");
        }
    }

    @Property
    void everyTruncationOfAValidTextIsRefused(
            @ForAll("valid") String text, @ForAll @IntRange(min = 0, max = 400) int cut) {
        String truncated = text.substring(0, Math.min(cut, text.length() - 1));
        if (truncated.isBlank()) {
            return;
        }
        InputRefusal r = catchThrowableOfType(InputRefusal.class, () -> JsonReader.read(truncated, LIMITS));
        assertThat(r).as(truncated).isNotNull();
        assertThat(r.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
    }

    @Property
    void canonicalTextReadsBackToTheSameValue(@ForAll("values") Object value) {
        String text = CanonicalJson.write(Map.of("v", value));
        assertThat(CanonicalJson.write(JsonReader.read(text, new JsonReader.Limits(1 << 20, 64, 1000))))
                .isEqualTo(text);
    }

    @Property
    void anyTextIsReadOrRefusedWithMalformedInput(@ForAll("noise") String text) {
        try {
            JsonReader.read(text, LIMITS);
        } catch (InputRefusal r) {
            assertThat(r.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
            assertThat(r.path()).startsWith("$");
        }
    }

    @Property
    void typedDecimalsRefuseWhatIsHugeOrTooFine(@ForAll("badDecimals") String number) {
        List<io.flexledger.domain.validation.Violation> found = new ArrayList<>();
        JsonFields f =
                JsonFields.parse("{\"d\":" + number + "}", JsonReader.Limits.LEDGER, JsonFields.collecting(found));
        assertThat(f.decimal("d")).isNull();
        assertThat(found).singleElement().satisfies(v -> assertThat(v.path()).isEqualTo("$.d"));
    }

    @Provide
    Arbitrary<String> badDecimals() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(15, 999_999).map(e -> "1e" + e),
                Arbitraries.integers().between(15, 999_999).map(e -> "-9.5e" + e),
                Arbitraries.integers().between(13, 60).map(d -> "0." + "0".repeat(d - 1) + "1"),
                Arbitraries.of("\"NaN\"", "\"Infinity\"", "\"1e3\"", "true", "[]", "{}", "\"\"", "null"));
    }

    @Provide
    Arbitrary<String> valid() {
        return values().map(v -> CanonicalJson.write(Map.of("v", v, "w", List.of(1, "x"))));
    }

    @Provide
    Arbitrary<Object> values() {
        Arbitrary<Object> leaf = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12).map(s -> (Object) s),
                Arbitraries.bigDecimals().ofScale(3).map(d -> (Object) d),
                Arbitraries.of(true, false).map(b -> (Object) b));
        return Arbitraries.recursive(
                () -> leaf,
                inner -> Arbitraries.oneOf(
                        inner.list().ofMaxSize(4).map(l -> (Object) l),
                        Arbitraries.maps(
                                        Arbitraries.strings()
                                                .alpha()
                                                .ofMinLength(1)
                                                .ofMaxLength(5),
                                        inner)
                                .ofMaxSize(4)
                                .map(m -> (Object) m)),
                3);
    }

    @Provide
    Arbitrary<String> noise() {
        return Arbitraries.strings()
                .withChars("{}[]\":,\\ u0123456789eE.-+truefalsnl\u0000\n\t\u00e9")
                .ofMinLength(1)
                .ofMaxLength(60);
    }
}
