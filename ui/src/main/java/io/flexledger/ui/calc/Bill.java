package io.flexledger.ui.calc;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Map;

/**
 * A home's energy bill of a day with and without its flexibility, under a time-of-use tariff. Without
 * flexibility the home would have used its baseline; with it, it used what was metered and earned the
 * settlement's net amount.
 *
 * @param withoutFlexEur the baseline's energy at the tariff
 * @param energyEur the metered energy at the tariff
 * @param flexNetEur the settlements' net (payment − penalty)
 * @param withFlexEur energy − flexibility net
 */
public record Bill(BigDecimal withoutFlexEur, BigDecimal energyEur, BigDecimal flexNetEur, BigDecimal withFlexEur) {
    /** What the flexibility saved (positive) or cost (negative). */
    public BigDecimal savingEur() {
        return withoutFlexEur.subtract(withFlexEur);
    }

    /**
     * A time-of-use tariff.
     *
     * @param eurPerKwh price outside the peak
     * @param peakEurPerKwh price in the peak
     * @param peakFromHour first local hour of the peak
     * @param peakToHour local hour the peak ends (exclusive)
     */
    public record Tariff(BigDecimal eurPerKwh, BigDecimal peakEurPerKwh, int peakFromHour, int peakToHour) {
        public BigDecimal priceAt(LocalDate day, int slot) {
            int hour = Slots.hourOf(day, slot);
            // Peak price in the evening peak window, the standard price otherwise.
            return hour >= peakFromHour && hour < peakToHour ? peakEurPerKwh : eurPerKwh;
        }
    }

    /**
     * The bill of a day. A slot without a reading counts its baseline both ways, a slot without
     * baseline its reading both ways: only slots with both show the flexibility's effect on energy.
     */
    public static Bill of(
            LocalDate day,
            Tariff tariff,
            Map<Integer, BigDecimal> baselineKw,
            Map<Integer, BigDecimal> meteredKwh,
            BigDecimal flexNetEur) {
        BigDecimal without = BigDecimal.ZERO;
        BigDecimal with = BigDecimal.ZERO;
        for (int s = 0; s < Slots.count(day); s++) {
            BigDecimal baseKwh = baselineKw.containsKey(s) ? baselineKw.get(s).multiply(new BigDecimal("0.25")) : null;
            BigDecimal metKwh = meteredKwh.get(s);
            if (baseKwh == null && metKwh == null) {
                continue;
            }
            BigDecimal price = tariff.priceAt(day, s);
            without = without.add(price.multiply(baseKwh != null ? baseKwh : metKwh));
            with = with.add(price.multiply(metKwh != null ? metKwh : baseKwh));
        }
        BigDecimal energy = eur(with);
        BigDecimal net = eur(flexNetEur);
        return new Bill(eur(without), energy, net, energy.subtract(net));
    }

    private static BigDecimal eur(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_EVEN);
    }
}
