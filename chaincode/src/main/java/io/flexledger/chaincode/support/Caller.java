package io.flexledger.chaincode.support;

import io.flexledger.chaincode.failures.Failures;
import io.flexledger.contract.ErrorCode;
import io.flexledger.domain.participants.Organisation;
import org.hyperledger.fabric.contract.Context;

/** The submitting client's organisation, as its MSP id from the signed proposal's creator. */
public final class Caller {
    private Caller() {}

    /** The caller's MSP id. */
    public static String msp(Context ctx) {
        return ctx.getClientIdentity().getMSPID();
    }

    /** The caller's MSP id, refused with {@code code} unless it is the DSO. */
    public static String requireDso(Context ctx, ErrorCode code, String action) {
        String msp = msp(ctx);
        // Only the DSO organisation may do this.
        if (!Organisation.isDso(msp)) {
            throw Failures.fail(code, "only the DSO organisation may %s (caller %s)", action, msp);
        }
        return msp;
    }

    /** The caller's MSP id, refused with {@code code} unless it is an aggregator organisation. */
    public static String requireAggregator(Context ctx, ErrorCode code, String action) {
        String msp = msp(ctx);
        // Only aggregator organisations may do this.
        if (!Organisation.isAggregator(msp)) {
            throw Failures.fail(code, "only aggregator organisations may %s (caller %s)", action, msp);
        }
        return msp;
    }
}
