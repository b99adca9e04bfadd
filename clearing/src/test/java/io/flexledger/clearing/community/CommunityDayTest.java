package io.flexledger.clearing.community;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommunityDayTest {

    private static CommunityDay day(double[] imp, double[] exp, List<Feeder> feeders, List<CommunityOrder> orders) {
        return new CommunityDay("d", "agr", 15, 2, imp, exp, feeders, orders);
    }

    private static final double[] IMP = {0.3, 0.3};
    private static final double[] EXP = {0.05, 0.05};
    private static final List<Feeder> FEEDERS = List.of(new Feeder("A", 5, 5), new Feeder("B", 5, 5));

    private static CommunityOrder order(String id, String home, String feeder, int slot, double kw) {
        return new CommunityOrder(id, home, feeder, slot, Side.BUY, false, kw, 0.2);
    }

    @Test
    void badFieldsAreNamedByTheirJsonPath() {
        assertThatThrownBy(() -> day(new double[] {0.3}, EXP, FEEDERS, List.of()))
                .hasMessageStartingWith("$.importPrice: needs 2 entries");
        assertThatThrownBy(() -> day(IMP, new double[] {0.05, 0.4}, FEEDERS, List.of()))
                .hasMessageStartingWith("$.exportPrice[1]: must be <= 0.3");
        assertThatThrownBy(() -> day(IMP, EXP, List.of(new Feeder("A", 5, 5), new Feeder("A", 1, 1)), List.of()))
                .hasMessageStartingWith("$.feeders[1].id: duplicate");
        assertThatThrownBy(() -> day(IMP, EXP, List.of(new Feeder("A", -1, 5)), List.of()))
                .hasMessageStartingWith("$.feeders[0].maxImportKw: must be >= 0");
        assertThatThrownBy(() -> day(IMP, EXP, FEEDERS, List.of(order("o", "h", "C", 0, 1))))
                .hasMessageStartingWith("$.orders[0].feeder: unknown feeder");
        assertThatThrownBy(() -> day(IMP, EXP, FEEDERS, List.of(order("o", "h", "A", 2, 1))))
                .hasMessageStartingWith("$.orders[0].slot: must be in [0, 2)");
        assertThatThrownBy(() -> day(IMP, EXP, FEEDERS, List.of(order("o", "h", "A", 0, Double.NaN))))
                .hasMessageStartingWith("$.orders[0].kw: not a finite number");
        assertThatThrownBy(
                        () -> day(IMP, EXP, FEEDERS, List.of(order("o", "h", "A", 0, 1), order("o", "g", "A", 1, 1))))
                .hasMessageStartingWith("$.orders[1].id: duplicate");
        assertThatThrownBy(
                        () -> day(IMP, EXP, FEEDERS, List.of(order("o1", "h", "A", 0, 1), order("o2", "h", "B", 1, 1))))
                .isInstanceOf(InvalidCommunityException.class)
                .hasMessageStartingWith("$.orders[1].feeder: home \"h\" is behind feeder \"A\"");
    }
}
