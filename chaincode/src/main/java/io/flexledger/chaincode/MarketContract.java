package io.flexledger.chaincode;

import io.flexledger.chaincode.support.Failures;
import io.flexledger.chaincode.support.Idempotency;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;

/**
 * What every FlexLedger contract shares: unknown transaction names are refused with a code, and a
 * submission carrying an idempotency key is checked before it runs and recorded after it succeeds
 * (see {@link Idempotency}).
 */
public interface MarketContract extends ContractInterface {
    /** Refuses an unknown transaction name with {@link ErrorCode#UNKNOWN_TRANSACTION}. */
    @Override
    default void unknownTransaction(Context ctx) {
        Failures.unknownTransaction(ctx);
    }

    @Override
    default void beforeTransaction(Context ctx) {
        Idempotency.before(ctx);
    }

    @Override
    default void afterTransaction(Context ctx, Object result) {
        Idempotency.after(ctx, result);
    }
}
