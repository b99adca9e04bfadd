package io.flexledger.clearing.solver;

import ai.timefold.solver.test.api.score.stream.ConstraintVerifier;
import org.junit.jupiter.api.Test;

class ClearingConstraintProviderTest {

    private final ConstraintVerifier<ClearingConstraintProvider, ClearingSolution> verifier =
            ConstraintVerifier.build(new ClearingConstraintProvider(), ClearingSolution.class, OfferChoice.class);

    // offer index, asset, conflicts; one request (index 0) served with 2 kW, cost 1 EUR at full
    private static OfferChoice offer(int index, int asset, int[] conflicts, int level) {
        return new OfferChoice(
                index,
                0,
                asset,
                new int[] {0},
                new long[] {2_000_000L},
                1e9,
                conflicts,
                SolverModel.LEVELS.subList(0, OfferChoice.FULL + 1),
                level);
    }

    private static RequestDemand request(long kwMicro) {
        return new RequestDemand(0, 0, kwMicro, 500.0, true); // 0.5 EUR per kW unserved, as nano per micro
    }

    @Test
    void assetSoldTwicePenalisesTwoAcceptedConflictingOffers() {
        OfferChoice a = offer(0, 7, new int[] {1}, 500);
        OfferChoice b = offer(1, 7, new int[] {0}, 1000);
        OfferChoice c = offer(2, 7, new int[] {}, 1000);
        verifier.verifyThat(ClearingConstraintProvider::assetSoldTwice)
                .given(a, b, c)
                .penalizesBy(1);
    }

    @Test
    void assetSoldTwiceIgnoresARejectedOffer() {
        OfferChoice a = offer(0, 7, new int[] {1}, 0);
        OfferChoice b = offer(1, 7, new int[] {0}, 1000);
        verifier.verifyThat(ClearingConstraintProvider::assetSoldTwice)
                .given(a, b)
                .penalizesBy(0);
    }

    @Test
    void offerCostIsFractionTimesFullCost() {
        verifier.verifyThat(ClearingConstraintProvider::offerCost)
                .given(offer(0, 1, new int[] {}, 250), offer(1, 2, new int[] {}, 0))
                .penalizesBy(250_000_000L);
    }

    @Test
    void unservedFlexibilityPricesTheShortfall() {
        // 3 kW needed, one offer delivers 2 kW * 0.5 = 1 kW: 2 kW short at 0.5 EUR/kW = 1 EUR
        verifier.verifyThat(ClearingConstraintProvider::unservedFlexibility)
                .given(request(3_000_000L), offer(0, 1, new int[] {}, 500))
                .penalizesBy(1_000_000_000L);
    }

    @Test
    void unservedFlexibilityIsZeroWhenCovered() {
        verifier.verifyThat(ClearingConstraintProvider::unservedFlexibility)
                .given(request(1_000_000L), offer(0, 1, new int[] {}, 1000))
                .penalizesBy(0);
    }

    @Test
    void unservableRequestIsUnservedInFull() {
        RequestDemand lonely = new RequestDemand(3, 5, 4_000_000L, 250.0, false);
        verifier.verifyThat(ClearingConstraintProvider::unservableRequest)
                .given(lonely, request(1_000_000L))
                .penalizesBy(1_000_000_000L);
    }

    @Test
    void constraintsTogetherGiveTheCost() {
        verifier.verifyThat()
                .given(request(3_000_000L), offer(0, 1, new int[] {}, 1000))
                .scores(ai.timefold.solver.core.api.score.buildin.hardsoftlong.HardSoftLongScore.of(
                        0, -1_000_000_000L - 500_000_000L));
    }
}
