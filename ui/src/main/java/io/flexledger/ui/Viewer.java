package io.flexledger.ui;

import java.util.Optional;
import java.util.Set;

/**
 * The logged-in person as the pages see them.
 *
 * @param user the user name
 * @param roles the realm roles of the access token
 * @param msp the organisation named by the token's {@code msp} claim, if any
 * @param accessToken the access token, propagated to the services
 */
public record Viewer(String user, Set<String> roles, Optional<String> msp, String accessToken) {
    public Viewer {
        roles = Set.copyOf(roles);
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    /** The value of an {@code Authorization} header carrying the token. */
    public String bearer() {
        return "Bearer " + accessToken;
    }
}
