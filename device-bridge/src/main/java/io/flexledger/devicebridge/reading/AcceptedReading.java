package io.flexledger.devicebridge.reading;

import io.flexledger.domain.metering.SignedReading;
import java.util.Objects;

/**
 * A reading whose signature verified, with the aggregator whose portfolio holds its home.
 *
 * @param signed the reading and its signature
 * @param aggregatorMsp the aggregator of the device's home
 */
public record AcceptedReading(SignedReading signed, String aggregatorMsp) implements Verdict {
    public AcceptedReading {
        Objects.requireNonNull(signed, "signed");
        Objects.requireNonNull(aggregatorMsp, "aggregatorMsp");
    }
}
