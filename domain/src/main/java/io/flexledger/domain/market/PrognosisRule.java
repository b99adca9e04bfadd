package io.flexledger.domain.market;

import io.flexledger.domain.units.Kilowatts;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The rule a D-Prognosis of several homes meets: each ISP's Power (W) is the sum of the homes' revealed
 * baselines (kW) times 1000, to the watt. Baselines have 3 decimals of kW and a Power is whole watts, so the
 * comparison is exact: no tolerance. Applied by the chaincode when it records the prognosis and by the UFTP
 * edge before submitting, so that both refuse the same prognoses.
 */
public final class PrognosisRule {
    private PrognosisRule() {}

    /**
     * The first ISP at fault.
     *
     * @param slot the ISP's slot (ISP n is slot n-1)
     * @param stated the Power the prognosis gives (W)
     * @param sum the homes' baselines summed (W)
     */
    public record Mismatch(int slot, long stated, long sum) {}

    /** {@code kw} in whole watts, exactly (a kW value has 3 decimals). */
    public static long watts(Kilowatts kw) {
        return kw.value()
                .movePointRight(3)
                .setScale(0, RoundingMode.UNNECESSARY)
                .longValueExact();
    }

    /**
     * The first slot whose stated watts differ from the sum of {@code baselines} (each one kW value per slot,
     * as many as {@code statedWatts}), or empty when every slot agrees.
     */
    public static Optional<Mismatch> firstMismatch(long[] statedWatts, Collection<List<Kilowatts>> baselines) {
        long[] sum = new long[statedWatts.length];
        for (List<Kilowatts> home : baselines) {
            if (home.size() != statedWatts.length) {
                throw new IllegalArgumentException(
                        "a baseline of " + home.size() + " slots for a prognosis of " + statedWatts.length);
            }
            for (int slot = 0; slot < sum.length; slot++) {
                sum[slot] += watts(home.get(slot));
            }
        }
        for (int slot = 0; slot < sum.length; slot++) {
            if (statedWatts[slot] != sum[slot]) {
                return Optional.of(new Mismatch(slot, statedWatts[slot], sum[slot]));
            }
        }
        return Optional.empty();
    }
}
