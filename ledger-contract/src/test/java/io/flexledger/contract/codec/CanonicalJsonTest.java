package io.flexledger.contract.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
    @Test
    void keysAreSortedWhateverTheMapsOrder() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("b", 1);
        a.put("a", List.of("x", 2L));
        a.put("c", null);
        Map<String, Object> b = new HashMap<>();
        b.put("a", List.of("x", 2L));
        b.put("b", 1);
        assertThat(CanonicalJson.write(a))
                .isEqualTo("{\"a\":[\"x\",2],\"b\":1}")
                .isEqualTo(CanonicalJson.write(b));
    }

    @Test
    void decimalsArePlainStringsAndFloatsAreRefused() {
        assertThat(CanonicalJson.write(Map.of("kw", new BigDecimal("1E+3")))).isEqualTo("{\"kw\":\"1000\"}");
        assertThatThrownBy(() -> CanonicalJson.write(Map.of("kw", 0.1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Double");
    }

    @Test
    void stringsAreEscapedOneWayOnly() {
        assertThat(CanonicalJson.write("a\"b\\c\n\u0000é")).isEqualTo("\"a\\\"b\\\\c\\n\\u0000é\"");
    }
}
