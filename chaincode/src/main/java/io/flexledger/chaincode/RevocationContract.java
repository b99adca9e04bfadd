package io.flexledger.chaincode;

import static io.flexledger.chaincode.failures.Failures.fail;

import io.flexledger.chaincode.codec.JsonInput;
import io.flexledger.chaincode.codec.MarketJson;
import io.flexledger.chaincode.support.Caller;
import io.flexledger.chaincode.support.Keys;
import io.flexledger.chaincode.support.Ledger;
import io.flexledger.contract.ErrorCode;
import io.flexledger.contract.Revocations;
import io.flexledger.domain.market.FlexOffer;
import io.flexledger.domain.market.FlexOfferRevocation;
import io.flexledger.domain.market.FlexOfferState;
import java.util.Map;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/** Revocations: the aggregator that made a live offer withdraws it before it is ordered. */
@Contract(
        name = Revocations.CONTRACT,
        info = @Info(title = "FlexLedger revocations", description = "Withdrawing live offers", version = "1"))
public final class RevocationContract implements MarketContract {
    /** Revokes an offer: {@code {offerId, reason}}. */
    @Transaction(name = Revocations.Names.REVOKE_OFFER, intent = Transaction.TYPE.SUBMIT)
    public String revokeOffer(Context ctx, String revocationJson) {
        String caller = Caller.requireAggregator(ctx, ErrorCode.REVOCATION_MSP_NOT_ALLOWED, "revoke offers");
        FlexOfferRevocation r =
                MarketJson.revocation(JsonInput.parse(revocationJson).onlyFields(MarketJson.REVOCATION_INPUT), caller);
        Ledger ledger = new Ledger(ctx);
        FlexOffer offer = OfferContract.requireOffer(ledger, r.offerId(), ErrorCode.OFFER_NOT_FOUND);
        // Only the aggregator that made the offer revokes it.
        if (!offer.aggregatorMsp().equals(caller)) {
            throw fail(
                    ErrorCode.REVOCATION_MSP_NOT_ALLOWED,
                    "offer %s belongs to %s (caller %s)",
                    offer.id(),
                    offer.aggregatorMsp(),
                    caller);
        }
        // Only a live offer is revoked: an ordered one is a commitment.
        if (!offer.state().canBecome(FlexOfferState.REVOKED)) {
            throw fail(ErrorCode.REVOCATION_OFFER_NOT_LIVE, "offer %s is %s", offer.id(), offer.state());
        }
        Map<String, Object> record = MarketJson.revocation(r, ledger.now(), ledger.txId());
        String json = ledger.put(ledger.key(Keys.REVOCATION, r.offerId()), record);
        ledger.put(
                ledger.key(Keys.OFFER, offer.id()),
                MarketJson.offer(offer.withState(FlexOfferState.REVOKED), ledger.now(), ledger.txId()));
        ledger.emit("OfferRevoked", record);
        return json;
    }

    /** Reads the revocation of an offer. */
    @Transaction(name = Revocations.Names.READ_REVOCATION, intent = Transaction.TYPE.EVALUATE)
    public String readRevocation(Context ctx, String offerId) {
        Ledger ledger = new Ledger(ctx);
        return ledger.get(ledger.key(Keys.REVOCATION, offerId))
                .orElseThrow(() -> fail(ErrorCode.OFFER_NOT_FOUND, "offer %s has no revocation", offerId));
    }
}
