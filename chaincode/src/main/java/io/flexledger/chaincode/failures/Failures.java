package io.flexledger.chaincode.failures;

import io.flexledger.contract.ErrorCode;
import io.flexledger.domain.validation.ValidationException;
import io.flexledger.domain.validation.Violation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.hyperledger.fabric.shim.ChaincodeException;

/** Builds the chaincode's refusals: payload = the error code, message = {@code CODE: explanation}. */
public final class Failures {
    private Failures() {}

    /** A refusal with {@code code} and a formatted explanation. */
    public static ChaincodeException fail(ErrorCode code, String format, Object... args) {
        String message = code.name() + ": " + String.format(format, args);
        return new ChaincodeException(message, code.name().getBytes(StandardCharsets.UTF_8));
    }

    /** The refusal of a transaction name that no contract method carries. */
    public static void unknownTransaction(org.hyperledger.fabric.contract.Context ctx) {
        throw fail(
                ErrorCode.UNKNOWN_TRANSACTION,
                "no transaction %s in this contract",
                ctx.getStub().getFunction());
    }

    /** An {@link ErrorCode#INVALID_FIELD} refusal naming the first field at fault (and how many more). */
    public static ChaincodeException invalid(ValidationException e) {
        List<Violation> rest = e.violations().subList(1, e.violations().size());
        return fail(
                ErrorCode.INVALID_FIELD,
                "%s: %s%s",
                e.first().path(),
                e.first().reason(),
                rest.isEmpty()
                        ? ""
                        : " (and " + rest.size() + " more: "
                                + rest.stream().map(Violation::toString).collect(Collectors.joining("; ")) + ")");
    }
}
