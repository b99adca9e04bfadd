package io.flexledger.agents.scenario;

/** The three kinds of day of a week that shape household behaviour. */
public enum DayType {
    WEEKDAY("weekday"),
    SATURDAY("saturday"),
    SUNDAY("sunday");

    private final String label;

    DayType(String label) {
        this.label = label;
    }

    /** Name used in files and reports. */
    public String label() {
        return label;
    }

    /** Whether this is Saturday or Sunday. */
    public boolean weekend() {
        return this != WEEKDAY;
    }
}
