package io.flexledger.contract;

import io.flexledger.domain.market.FlexOffer;
import io.flexledger.domain.market.FlexOrder;
import io.flexledger.domain.participants.Organisation;
import io.flexledger.domain.settlement.Dispute;
import io.flexledger.domain.settlement.DisputeClaim;
import io.flexledger.domain.settlement.SettlementRule;
import io.flexledger.domain.units.KilowattHours;
import io.flexledger.domain.validation.Violation;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The rules of the {@code disputes} contract that need nothing but the records they judge: which
 * organisations take part in disputes, who opens one of a settlement, who resolves it, and whether a claim
 * fits its order. Each answers the refusal, with its code and text, or nothing; the chaincode throws it,
 * and so does the API's ledger in memory, so that both refuse alike.
 */
public final class DisputeRules {
    private DisputeRules() {}

    /** A refusal: its code and the text after {@code CODE: }. */
    public record Refusal(ErrorCode code, String message) {}

    /** Refused unless {@code msp} is the DSO or an aggregator: only they are parties to settlements. */
    public static Optional<Refusal> party(String msp, String action) {
        // Only the DSO and aggregators are parties to settlements.
        if (Organisation.isDso(msp) || Organisation.isAggregator(msp)) {
            return Optional.empty();
        }
        return refusal(
                ErrorCode.DISPUTE_MSP_NOT_ALLOWED,
                "only the DSO and aggregator organisations may %s (caller %s)",
                action,
                msp);
    }

    /** Refused unless {@code caller} is a party of settlement {@code settlementId} (its DSO or its aggregator). */
    public static Optional<Refusal> opener(String caller, String settlementId, String dsoMsp, String aggregatorMsp) {
        // Only the two parties of the settlement dispute it.
        if (caller.equals(dsoMsp) || caller.equals(aggregatorMsp)) {
            return Optional.empty();
        }
        return refusal(
                ErrorCode.DISPUTE_MSP_NOT_ALLOWED,
                "settlement %s is between %s and %s (caller %s)",
                settlementId,
                dsoMsp,
                aggregatorMsp,
                caller);
    }

    /**
     * Refused unless {@code caller} is the party of the settlement ({@code dsoMsp}, {@code aggregatorMsp}, as
     * the ledger holds it now) that did not open {@code open}.
     */
    public static Optional<Refusal> resolver(
            Dispute open, String settlementId, String dsoMsp, String aggregatorMsp, String caller) {
        String resolver = open.resolver(dsoMsp, aggregatorMsp).orElse(null);
        // The party of the settlement that did not open the dispute resolves it; nobody else.
        if (caller.equals(resolver)) {
            return Optional.empty();
        }
        return refusal(
                ErrorCode.DISPUTE_MSP_NOT_ALLOWED,
                "dispute %s was opened by %s and is resolved by %s (caller %s)",
                open.id(),
                open.openedBy(),
                resolver == null ? "neither party of " + settlementId : resolver,
                caller);
    }

    /**
     * Refused when {@code claim} is more or less than {@code order} of {@code offer} could ever be worth
     * ({@link ErrorCode#DISPUTE_CLAIM_OUT_OF_BOUNDS}: the full ordered volume at the offer's price, and its
     * full penalty) or when its figures do not follow from each other by {@code rule} ({@link
     * ErrorCode#DISPUTE_CLAIM_INVALID}); the fields at fault named under {@code $.claim}.
     */
    public static Optional<Refusal> claim(SettlementRule rule, FlexOffer offer, FlexOrder order, DisputeClaim claim) {
        KilowattHours ordered = rule.orderedKwh(offer, order);
        List<Violation> outOfBounds = claim.outOfBounds(rule, ordered, offer.price());
        if (!outOfBounds.isEmpty()) {
            return claimRefusal(ErrorCode.DISPUTE_CLAIM_OUT_OF_BOUNDS, order, outOfBounds);
        }
        List<Violation> inconsistent = claim.inconsistencies(rule, ordered, offer.price());
        if (!inconsistent.isEmpty()) {
            return claimRefusal(ErrorCode.DISPUTE_CLAIM_INVALID, order, inconsistent);
        }
        return Optional.empty();
    }

    private static Optional<Refusal> claimRefusal(ErrorCode code, FlexOrder order, List<Violation> found) {
        return refusal(
                code,
                "%s (order %s)",
                found.stream().map(v -> v.prefixed("$.claim").toString()).collect(Collectors.joining("; ")),
                order.id());
    }

    private static Optional<Refusal> refusal(ErrorCode code, String format, Object... args) {
        return Optional.of(new Refusal(code, String.format(format, args)));
    }
}
