package io.flexledger.domain.settlement;

import io.flexledger.domain.participants.Organisation;
import io.flexledger.domain.units.Euros;
import io.flexledger.domain.validation.Violations;
import java.util.regex.Pattern;

/**
 * A dispute of a settlement by the DSO or the settlement's aggregator; the other party resolves it.
 * The evidence stays off the ledger; its SHA-256 fixes what was presented.
 *
 * @param id the dispute id
 * @param settlementId the disputed settlement ({@code stl-<orderId>})
 * @param openedBy the MSP id of the organisation that opened it (DSO or aggregator)
 * @param reason why, in a sentence (at most {@value #MAX_TEXT} characters)
 * @param evidenceHash SHA-256 of the evidence document, lower-case hex
 * @param state open or resolved
 * @param outcome upheld or rejected (resolved disputes only)
 * @param note the resolver's explanation (resolved disputes only, optional)
 * @param adjustedNetEur the settlement's corrected net amount (upheld disputes only, required then)
 */
public record Dispute(
        String id,
        String settlementId,
        String openedBy,
        String reason,
        String evidenceHash,
        DisputeState state,
        DisputeOutcome outcome,
        String note,
        Euros adjustedNetEur) {
    /** The longest reason or note. */
    public static final int MAX_TEXT = 1000;

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern SETTLEMENT_ID =
            Pattern.compile(Pattern.quote(FlexSettlement.ID_PREFIX) + Violations.ID.pattern());

    public Dispute {
        Violations v = new Violations();
        v.id(id, "id");
        if (v.present(settlementId, "settlementId")) {
            v.check(
                    SETTLEMENT_ID.matcher(settlementId).matches(),
                    "settlementId",
                    "must be " + FlexSettlement.ID_PREFIX + "<orderId>");
        }
        if (v.id(openedBy, "openedBy")) {
            // Only the two parties of a settlement dispute it.
            v.check(
                    Organisation.isDso(openedBy) || Organisation.isAggregator(openedBy),
                    "openedBy",
                    "must be the DSO or an aggregator organisation");
        }
        v.text(reason, "reason", MAX_TEXT);
        if (v.present(evidenceHash, "evidenceHash")) {
            // The evidence is fixed by its SHA-256.
            v.check(HASH.matcher(evidenceHash).matches(), "evidenceHash", "must be 64 lower-case hex digits (SHA-256)");
        }
        if (v.present(state, "state")) {
            if (state == DisputeState.OPEN) {
                // An open dispute has no outcome yet.
                v.check(outcome == null, "outcome", "must be absent while the dispute is open");
                v.check(note == null, "note", "must be absent while the dispute is open");
                v.check(adjustedNetEur == null, "adjustedNetEur", "must be absent while the dispute is open");
            } else if (v.present(outcome, "outcome")) {
                // Only an upheld dispute changes the amount, and then it says to what.
                if (outcome == DisputeOutcome.UPHELD) {
                    v.present(adjustedNetEur, "adjustedNetEur");
                } else {
                    v.check(adjustedNetEur == null, "adjustedNetEur", "is only given when the dispute is UPHELD");
                }
            }
        }
        if (note != null) {
            v.text(note, "note", MAX_TEXT);
        }
        v.throwIfAny();
    }

    /** A new open dispute. */
    public static Dispute open(String id, String settlementId, String openedBy, String reason, String evidenceHash) {
        return new Dispute(id, settlementId, openedBy, reason, evidenceHash, DisputeState.OPEN, null, null, null);
    }

    /** This dispute resolved with {@code outcome}; {@code adjustedNetEur} is required when upheld, absent otherwise. */
    public Dispute resolve(DisputeOutcome outcome, String note, Euros adjustedNetEur) {
        return new Dispute(
                id,
                settlementId,
                openedBy,
                reason,
                evidenceHash,
                state.to(DisputeState.RESOLVED),
                outcome,
                note,
                adjustedNetEur);
    }

    /** The party that must resolve it: the aggregator when the DSO opened it, the DSO otherwise. */
    public String resolver(String dsoMsp, String aggregatorMsp) {
        return openedBy.equals(dsoMsp) ? aggregatorMsp : dsoMsp;
    }
}
