package io.flexledger.chaincode.support;

import io.flexledger.chaincode.ErrorCode;
import io.flexledger.domain.validation.ValidationException;
import java.nio.charset.StandardCharsets;
import org.hyperledger.fabric.shim.ChaincodeException;

/** Builds the chaincode's refusals: payload = the error code, message = {@code CODE: explanation}. */
public final class Failures {
    private Failures() {}

    /** A refusal with {@code code} and a formatted explanation. */
    public static ChaincodeException fail(ErrorCode code, String format, Object... args) {
        String message = code.name() + ": " + String.format(format, args);
        return new ChaincodeException(message, code.name().getBytes(StandardCharsets.UTF_8));
    }

    /** An {@link ErrorCode#INVALID_FIELD} refusal naming the first field at fault (and how many more). */
    public static ChaincodeException invalid(ValidationException e) {
        int more = e.violations().size() - 1;
        return fail(
                ErrorCode.INVALID_FIELD,
                "%s: %s%s",
                e.first().path(),
                e.first().reason(),
                more > 0 ? " (and " + more + " more: " + e.getMessage() + ")" : "");
    }
}
