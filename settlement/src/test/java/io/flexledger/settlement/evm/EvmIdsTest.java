package io.flexledger.settlement.evm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class EvmIdsTest {

    // Expected values computed by ganache 7.9.2's web3_sha3 (an independent keccak256).
    @Test
    void periodIdIsKeccak256OfTheIsoDay() {
        assertThat(EvmIds.periodId(LocalDate.of(2026, 11, 28)).hex())
                .isEqualTo("64c1eaba469081aea7bb83771561fbbc2964795aabf95f29d889bacc0503f65d");
        assertThat(EvmIds.periodId(LocalDate.of(2026, 3, 29)).hex())
                .isEqualTo("ebbcaff5daf07f460c1edb7f54a5e21c5ca54e40a730d8ddd0c9cd4a4aee8161");
    }

    @Test
    void periodIdsOfDifferentDaysDiffer() {
        LocalDate day = LocalDate.of(2026, 11, 28);

        assertThat(EvmIds.periodId(day)).isEqualTo(EvmIds.periodId(LocalDate.parse("2026-11-28")));
        assertThat(EvmIds.periodId(day)).isNotEqualTo(EvmIds.periodId(day.plusDays(1)));
    }

    @Test
    void keccakIsTheEthereumVariantNotSha3() {
        // keccak256("") as Ethereum defines it; NIST SHA3-256("") would be a7ffc6f8…
        assertThat(Bytes32.keccak256Utf8("").hex())
                .isEqualTo("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    }

    @Test
    void settlementIdIsKeccak256OfTheLedgerId() {
        assertThat(EvmIds.settlementId("stl-order-42").hex())
                .isEqualTo("30a0809567f273d5593202e8689722ccf6769202c2806d552c68b782484635c7");
    }

    @Test
    void missingInputsAreNamed() {
        assertThatThrownBy(() -> EvmIds.periodId(null)).hasMessageContaining("day");
        assertThatThrownBy(() -> EvmIds.settlementId(" ")).hasMessageContaining("settlementId");
    }
}
