package io.flexledger.clearing.community;

/**
 * One home's local-market settlement for the day.
 *
 * @param home the home
 * @param boughtKwh energy bought inside the community
 * @param soldKwh energy sold inside the community
 * @param paidEur what it pays for what it bought
 * @param receivedEur what it receives for what it sold
 */
public record Settlement(String home, double boughtKwh, double soldKwh, double paidEur, double receivedEur) {

    /** What the home receives minus what it pays, EUR. */
    public double netEur() {
        return receivedEur - paidEur;
    }
}
