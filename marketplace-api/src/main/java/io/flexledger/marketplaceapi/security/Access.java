package io.flexledger.marketplaceapi.security;

import io.flexledger.marketplaceapi.ledger.Ledger;
import io.flexledger.marketplaceapi.ledger.LedgerEvent;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;
import java.util.function.Predicate;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Checks the current request's token against the {@link AccessPolicy} of this instance; the instance's
 * organisation is the one the {@link Ledger} port signs for.
 */
@RequestScoped
public class Access {
    /** The token claim (and, in tests, the identity attribute) naming the caller's organisation. */
    public static final String MSP_CLAIM = "msp";

    private final SecurityIdentity identity;
    private final Ledger ledger;

    public Access(SecurityIdentity identity, Ledger ledger) {
        this.identity = identity;
        this.ledger = ledger;
    }

    /** Throws 401 without a valid token and 403 when the caller may not perform {@code action}. */
    public Caller require(Action action) {
        if (identity.isAnonymous()) {
            throw new UnauthorizedException("a bearer token of the flexledger realm is required");
        }
        Caller caller = caller();
        AccessPolicy.refusal(ledger.mspId(), caller, action).ifPresent(reason -> {
            throw new AccessDeniedException(reason);
        });
        return caller;
    }

    /**
     * Throws 403 unless a record of {@code aggregatorMsp} is shown to {@code caller} through this
     * instance (see {@link AccessPolicy#showsRecordOf}).
     */
    public void requireShown(Caller caller, String aggregatorMsp, String what) {
        if (!AccessPolicy.showsRecordOf(ledger.mspId(), caller, aggregatorMsp)) {
            throw new AccessDeniedException(
                    what + " belongs to " + aggregatorMsp + "; " + ledger.mspId() + "'s instance shows its own only");
        }
    }

    /** Whether a record of {@code aggregatorMsp} is shown to {@code caller} through this instance. */
    public boolean shows(Caller caller, String aggregatorMsp) {
        return AccessPolicy.showsRecordOf(ledger.mspId(), caller, aggregatorMsp);
    }

    /**
     * Which events of this instance's stream go to {@code caller} (see {@link EventAudience}); the
     * test runs outside the request, on the thread that relays the ledger's events.
     */
    public Predicate<LedgerEvent> eventsShownTo(Caller caller) {
        String instanceMsp = ledger.mspId();
        return event -> EventAudience.shows(instanceMsp, caller, event);
    }

    private Caller caller() {
        Object msp = identity.getPrincipal() instanceof JsonWebToken jwt ? jwt.getClaim(MSP_CLAIM) : null;
        if (msp == null) {
            msp = identity.getAttribute(MSP_CLAIM);
        }
        return new Caller(
                identity.getPrincipal().getName(), Optional.ofNullable(msp).map(Object::toString), identity.getRoles());
    }
}
