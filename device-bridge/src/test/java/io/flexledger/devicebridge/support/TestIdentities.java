package io.flexledger.devicebridge.support;

import io.quarkus.arc.Arc;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.test.security.TestIdentityAssociation;
import java.util.Optional;

/**
 * Switches the identity of the requests a Quarkus test sends, within one test method, as
 * {@code @TestSecurity} sets it for the whole method (which must carry a {@code @TestSecurity} so
 * that the test identities are in use at all): a matrix of roles and organisations in one loop.
 */
public final class TestIdentities {
    private TestIdentities() {}

    /** The following requests come from a token of {@code msp} (none when empty) with {@code role}. */
    public static void as(String role, Optional<String> msp) {
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(role + "@" + msp.orElse("none")))
                .addRole(role);
        msp.ifPresent(m -> identity.addAttribute("msp", m));
        Arc.container().instance(TestIdentityAssociation.class).get().setTestIdentity(identity.build());
    }
}
