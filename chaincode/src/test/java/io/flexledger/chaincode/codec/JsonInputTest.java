package io.flexledger.chaincode.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.flexledger.domain.units.Kilowatts;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.junit.jupiter.api.Test;

class JsonInputTest {
    static String refusal(Runnable r) {
        return catchThrowableOfType(ChaincodeException.class, r::run).getMessage();
    }

    @Test
    void deepNestingAndHugeBodiesAreRefusedBeforeTheyCostMuch() {
        String deep = "{\"a\":".repeat(40) + "1" + "}".repeat(40);
        assertThat(refusal(() -> JsonInput.parse(deep)))
                .isEqualTo("MALFORMED_INPUT: $.a: objects and arrays nest deeper than 16 levels");
        String huge = "{\"a\":\"" + "x".repeat(300_000) + "\"}";
        assertThat(refusal(() -> JsonInput.parse(huge))).startsWith("MALFORMED_INPUT: $: longer than");
    }

    @Test
    void lenientJsonIsNotAccepted() {
        assertThat(refusal(() -> JsonInput.parse("{'a':1}"))).startsWith("MALFORMED_INPUT");
        assertThat(refusal(() -> JsonInput.parse("{\"a\":1,}"))).startsWith("MALFORMED_INPUT");
        assertThat(refusal(() -> JsonInput.parse("{\"a\":NaN}"))).startsWith("MALFORMED_INPUT");
        assertThat(refusal(() -> JsonInput.parse("{\"a\":1} // comment"))).startsWith("MALFORMED_INPUT");
        assertThat(refusal(() -> JsonInput.parse("{\"a\":1,\"a\":2}")))
                .isEqualTo("MALFORMED_INPUT: $.a: duplicate key");
        assertThat(refusal(() -> JsonInput.parse("{\"a\":\"x\u0001\"}")))
                .startsWith("MALFORMED_INPUT: $: not valid JSON at line 1, column 8: unescaped control character");
    }

    @Test
    void typedGettersNameTheFieldAndCollectEveryViolation() {
        JsonInput in = JsonInput.parse("{\"n\":1.5,\"s\":3,\"kw\":{\"1\":\"2\",\"x\":1},\"list\":[1,\"a\"]}");
        assertThat(in.integer("n")).isNull();
        assertThat(in.string("s")).isNull();
        assertThat(in.kwBySlot("kw")).containsEntry(1, Kilowatts.of("2")).hasSize(1);
        assertThat(in.kwList("list")).hasSize(2);
        assertThat(in.day("missing")).isNull();
        assertThat(refusal(in::done))
                .isEqualTo("INVALID_FIELD: $.n: must be an integer (and 4 more: $.s: must be a string; "
                        + "$.kw.x: key must be a slot number; $.list[1]: must be a plain decimal number such as 2.5; "
                        + "$.missing: is required)");
    }
}
