package io.flexledger.domain.time;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The market's calendar: the time zone its days are counted in, the slot length and how long
 * before a day starts its gate closes.
 *
 * @param zone the zone in which a market day runs from midnight to midnight
 * @param slotLength the length of one slot (divides a day)
 * @param gateClosureLead how long before the start of the day the gate closes (no new offers,
 *     requests or baseline commitments for that day afterwards)
 */
public record MarketRules(ZoneId zone, Duration slotLength, Duration gateClosureLead) {
    /** The default: UK time (the Pontypool grid), 15-minute slots, gate closure one hour before the day. */
    public static final MarketRules DEFAULT =
            new MarketRules(ZoneId.of("Europe/London"), Duration.ofMinutes(15), Duration.ofHours(1));

    /**
     * The non-delivery penalty: each kWh ordered but not delivered costs the aggregator this fraction
     * of the order's price (USEF-style; see docs/decisions/0010-settlement-and-disputes.md).
     */
    public static final BigDecimal NON_DELIVERY_PENALTY_FACTOR = new BigDecimal("0.5");

    public MarketRules {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(slotLength, "slotLength");
        Objects.requireNonNull(gateClosureLead, "gateClosureLead");
        // A slot is a whole number of minutes that divides an hour, so that every day has whole slots.
        if (slotLength.isNegative()
                || slotLength.isZero()
                || slotLength.toSeconds() % 60 != 0
                || 3600 % slotLength.toSeconds() != 0) {
            throw new IllegalArgumentException("slotLength must divide an hour into whole minutes: " + slotLength);
        }
        if (gateClosureLead.isNegative()) {
            throw new IllegalArgumentException("gateClosureLead must not be negative");
        }
    }

    /** The market period for {@code day} under these rules. */
    public MarketPeriod period(LocalDate day) {
        return new MarketPeriod(day, zone, slotLength, gateClosureLead);
    }
}
