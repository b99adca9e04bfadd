package io.flexledger.chaincode;

import io.flexledger.chaincode.support.Idempotency;
import io.flexledger.contract.ErrorCode;
import io.flexledger.contract.IdempotencyRecords;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/** Reads the record of a request committed under an idempotency key (the caller's organisation's own). */
@Contract(
        name = IdempotencyRecords.CONTRACT,
        info = @Info(title = "FlexLedger idempotency", description = "Results of keyed submissions", version = "1"))
public final class IdempotencyContract implements ContractInterface {
    /** Refuses an unknown transaction name with {@link ErrorCode#UNKNOWN_TRANSACTION}. */
    @Override
    public void unknownTransaction(Context ctx) {
        io.flexledger.chaincode.failures.Failures.unknownTransaction(ctx);
    }

    /**
     * The record {@code {key, msp, transaction, requestHash, result, txId, at}} of the caller's
     * organisation under {@code key}.
     */
    @Transaction(name = IdempotencyRecords.Names.READ_RECORD, intent = Transaction.TYPE.EVALUATE)
    public String readRecord(Context ctx, String key) {
        return Idempotency.read(ctx, key);
    }
}
