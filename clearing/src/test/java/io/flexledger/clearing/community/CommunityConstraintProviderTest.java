package io.flexledger.clearing.community;

import ai.timefold.solver.test.api.score.stream.ConstraintVerifier;
import org.junit.jupiter.api.Test;

class CommunityConstraintProviderTest {

    private final ConstraintVerifier<CommunityConstraintProvider, CommunitySolution> verifier =
            ConstraintVerifier.build(new CommunityConstraintProvider(), CommunitySolution.class, OrderMatch.class);

    // index, slot, feeder, side, flexible; 5 kW size; 0.2 micro-EUR per W
    private static OrderMatch order(int index, int slot, int feeder, boolean buys, boolean flexible, int matchedW) {
        return new OrderMatch(index, slot, feeder, buys, flexible, 5000, 0.2, matchedW);
    }

    @Test
    void slotBalancePenalisesTheWattsOutOfBalancePerSlot() {
        // slot 0: 3000 bought, 1000 sold -> 2000; slot 1: 500 sold -> 500; slot 2: balanced
        verifier.verifyThat(CommunityConstraintProvider::slotBalance)
                .given(
                        order(0, 0, 0, true, false, 3000),
                        order(1, 0, 1, false, false, 1000),
                        order(2, 1, 0, false, true, 500),
                        order(3, 2, 0, true, true, 700),
                        order(4, 2, 1, false, false, 700))
                .penalizesBy(2500);
    }

    @Test
    void slotBalanceIsQuietWhenEverySlotBalances() {
        verifier.verifyThat(CommunityConstraintProvider::slotBalance)
                .given(order(0, 0, 0, true, false, 1200), order(1, 0, 1, false, true, 1200))
                .penalizesBy(0);
    }

    @Test
    void feederImportLimitPenalisesTheExcessOfFlexibleFlowOverTheLimit() {
        // feeder 0, slot 0: baseline 1000 W, limit 2000 W; flexible buys 1500 + 800, flexible sell 100 -> 3200
        FeederSlot fs = new FeederSlot(0, 0, 1000, 2000, 3000);
        verifier.verifyThat(CommunityConstraintProvider::feederImportLimit)
                .given(
                        fs,
                        order(0, 0, 0, true, true, 1500),
                        order(1, 0, 0, true, true, 800),
                        order(2, 0, 0, false, true, 100),
                        order(3, 0, 0, true, false, 4000), // firm: already in the baseline
                        order(4, 0, 1, true, true, 4000), // another feeder
                        order(5, 1, 0, true, true, 4000)) // another slot
                .penalizesBy(1200);
    }

    @Test
    void feederImportLimitIsQuietWithinTheLimit() {
        verifier.verifyThat(CommunityConstraintProvider::feederImportLimit)
                .given(new FeederSlot(0, 0, 1000, 2000, 3000), order(0, 0, 0, true, true, 1000))
                .penalizesBy(0);
    }

    @Test
    void feederExportLimitPenalisesTheExcessOfNetExport() {
        // baseline -500 W (exports), limit 1000 W of export; flexible sells 2000 -> net -2500: 1500 too much
        FeederSlot fs = new FeederSlot(2, 3, -500, 4000, 1000);
        verifier.verifyThat(CommunityConstraintProvider::feederExportLimit)
                .given(fs, order(0, 3, 2, false, true, 2000), order(1, 3, 2, false, false, 3000))
                .penalizesBy(1500);
    }

    @Test
    void feederExportLimitIsQuietWhenAFlexibleBuyOffsetsTheSell() {
        FeederSlot fs = new FeederSlot(2, 3, -500, 4000, 1000);
        verifier.verifyThat(CommunityConstraintProvider::feederExportLimit)
                .given(fs, order(0, 3, 2, false, true, 2000), order(1, 3, 2, true, true, 1500))
                .penalizesBy(0);
    }

    @Test
    void buyerValueRewardsMatchedBidsAtTheirPrice() {
        // 3000 W * 0.2 + 1000 W * 0.2 micro-EUR; the ask and the unmatched bid add nothing
        verifier.verifyThat(CommunityConstraintProvider::buyerValue)
                .given(
                        order(0, 0, 0, true, false, 3000),
                        order(1, 1, 0, true, true, 1000),
                        order(2, 0, 0, false, false, 4000),
                        order(3, 0, 0, true, false, 0))
                .rewardsWith(800);
    }

    @Test
    void sellerCostPenalisesMatchedAsksAtTheirPrice() {
        OrderMatch dear = new OrderMatch(0, 0, 0, false, false, 5000, 0.75, 2000);
        verifier.verifyThat(CommunityConstraintProvider::sellerCost)
                .given(dear, order(1, 0, 0, true, false, 3000), order(2, 0, 0, false, true, 500))
                .penalizesBy(1600);
    }

    @Test
    void theRulesTogetherScoreAFeasibleMatchAsItsWelfare() {
        OrderMatch buy = new OrderMatch(0, 0, 0, true, false, 5000, 0.3, 2000);
        OrderMatch sell = new OrderMatch(1, 0, 1, false, true, 5000, 0.1, 2000);
        verifier.verifyThat()
                .given(new FeederSlot(1, 0, 0, 5000, 5000), buy, sell)
                .scores(ai.timefold.solver.core.api.score.buildin.hardsoftlong.HardSoftLongScore.of(0, 400));
    }
}
