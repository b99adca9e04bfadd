package io.flexledger.ui.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CallsTest {
    @Test
    void reasonsNameTheStatusAndTheProblemDetail() {
        assertThat(Calls.reason(503, "{\"title\":\"ledger unavailable\",\"detail\":\"peer down\"}"))
                .isEqualTo("unavailable (HTTP 503, ledger unavailable: peer down)");
        assertThat(Calls.reason(403, "{\"title\":\"forbidden\"}")).isEqualTo("refused access (HTTP 403, forbidden)");
        assertThat(Calls.reason(500, "<html>oops</html>")).isEqualTo("failed (HTTP 500)");
    }
}
