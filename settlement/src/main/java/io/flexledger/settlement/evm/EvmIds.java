package io.flexledger.settlement.evm;

import java.time.LocalDate;

/** The {@code bytes32} keys the contracts are indexed by. */
public final class EvmIds {

    private EvmIds() {}

    /** The period id of a market day: keccak256 of the UTF-8 ISO date, e.g. {@code "2026-11-28"}. */
    public static Bytes32 periodId(LocalDate day) {
        if (day == null) {
            throw new IllegalArgumentException("day: is null");
        }
        return Bytes32.keccak256Utf8(day.toString());
    }

    /** The payout key of a settlement: keccak256 of the UTF-8 settlement id, e.g. {@code "stl-order-42"}. */
    public static Bytes32 settlementId(String settlementId) {
        // Settlement ids are non-blank ledger keys (stl-<orderId>).
        if (settlementId == null || settlementId.isBlank()) {
            throw new IllegalArgumentException("settlementId: is blank");
        }
        return Bytes32.keccak256Utf8(settlementId);
    }
}
