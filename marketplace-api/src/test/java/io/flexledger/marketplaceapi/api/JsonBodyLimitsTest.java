package io.flexledger.marketplaceapi.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Bodies beyond what any request needs are refused with 400 naming the part, never a 500. */
class JsonBodyLimitsTest {
    static final Set<String> FIELDS = Set.of("id", "kwBySlot", "price", "reason", "siblings");

    @Test
    void nestingUpToTheLimitIsRead() {
        String deep = "[".repeat(JsonBody.MAX_DEPTH - 1) + "]".repeat(JsonBody.MAX_DEPTH - 1);
        assertMalformed("{\"id\":" + deep + "}", "$.id", "must be a string", b -> b.string("id"));
    }

    @Test
    void nestingBeyondTheLimitIsNamedByTheMemberThatHoldsIt() {
        String deep = "[".repeat(JsonBody.MAX_DEPTH) + "]".repeat(JsonBody.MAX_DEPTH);
        assertMalformed("{\"id\":\"o-1\",\"kwBySlot\":" + deep + "}", "$.kwBySlot", "nest deeper than 64 levels");
    }

    @Test
    void tenThousandLevelsAreRefusedLikeSixtyFive() {
        assertMalformed("[".repeat(10_000) + "]".repeat(10_000), "$[0]", "nest deeper than 64 levels");
        assertMalformed("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000), "$.a", "nest deeper than 64 levels");
        assertMalformed("{\"price\":" + "{\"a\":".repeat(10_000), "$.price", "nest deeper than 64 levels");
    }

    @Test
    void aNumberBeyondADoubleIsOutOfRange() {
        assertMalformed("{\"price\":1e999}", "$.price", "out of range", b -> b.decimal("price"));
        assertMalformed("{\"price\":-1e999}", "$.price", "out of range", b -> b.decimal("price"));
        assertMalformed("{\"kwBySlot\":{\"68\":1e400}}", "$.kwBySlot.68", "out of range", b -> b.bySlot("kwBySlot"));
    }

    @Test
    void aNumberOfAThousandDigitsOrMoreIsBeyondTheParser() {
        assertMalformed("{\"kwBySlot\":{\"68\":" + "1".repeat(2000) + "}}", "$.kwBySlot.68", "Number value length");
    }

    @Test
    void stringsHoldNoControlCharacters() {
        assertMalformed("{\"id\":\"o\\u0000-1\"}", "$.id", "U+0000 at position 1", b -> b.string("id"));
        assertMalformed("{\"id\":\"o\\u202e1\"}", "$.id", "U+202E", b -> b.string("id"));
        assertMalformed("{\"siblings\":[\"ab\",\"c\\u0007\"]}", "$.siblings[1]", "U+0007", b -> b.strings("siblings"));
        assertMalformed("{\"price\":\"1\\u0000\"}", "$.price", "U+0000", b -> b.decimalOrText("price"));
    }

    @Test
    void freeTextMayHaveLinesButNoOtherControlCharacter() {
        assertThat(JsonBody.parse("{\"reason\":\"line 1\\nline 2\\tend\"}", FIELDS)
                        .freeText("reason"))
                .isEqualTo("line 1\nline 2\tend");
        assertMalformed("{\"reason\":\"bell\\u0007\"}", "$.reason", "U+0007", b -> b.freeText("reason"));
        assertMalformed("{\"reason\":\"line 1\\nline 2\"}", "$.reason", "U+000A", b -> b.string("reason"));
    }

    @Test
    void notJsonIsNamedWithItsPlaceWhenThereIsOne() {
        assertMalformed("{\"id\":", "$", "not valid JSON");
    }

    @Test
    void aKeyGivenTwiceIsRefusedRatherThanResolved() {
        // Two readers could take different copies of the key: the API must never forward an ambiguous body.
        assertMalformed("{\"id\":\"o-1\",\"id\":\"o-2\"}", "$.id", "duplicate key");
        assertMalformed("{\"kwBySlot\":{\"68\":1,\"68\":2}}", "$.kwBySlot.68", "duplicate key");
    }

    @Test
    void trailingDataAndLenientSyntaxAreRefused() {
        assertMalformed("{\"id\":\"o-1\"} {}", "$", "not valid JSON at line 1, column 14");
        assertMalformed("{\"id\":\"o-1\",}", "$", "not valid JSON");
        assertMalformed("{\"price\":NaN}", "$", "not valid JSON");
    }

    @Test
    void theForwardedBodyKeepsItsNumbersAsJacksonWritesThem() {
        assertThat(JsonBody.parse(
                                "{\"price\":0.412000,\"id\":\"a\\u00e9\",\"kwBySlot\":{\"68\":2,\"69\":12345678901,"
                                        + "\"70\":123456789012345678901234567890,\"71\":1e2}}",
                                FIELDS)
                        .node()
                        .toString())
                .isEqualTo("{\"price\":0.412,\"id\":\"aé\",\"kwBySlot\":{\"68\":2,\"69\":12345678901,"
                        + "\"70\":123456789012345678901234567890,\"71\":100.0}}");
    }

    private static void assertMalformed(String body, String field, String reason) {
        assertMalformed(body, field, reason, b -> null);
    }

    private static void assertMalformed(
            String body, String field, String reason, java.util.function.Function<JsonBody, Object> read) {
        assertThatThrownBy(() -> read.apply(JsonBody.parse(body, FIELDS)))
                .isInstanceOf(MalformedBodyException.class)
                .satisfies(e -> {
                    MalformedBodyException m = (MalformedBodyException) e;
                    assertThat(m.field()).isEqualTo(field);
                    assertThat(m.reason()).contains(reason);
                });
    }
}
