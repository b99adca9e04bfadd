package io.flexledger.domain.settlement;

import io.flexledger.domain.participants.Organisation;
import io.flexledger.domain.units.Euros;
import io.flexledger.domain.validation.Violations;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A dispute of a settlement by the DSO or the settlement's aggregator; the other party resolves it.
 * The opener states the corrected figures ({@link DisputeClaim}) with its evidence; the other party
 * only accepts them (UPHELD: exactly these figures apply) or rejects them (REJECTED: the settlement
 * stands). Nobody sets an amount alone. The evidence stays off the ledger; its SHA-256 fixes what was
 * presented.
 *
 * @param id the dispute id
 * @param settlementId the disputed settlement ({@code stl-<orderId>})
 * @param openedBy the MSP id of the organisation that opened it (DSO or aggregator)
 * @param reason why, in a sentence (at most {@value #MAX_TEXT} characters)
 * @param evidenceHash SHA-256 of the evidence document, lower-case hex
 * @param claim the corrected figures the opener states; required to open a dispute and to uphold it,
 *     absent only in disputes recorded before disputes carried them (which can only be rejected)
 * @param state open or resolved
 * @param outcome upheld or rejected (resolved disputes only)
 * @param note the resolver's explanation (resolved disputes only, optional)
 */
public record Dispute(
        String id,
        String settlementId,
        String openedBy,
        String reason,
        String evidenceHash,
        DisputeClaim claim,
        DisputeState state,
        DisputeOutcome outcome,
        String note) {
    /** The longest reason or note. */
    public static final int MAX_TEXT = 1000;
    /**
     * The amount fields a resolution never carries (the claim, its figures, and {@code adjustedNetEur},
     * with which resolvers named their own net before): nobody sets an amount alone.
     */
    public static final Set<String> RESOLUTION_AMOUNTS =
            Set.of("adjustedNetEur", "claim", "creditedKwh", "shortfallKwh", "netEur");
    /** Why a resolution carrying one of {@link #RESOLUTION_AMOUNTS} is refused. */
    public static final String RESOLUTION_NAMES_NO_AMOUNT = "a resolution names no amount; UPHELD applies the"
            + " figures the dispute's opener stated, REJECTED keeps the settlement";

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
            } else {
                v.present(outcome, "outcome");
            }
        }
        if (note != null) {
            v.text(note, "note", MAX_TEXT);
        }
        v.throwIfAny();
    }

    /** A new open dispute stating {@code claim}, the corrected figures (required). */
    public static Dispute open(
            String id, String settlementId, String openedBy, String reason, String evidenceHash, DisputeClaim claim) {
        Violations v = new Violations();
        Dispute d = v.nested(
                "",
                () -> new Dispute(
                        id, settlementId, openedBy, reason, evidenceHash, claim, DisputeState.OPEN, null, null));
        // A dispute says what the settlement should be, so that the other party can only accept or reject it.
        v.present(claim, "claim");
        v.throwIfAny();
        return d;
    }

    /**
     * This dispute resolved with {@code outcome}: UPHELD applies the opener's claim as stated (so it
     * needs one), REJECTED leaves the settlement as it is. The resolver adds nothing but a note.
     */
    public Dispute resolve(DisputeOutcome outcome, String note) {
        Violations v = new Violations();
        if (outcome == DisputeOutcome.UPHELD) {
            // Upholding applies the opener's figures; without any there is nothing to apply.
            v.check(claim != null, "outcome", "UPHELD needs the opener's claim; dispute " + id + " states none");
        }
        v.throwIfAny();
        return new Dispute(
                id,
                settlementId,
                openedBy,
                reason,
                evidenceHash,
                claim,
                state.to(DisputeState.RESOLVED),
                outcome,
                note);
    }

    /** The net this dispute applies to its settlement: the claim's, once upheld; empty otherwise. */
    public Optional<Euros> appliedNetEur() {
        return state == DisputeState.RESOLVED && outcome == DisputeOutcome.UPHELD && claim != null
                ? Optional.of(claim.netEur())
                : Optional.empty();
    }

    /**
     * The party that must resolve it: the aggregator when the DSO opened it, the DSO when the
     * aggregator did; empty when the opener is neither party of the settlement (nobody may resolve it).
     */
    public Optional<String> resolver(String dsoMsp, String aggregatorMsp) {
        if (openedBy.equals(dsoMsp)) {
            return Optional.of(aggregatorMsp);
        }
        return openedBy.equals(aggregatorMsp) ? Optional.of(dsoMsp) : Optional.empty();
    }
}
