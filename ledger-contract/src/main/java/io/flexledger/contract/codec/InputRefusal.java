package io.flexledger.contract.codec;

import io.flexledger.contract.ErrorCode;
import java.util.Objects;

/**
 * JSON input refused: not JSON of the expected shape ({@link ErrorCode#MALFORMED_INPUT}) or a field of
 * the wrong type or out of range ({@link ErrorCode#INVALID_FIELD}). It names the JSON path of the part at
 * fault (e.g. {@code $.readings[3].slot}) and the reason; the message is {@code path: reason}. The
 * chaincode turns it into its refusal, the API into a problem+json.
 */
public final class InputRefusal extends IllegalArgumentException {
    private final ErrorCode code;
    private final String path;
    private final String reason;

    public InputRefusal(ErrorCode code, String path, String reason) {
        super(path + ": " + reason);
        this.code = Objects.requireNonNull(code);
        this.path = Objects.requireNonNull(path);
        this.reason = Objects.requireNonNull(reason);
    }

    public ErrorCode code() {
        return code;
    }

    /** The JSON path of the part at fault, e.g. {@code $} or {@code $.kwBySlot.68}. */
    public String path() {
        return path;
    }

    public String reason() {
        return reason;
    }
}
