package io.flexledger.marketplaceapi.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response.Status;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every refusal code of the chaincode gets the status a client can act on; none is a 502. */
class StatusForTest {
    /** The chaincode's ErrorCode values (copied: the API does not depend on the chaincode module). */
    static final Map<String, Status> EXPECTED = Map.ofEntries(
            Map.entry("MALFORMED_INPUT", Status.BAD_REQUEST),
            Map.entry("INVALID_FIELD", Status.BAD_REQUEST),
            Map.entry("PAGE_SIZE_INVALID", Status.BAD_REQUEST),
            Map.entry("REGISTRY_MSP_NOT_ALLOWED", Status.FORBIDDEN),
            Map.entry("ORGANISATION_EXISTS", Status.CONFLICT),
            Map.entry("CONGESTION_POINT_EXISTS", Status.CONFLICT),
            Map.entry("CONGESTION_POINT_NOT_FOUND", Status.NOT_FOUND),
            Map.entry("CONGESTION_POINT_PARENT_INVALID", Status.BAD_REQUEST),
            Map.entry("ASSET_EXISTS", Status.CONFLICT),
            Map.entry("ASSET_NOT_FOUND", Status.NOT_FOUND),
            Map.entry("ASSET_NOT_OWNED", Status.FORBIDDEN),
            Map.entry("PRIVATE_DATA_INVALID", Status.BAD_REQUEST),
            Map.entry("DEVICE_EXISTS", Status.CONFLICT),
            Map.entry("DEVICE_NOT_FOUND", Status.NOT_FOUND),
            Map.entry("METER_MSP_NOT_ALLOWED", Status.FORBIDDEN),
            Map.entry("METER_KIND_INVALID", Status.BAD_REQUEST),
            Map.entry("METER_ACTIVE_EXISTS", Status.CONFLICT),
            Map.entry("METER_STATE_INVALID", Status.CONFLICT),
            Map.entry("METER_KEY_INVALID", Status.BAD_REQUEST),
            Map.entry("METER_KEY_CONFLICT", Status.CONFLICT),
            Map.entry("BASELINE_MSP_NOT_ALLOWED", Status.FORBIDDEN),
            Map.entry("BASELINE_GATE_CLOSED", Status.CONFLICT),
            Map.entry("BASELINE_NOT_FOUND", Status.NOT_FOUND),
            Map.entry("BASELINE_ALREADY_REVEALED", Status.CONFLICT),
            Map.entry("BASELINE_HASH_MISMATCH", Status.FORBIDDEN),
            Map.entry("REQUEST_MSP_NOT_ALLOWED", Status.FORBIDDEN),
            Map.entry("REQUEST_EXISTS", Status.CONFLICT),
            Map.entry("REQUEST_NOT_FOUND", Status.NOT_FOUND),
            Map.entry("REQUEST_GATE_CLOSED", Status.CONFLICT),
            Map.entry("REQUEST_STATE_INVALID", Status.CONFLICT),
            Map.entry("OFFER_MSP_NOT_ALLOWED", Status.FORBIDDEN),
            Map.entry("OFFER_AGGREGATOR_MISMATCH", Status.FORBIDDEN),
            Map.entry("OFFER_EXISTS", Status.CONFLICT),
            Map.entry("OFFER_NOT_FOUND", Status.NOT_FOUND),
            Map.entry("OFFER_GATE_CLOSED", Status.CONFLICT),
            Map.entry("OFFER_ASSET_NOT_REGISTERED", Status.NOT_FOUND),
            Map.entry("OFFER_ASSET_NOT_OWNED", Status.FORBIDDEN),
            Map.entry("OFFER_CONGESTION_POINT_MISMATCH", Status.FORBIDDEN),
            Map.entry("OFFER_REQUEST_NOT_FOUND", Status.NOT_FOUND),
            Map.entry("OFFER_REQUEST_NOT_OPEN", Status.CONFLICT),
            Map.entry("OFFER_REQUEST_MISMATCH", Status.FORBIDDEN),
            Map.entry("REVOCATION_MSP_NOT_ALLOWED", Status.FORBIDDEN),
            Map.entry("REVOCATION_OFFER_NOT_LIVE", Status.CONFLICT),
            Map.entry("ORDER_MSP_NOT_ALLOWED", Status.FORBIDDEN),
            Map.entry("ORDER_EXISTS", Status.CONFLICT),
            Map.entry("ORDER_NOT_FOUND", Status.NOT_FOUND),
            Map.entry("ORDER_OFFER_NOT_LIVE", Status.CONFLICT),
            Map.entry("ORDER_BELOW_MIN_ACTIVATION", Status.BAD_REQUEST),
            Map.entry("ORDER_DOUBLE_SALE", Status.CONFLICT),
            Map.entry("ORDER_STATE_INVALID", Status.CONFLICT),
            Map.entry("ANCHOR_MSP_NOT_ALLOWED", Status.FORBIDDEN),
            Map.entry("ANCHOR_EXISTS", Status.CONFLICT),
            Map.entry("ANCHOR_NOT_FOUND", Status.NOT_FOUND),
            Map.entry("SETTLEMENT_MSP_NOT_ALLOWED", Status.FORBIDDEN),
            Map.entry("ORDER_NOT_SETTLEABLE", Status.CONFLICT),
            Map.entry("BASELINE_NOT_REVEALED", Status.CONFLICT),
            Map.entry("READING_DEVICE_UNKNOWN", Status.NOT_FOUND),
            Map.entry("READING_NOT_A_METER", Status.BAD_REQUEST),
            Map.entry("READING_METER_NOT_APPROVED", Status.BAD_REQUEST),
            Map.entry("READING_ASSET_MISMATCH", Status.FORBIDDEN),
            Map.entry("READING_BAD_SIGNATURE", Status.BAD_REQUEST),
            Map.entry("READING_PROOF_INVALID", Status.BAD_REQUEST),
            Map.entry("READING_SLOT_MISSING", Status.BAD_REQUEST),
            Map.entry("READING_SLOT_DUPLICATE", Status.BAD_REQUEST),
            Map.entry("READING_OUT_OF_ORDER_SLOT", Status.BAD_REQUEST),
            Map.entry("SETTLEMENT_NOT_FOUND", Status.NOT_FOUND),
            Map.entry("SETTLEMENT_STATE_INVALID", Status.CONFLICT),
            Map.entry("DISPUTE_MSP_NOT_ALLOWED", Status.FORBIDDEN),
            Map.entry("DISPUTE_EXISTS", Status.CONFLICT),
            Map.entry("DISPUTE_NOT_FOUND", Status.NOT_FOUND),
            Map.entry("DISPUTE_NOT_OPEN", Status.CONFLICT),
            Map.entry("DISPUTE_RESOLUTION_AMOUNT_NOT_ALLOWED", Status.FORBIDDEN),
            Map.entry("DISPUTE_CLAIM_OUT_OF_BOUNDS", Status.BAD_REQUEST),
            Map.entry("DISPUTE_CLAIM_INVALID", Status.BAD_REQUEST),
            Map.entry("IDEMPOTENCY_KEY_INVALID", Status.BAD_REQUEST),
            Map.entry("IDEMPOTENCY_RECORD_NOT_FOUND", Status.NOT_FOUND),
            Map.entry("UFTP_PARTICIPANT_MSP_NOT_ALLOWED", Status.FORBIDDEN),
            Map.entry("UFTP_PARTICIPANT_NOT_FOUND", Status.NOT_FOUND),
            Map.entry("UFTP_SENDER_UNKNOWN", Status.NOT_FOUND),
            Map.entry("UFTP_SENDER_NOT_CALLER", Status.FORBIDDEN),
            Map.entry("UFTP_RECIPIENT_INVALID", Status.BAD_REQUEST),
            Map.entry("UFTP_SIGNATURE_INVALID", Status.BAD_REQUEST),
            Map.entry("UFTP_MESSAGE_REPLAYED", Status.CONFLICT),
            Map.entry("UFTP_MESSAGE_TYPE_MISMATCH", Status.FORBIDDEN),
            Map.entry("UFTP_MESSAGE_NOT_FOUND", Status.NOT_FOUND),
            Map.entry("TX_MVCC_READ_CONFLICT", Status.CONFLICT));

    @Test
    void eachCodeHasItsStatus() {
        EXPECTED.forEach((code, status) ->
                assertThat(ProblemMappers.statusFor(code)).as(code).isEqualTo(status));
    }

    @Test
    void anUnknownCodeIsAFaultBetweenApiAndChaincode() {
        assertThat(ProblemMappers.statusFor("UNKNOWN_TRANSACTION")).isEqualTo(Status.BAD_GATEWAY);
        assertThat(ProblemMappers.statusFor("CHAINCODE_ERROR")).isEqualTo(Status.BAD_GATEWAY);
    }
}
