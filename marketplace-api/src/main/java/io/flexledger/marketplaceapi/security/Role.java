package io.flexledger.marketplaceapi.security;

/** The realm roles of the identity provider's {@code flexledger} realm. */
public final class Role {
    private Role() {}

    public static final String PROSUMER = "prosumer";
    public static final String AGGREGATOR = "aggregator";
    public static final String DSO = "dso";
    public static final String AUDITOR = "auditor";
    public static final String ADMIN = "admin";
}
