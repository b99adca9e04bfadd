package io.flexledger.chaincode;

import io.flexledger.chaincode.failures.Failures;
import io.flexledger.chaincode.support.Idempotency;
import io.flexledger.chaincode.support.PeerClock;
import io.flexledger.chaincode.support.UftpMessages;
import io.flexledger.contract.ErrorCode;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;

/**
 * What every FlexLedger contract shares: unknown transaction names are refused with a code, every
 * submission's timestamp is checked against the endorsing peer's clock, and a submission carrying an idempotency key is checked before it runs and recorded after it succeeds
 * (see {@link Idempotency}), and so is a UFTP message it carries ({@link UftpMessages}).
 */
public interface MarketContract extends ContractInterface {
    /** Refuses an unknown transaction name with {@link ErrorCode#UNKNOWN_TRANSACTION}. */
    @Override
    default void unknownTransaction(Context ctx) {
        Failures.unknownTransaction(ctx);
    }

    /**
     * Every submission is first checked against the endorsing peer's own clock (see {@link PeerClock}),
     * then against an earlier submission with the same idempotency key.
     */
    @Override
    default void beforeTransaction(Context ctx) {
        PeerClock.check(ctx, getClass());
        Idempotency.before(ctx);
        UftpMessages.before(ctx);
    }

    @Override
    default void afterTransaction(Context ctx, Object result) {
        Idempotency.after(ctx, result);
        UftpMessages.after(ctx);
    }
}
