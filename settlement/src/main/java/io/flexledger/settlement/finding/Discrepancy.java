package io.flexledger.settlement.finding;

/**
 * One thing an audit found that does not agree.
 *
 * @param subject what it concerns, e.g. {@code reading meter-7 slot 68} or {@code field netEur}
 * @param detail the exact disagreement, with both values
 */
public record Discrepancy(String subject, String detail) {
    @Override
    public String toString() {
        return subject + ": " + detail;
    }
}
