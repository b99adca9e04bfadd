package io.flexledger.ui;

/** The realm roles of the {@code flexledger} realm. */
public final class Roles {
    private Roles() {}

    public static final String PROSUMER = "prosumer";
    public static final String AGGREGATOR = "aggregator";
    public static final String DSO = "dso";
    public static final String AUDITOR = "auditor";
    public static final String ADMIN = "admin";
}
