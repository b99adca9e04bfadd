package io.flexledger.chaincode.codec;

import io.flexledger.chaincode.failures.Failures;
import io.flexledger.domain.validation.ValidationException;
import java.util.function.Supplier;

/** Builds a domain record from read fields, turning its validation errors into JSON-path refusals. */
final class Build {
    private Build() {}

    /** Runs a ledger-contract codec's reading; its {@link ValidationException} becomes the chaincode's refusal. */
    static <T> T read(Supplier<T> reading) {
        try {
            return reading.get();
        } catch (ValidationException e) {
            throw Failures.invalid(e);
        }
    }

    /** Runs {@code constructor}; a {@link ValidationException} is refused with paths under the input's path. */
    static <T> T of(JsonInput in, Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (ValidationException e) {
            throw Failures.invalid(e.prefixed(in.path()));
        }
    }
}
