package io.flexledger.marketplaceapi.security;

import io.quarkus.oidc.runtime.OidcIdentityProvider;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Bearer tokens verified once, then remembered until they expire. An agent sends the same
 * client-credentials token with every request for the token's life (minutes), and verifying it anew
 * each time (parsing the JWT, checking its RSA signature, issuer, audience and lifetime, building the
 * identity) was about a sixth of the CPU this service spent on a posted offer. A token seen before is
 * answered with the identity its first verification built, bound to the current request, for as long
 * as that verification holds: until the token's {@code exp}, and at most {@link #MAX_AGE} after it was
 * verified. A token never verified, expired or refused goes to Quarkus's OIDC verification unchanged,
 * and a refusal is never remembered.
 */
@ApplicationScoped
public class VerifiedTokens implements IdentityProvider<TokenAuthenticationRequest> {
    /** The longest a verification is reused, whatever the token's own lifetime. */
    static final Duration MAX_AGE = Duration.ofMinutes(5);

    /** The most tokens remembered; the least recently used one is forgotten first. */
    static final int MAX_ENTRIES = 1024;

    private static final String ROUTING_CONTEXT = RoutingContext.class.getName();
    private static final String REQUEST_CONTEXT = AuthenticationRequestContext.class.getName();

    private record Verified(SecurityIdentity identity, Instant until) {}

    private final IdentityProvider<TokenAuthenticationRequest> verifier;
    private final Clock clock;
    private final Map<String, Verified> verified = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Verified> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    @Inject
    public VerifiedTokens(OidcIdentityProvider oidc) {
        this(oidc, Clock.systemUTC());
    }

    VerifiedTokens(IdentityProvider<TokenAuthenticationRequest> verifier, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Asked before the OIDC verification, which it calls itself for a token it does not know. */
    @Override
    public int priority() {
        return verifier.priority() + 1;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String token = request.getToken() == null ? null : request.getToken().getToken();
        if (token == null) {
            return verifier.authenticate(request, context);
        }
        Instant now = clock.instant();
        Verified known;
        synchronized (verified) {
            known = verified.get(token);
            if (known != null && !now.isBefore(known.until())) {
                verified.remove(token);
                known = null;
            }
        }
        if (known != null) {
            return Uni.createFrom().item(forRequest(known.identity(), request));
        }
        return verifier.authenticate(request, context).invoke(identity -> remember(token, identity, now));
    }

    /** How many tokens are remembered now. */
    int size() {
        synchronized (verified) {
            return verified.size();
        }
    }

    private void remember(String token, SecurityIdentity identity, Instant verifiedAt) {
        if (!(identity instanceof QuarkusSecurityIdentity)
                || identity.isAnonymous()
                || !(identity.getPrincipal() instanceof JsonWebToken jwt)
                || jwt.getExpirationTime() <= 0) {
            return; // only a JWT with an expiry can be reused safely
        }
        Instant expiry = Instant.ofEpochSecond(jwt.getExpirationTime());
        Instant cap = verifiedAt.plus(MAX_AGE);
        Instant until = expiry.isBefore(cap) ? expiry : cap;
        if (until.isAfter(verifiedAt)) {
            synchronized (verified) {
                verified.put(token, new Verified(identity, until));
            }
        }
    }

    /**
     * The remembered identity with the attributes that belong to one request (its routing context and
     * the blocking-call context OIDC adds) taken from the current request.
     */
    private static SecurityIdentity forRequest(SecurityIdentity identity, TokenAuthenticationRequest request) {
        RoutingContext rc = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (rc == null || !(identity instanceof QuarkusSecurityIdentity)) {
            return identity;
        }
        QuarkusSecurityIdentity.Builder b =
                QuarkusSecurityIdentity.builder(identity).addAttribute(ROUTING_CONTEXT, rc);
        // every attribute that held the first request's routing context now holds this one's
        identity.getAttributes().forEach((name, value) -> {
            if (value instanceof RoutingContext) {
                b.addAttribute(name, rc);
            }
        });
        Object blocking = rc.get(REQUEST_CONTEXT);
        if (blocking != null) {
            b.addAttribute(REQUEST_CONTEXT, blocking);
        }
        return b.build();
    }
}
