package io.flexledger.problem;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemTest {
    @Test
    void aProblemNamesItsKindUnderTheFlexledgerUrn() {
        Problem p = Problem.of(Status.CONFLICT, "ledger-refused", "ORDER_EXISTS: o-1")
                .withCode("ORDER_EXISTS");

        assertThat(p.type()).isEqualTo("urn:flexledger:problem:ledger-refused");
        assertThat(p.title()).isEqualTo("Conflict");
        assertThat(p.status()).isEqualTo(409);
        assertThat(p.code()).isEqualTo("ORDER_EXISTS");
        assertThat(p.field()).isNull();
        assertThat(p.violations()).isNull();
    }

    @Test
    void aProblemKeepsWhatItCarriesWhenMoreIsAdded() {
        Problem p = Problem.of(422, "Unprocessable Content", "idempotency-key-reused", "reused")
                .withCode("IDEMPOTENCY_KEY_REUSED")
                .at("header Idempotency-Key")
                .withViolations(List.of(new Problem.FieldViolation("$.id", "required")));

        assertThat(p.status()).isEqualTo(422);
        assertThat(p.code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(p.field()).isEqualTo("header Idempotency-Key");
        assertThat(p.violations()).containsExactly(new Problem.FieldViolation("$.id", "required"));
    }
}
