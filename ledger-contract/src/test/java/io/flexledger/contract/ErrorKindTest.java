package io.flexledger.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorKindTest {
    @Test
    void aCodeHasItsOwnKind() {
        assertThat(ErrorKind.of("OFFER_NOT_FOUND")).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(ErrorKind.of("OFFER_MSP_NOT_ALLOWED")).isEqualTo(ErrorKind.FORBIDDEN);
        assertThat(ErrorKind.of("ORDER_DOUBLE_SALE")).isEqualTo(ErrorKind.CONFLICT);
        assertThat(ErrorKind.of("INVALID_FIELD")).isEqualTo(ErrorKind.INVALID);
        assertThat(ErrorKind.of("IDEMPOTENCY_KEY_REUSED")).isEqualTo(ErrorKind.UNPROCESSABLE);
    }

    @Test
    void anMvccConflictIsAConflictAndAnythingUnknownIsUpstream() {
        assertThat(ErrorKind.of(ValidationCodes.MVCC_READ_CONFLICT)).isEqualTo(ErrorKind.CONFLICT);
        assertThat(ErrorKind.of(ValidationCodes.ENDORSEMENT_POLICY_FAILURE)).isEqualTo(ErrorKind.UPSTREAM);
        assertThat(ErrorKind.of("CHAINCODE_ERROR")).isEqualTo(ErrorKind.UPSTREAM);
        assertThat(ErrorKind.of(null)).isEqualTo(ErrorKind.UPSTREAM);
    }

    @Test
    void everyKindHasItsStatus() {
        assertThat(ErrorKind.NOT_FOUND.httpStatus()).isEqualTo(404);
        assertThat(ErrorKind.FORBIDDEN.httpStatus()).isEqualTo(403);
        assertThat(ErrorKind.CONFLICT.httpStatus()).isEqualTo(409);
        assertThat(ErrorKind.INVALID.httpStatus()).isEqualTo(400);
        assertThat(ErrorKind.UNPROCESSABLE.httpStatus()).isEqualTo(422);
        assertThat(ErrorKind.UPSTREAM.httpStatus()).isEqualTo(502);
    }

    @Test
    void theCatalogueFindsATransactionByItsFullName() {
        assertThat(Transactions.named("offers:CreateOffer")).contains(Offers.CREATE_OFFER);
        assertThat(Transactions.named("offers:Nothing")).isEmpty();
    }
}
