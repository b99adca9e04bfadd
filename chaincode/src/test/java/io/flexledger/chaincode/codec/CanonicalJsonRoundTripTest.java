package io.flexledger.chaincode.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.contract.codec.CanonicalJson;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ledger contract's canonical text, read back by the chaincode's strict reader. */
class CanonicalJsonRoundTripTest {
    @Test
    void theTextRoundTripsThroughTheStrictReader() {
        String text = CanonicalJson.write(Map.of("key", "\u0000offer\u0000o-1\u0000", "n", 3));
        JsonInput in = JsonInput.parse(text);
        assertThat(in.string("key")).isEqualTo("\u0000offer\u0000o-1\u0000");
        assertThat(in.integer("n")).isEqualTo(3);
        assertThat(Arrays.equals(CanonicalJson.bytes(Map.of("n", 3)), "{\"n\":3}".getBytes()))
                .isTrue();
    }
}
