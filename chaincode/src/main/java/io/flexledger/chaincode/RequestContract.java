package io.flexledger.chaincode;

import static io.flexledger.chaincode.failures.Failures.fail;

import io.flexledger.chaincode.codec.JsonInput;
import io.flexledger.chaincode.codec.MarketJson;
import io.flexledger.chaincode.support.Caller;
import io.flexledger.chaincode.support.Keys;
import io.flexledger.chaincode.support.Ledger;
import io.flexledger.contract.ErrorCode;
import io.flexledger.contract.Requests;
import io.flexledger.domain.market.FlexRequest;
import io.flexledger.domain.market.FlexRequestState;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/** The DSO's flex requests: posted before gate closure at a registered congestion point, then closed or cancelled. */
@Contract(
        name = Requests.CONTRACT,
        info = @Info(title = "FlexLedger requests", description = "The DSO's flexibility requests", version = "1"))
public final class RequestContract implements MarketContract {
    /** Posts a request (DSO only). */
    @Transaction(name = Requests.Names.CREATE_REQUEST, intent = Transaction.TYPE.SUBMIT)
    public String createRequest(Context ctx, String requestJson) {
        String caller = Caller.requireDso(ctx, ErrorCode.REQUEST_MSP_NOT_ALLOWED, "post flex requests");
        FlexRequest r = MarketJson.request(JsonInput.parse(requestJson).onlyFields(MarketJson.REQUEST_INPUT), caller);
        // The request is the caller's own.
        if (!r.dsoMsp().equals(caller)) {
            throw fail(ErrorCode.REQUEST_MSP_NOT_ALLOWED, "$.dsoMsp: %s may not post for %s", caller, r.dsoMsp());
        }
        Ledger ledger = new Ledger(ctx);
        String key = ledger.key(Keys.REQUEST, r.id());
        // Request ids are unique.
        if (ledger.exists(key)) {
            throw fail(ErrorCode.REQUEST_EXISTS, "request %s already exists", r.id());
        }
        // A request names a registered congestion point.
        if (!ledger.exists(ledger.key(Keys.CONGESTION_POINT, r.congestionPointId()))) {
            throw fail(
                    ErrorCode.CONGESTION_POINT_NOT_FOUND,
                    "$.congestionPointId: %s is not registered",
                    r.congestionPointId());
        }
        // Requests for a day are posted before its gate closes (transaction time).
        if (!r.period().isOpenAt(ledger.now())) {
            throw fail(
                    ErrorCode.REQUEST_GATE_CLOSED,
                    "gate closure for %s was at %s; transaction time is %s",
                    r.period().day(),
                    r.period().gateClosure(),
                    ledger.now());
        }
        Map<String, Object> record = MarketJson.request(r, ledger.now(), ledger.txId());
        String json = ledger.put(key, record);
        ledger.put(ledger.key(Keys.REQUEST_BY_DAY, r.period().day().toString(), r.id()), Map.of("key", key));
        ledger.emit("RequestCreated", record);
        return json;
    }

    /** Closes an open request (fully served or no longer needed). */
    @Transaction(name = Requests.Names.CLOSE_REQUEST, intent = Transaction.TYPE.SUBMIT)
    public String closeRequest(Context ctx, String requestId) {
        return move(ctx, requestId, FlexRequestState.CLOSED, "RequestClosed");
    }

    /** Cancels an open request. */
    @Transaction(name = Requests.Names.CANCEL_REQUEST, intent = Transaction.TYPE.SUBMIT)
    public String cancelRequest(Context ctx, String requestId) {
        return move(ctx, requestId, FlexRequestState.CANCELLED, "RequestCancelled");
    }

    /** Reads a request. */
    @Transaction(name = Requests.Names.READ_REQUEST, intent = Transaction.TYPE.EVALUATE)
    public String readRequest(Context ctx, String requestId) {
        Ledger ledger = new Ledger(ctx);
        return ledger.get(ledger.key(Keys.REQUEST, requestId))
                .orElseThrow(() -> fail(ErrorCode.REQUEST_NOT_FOUND, "request %s does not exist", requestId));
    }

    /** Lists the requests of a day, one page at a time. */
    @Transaction(name = Requests.Names.LIST_REQUESTS_BY_DAY, intent = Transaction.TYPE.EVALUATE)
    public String listRequestsByDay(Context ctx, String day, int pageSize, String bookmark) {
        Ledger ledger = new Ledger(ctx);
        return ledger.page(
                Keys.REQUEST_BY_DAY,
                List.of(BaselineContract.day(day)),
                pageSize,
                bookmark,
                index -> RegistryContract.resolve(ledger, index));
    }

    private String move(Context ctx, String requestId, FlexRequestState next, String event) {
        String caller = Caller.requireDso(ctx, ErrorCode.REQUEST_MSP_NOT_ALLOWED, "close or cancel flex requests");
        Ledger ledger = new Ledger(ctx);
        String key = ledger.key(Keys.REQUEST, requestId);
        FlexRequest r = ledger.read(key, MarketJson::storedRequest)
                .orElseThrow(() -> fail(ErrorCode.REQUEST_NOT_FOUND, "request %s does not exist", requestId));
        // Only the requesting DSO changes its request.
        if (!r.dsoMsp().equals(caller)) {
            throw fail(ErrorCode.REQUEST_MSP_NOT_ALLOWED, "request %s belongs to %s", requestId, r.dsoMsp());
        }
        // Only an open request is closed or cancelled.
        if (!r.state().canBecome(next)) {
            throw fail(
                    ErrorCode.REQUEST_STATE_INVALID, "request %s is %s, cannot become %s", requestId, r.state(), next);
        }
        Map<String, Object> record = MarketJson.request(r.withState(next), ledger.now(), ledger.txId());
        String json = ledger.put(key, record);
        ledger.emit(event, record);
        return json;
    }
}
