package io.flexledger.clearing.solver;

import ai.timefold.solver.core.api.score.buildin.hardsoftlong.HardSoftLongScore;
import ai.timefold.solver.core.api.score.calculator.IncrementalScoreCalculator;
import java.util.List;

/**
 * The same rules as {@link ClearingConstraintProvider}, kept incrementally for search speed: the kW
 * delivered per request, the offers' cost and, per offer, how many accepted offers conflict with it.
 * Each variable change updates only the offer's own requests and conflicts. A test checks that both
 * give the same score.
 */
public class ClearingIncrementalScore implements IncrementalScoreCalculator<ClearingSolution, HardSoftLongScore> {

    private List<OfferChoice> offers;
    private RequestDemand[] requests;
    private long[] deliveredMicroKw;
    private int[] acceptedConflicts;
    private long conflictPairs;
    private long costNanoEur;
    private long penaltyNanoEur;

    @Override
    public void resetWorkingSolution(ClearingSolution solution) {
        offers = solution.getOffers();
        requests = solution.getRequests().toArray(new RequestDemand[0]);
        deliveredMicroKw = new long[requests.length];
        acceptedConflicts = new int[offers.size()];
        conflictPairs = 0;
        costNanoEur = 0;
        penaltyNanoEur = 0;
        for (RequestDemand r : requests) {
            // a request starts with nothing delivered: unserved in full
            penaltyNanoEur += r.penaltyNanoEur(r.getKwMicro());
        }
        for (OfferChoice o : offers) {
            insert(o);
        }
    }

    private void insert(OfferChoice o) {
        if (!o.isAccepted()) {
            return;
        }
        // Soft: an accepted offer costs fraction * price * h * sum of its kW.
        costNanoEur += o.costNanoEur();
        // Soft: unserved kW at each of its requests, before and after its delivery.
        int[] req = o.getRequestIndex();
        for (int i = 0; i < req.length; i++) {
            RequestDemand r = requests[req[i]];
            long before = deliveredMicroKw[req[i]];
            long after = before + o.deliveredMicroKwAt(i);
            deliveredMicroKw[req[i]] = after;
            penaltyNanoEur += r.penaltyNanoEur(r.getKwMicro() - after) - r.penaltyNanoEur(r.getKwMicro() - before);
        }
        // Hard: an accepted offer conflicting with another accepted offer of its asset.
        conflictPairs += acceptedConflicts[o.getIndex()];
        for (int c : o.getConflicts()) {
            acceptedConflicts[c]++;
        }
    }

    private void retract(OfferChoice o) {
        if (!o.isAccepted()) {
            return;
        }
        costNanoEur -= o.costNanoEur();
        int[] req = o.getRequestIndex();
        for (int i = 0; i < req.length; i++) {
            RequestDemand r = requests[req[i]];
            long before = deliveredMicroKw[req[i]];
            long after = before - o.deliveredMicroKwAt(i);
            deliveredMicroKw[req[i]] = after;
            penaltyNanoEur += r.penaltyNanoEur(r.getKwMicro() - after) - r.penaltyNanoEur(r.getKwMicro() - before);
        }
        conflictPairs -= acceptedConflicts[o.getIndex()];
        for (int c : o.getConflicts()) {
            acceptedConflicts[c]--;
        }
    }

    @Override
    public void beforeEntityAdded(Object entity) {}

    @Override
    public void afterEntityAdded(Object entity) {
        insert((OfferChoice) entity);
    }

    @Override
    public void beforeVariableChanged(Object entity, String variableName) {
        retract((OfferChoice) entity);
    }

    @Override
    public void afterVariableChanged(Object entity, String variableName) {
        insert((OfferChoice) entity);
    }

    @Override
    public void beforeEntityRemoved(Object entity) {
        retract((OfferChoice) entity);
    }

    @Override
    public void afterEntityRemoved(Object entity) {}

    @Override
    public HardSoftLongScore calculateScore() {
        return HardSoftLongScore.of(-conflictPairs, -(costNanoEur + penaltyNanoEur));
    }
}
