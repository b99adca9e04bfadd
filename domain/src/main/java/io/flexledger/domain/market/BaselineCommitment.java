package io.flexledger.domain.market;

import io.flexledger.domain.time.MarketPeriod;
import io.flexledger.domain.validation.Violations;
import java.time.Instant;

/**
 * The public trace of a baseline: its hash, committed before gate closure by the home's aggregator.
 *
 * @param assetId the home
 * @param aggregatorMsp the committing aggregator
 * @param period the day
 * @param hashHex SHA-256 of the baseline's canonical text, lower-case hex
 * @param committedAt when it was committed (transaction time)
 * @param state committed or revealed
 */
public record BaselineCommitment(
        String assetId,
        String aggregatorMsp,
        MarketPeriod period,
        String hashHex,
        Instant committedAt,
        BaselineState state) {
    public BaselineCommitment {
        Violations v = new Violations();
        v.id(assetId, "assetId");
        v.id(aggregatorMsp, "aggregatorMsp");
        v.present(period, "period");
        if (v.present(hashHex, "hashHex")) {
            // A commitment is a SHA-256 digest.
            v.check(hashHex.matches("[0-9a-f]{64}"), "hashHex", "must be 64 lower-case hex digits (SHA-256)");
        }
        v.present(committedAt, "committedAt");
        v.present(state, "state");
        v.throwIfAny();
    }

    /** Whether {@code baseline} with {@code salt} is what was committed. */
    public boolean matches(Baseline baseline, String saltHex) {
        return baseline.assetId().equals(assetId)
                && baseline.period().equals(period)
                && baseline.commitmentHash(saltHex).equals(hashHex);
    }

    /** This commitment moved to {@code next}, if allowed. */
    public BaselineCommitment withState(BaselineState next) {
        return new BaselineCommitment(assetId, aggregatorMsp, period, hashHex, committedAt, state.to(next));
    }
}
