package io.flexledger.marketplaceapi.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    /** A verifier that accepts tokens named "good-EXP" (EXP: epoch seconds) and refuses every other. */
    private static final class FakeVerifier implements IdentityProvider<TokenAuthenticationRequest> {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public Class<TokenAuthenticationRequest> getRequestType() {
            return TokenAuthenticationRequest.class;
        }

        @Override
        public int priority() {
            return 7;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext c) {
            calls.incrementAndGet();
            String token = request.getToken().getToken();
            if (!token.startsWith("good-")) {
                return Uni.createFrom().failure(new AuthenticationFailedException("bad signature"));
            }
            long exp = Long.parseLong(token.substring(5));
            return Uni.createFrom()
                    .item(QuarkusSecurityIdentity.builder()
                            .setPrincipal(jwt("agent", exp))
                            .addRole("aggregator")
                            .addAttribute("msp", "Aggregator1MSP")
                            .build());
        }
    }

    private static JsonWebToken jwt(String name, long exp) {
        return new JsonWebToken() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public Set<String> getClaimNames() {
                return Set.of("exp");
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String claim) {
                return claim.equals("exp") ? (T) Long.valueOf(exp) : null;
            }
        };
    }

    private static final class MovableClock extends Clock {
        Instant now = NOW;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static final AuthenticationRequestContext CONTEXT = new AuthenticationRequestContext() {
        @Override
        public Uni<SecurityIdentity> runBlocking(Supplier<SecurityIdentity> function) {
            return Uni.createFrom().item(function);
        }
    };

    private static SecurityIdentity authenticate(VerifiedTokens tokens, String token) {
        return tokens.authenticate(new TokenAuthenticationRequest(new AccessTokenCredential(token)), CONTEXT)
                .await()
                .indefinitely();
    }

    @Test
    void aTokenIsVerifiedOnceAndItsIdentityReusedWhileItIsValid() {
        FakeVerifier verifier = new FakeVerifier();
        VerifiedTokens tokens = new VerifiedTokens(verifier, Clock.fixed(NOW, ZoneOffset.UTC));
        String token = "good-" + NOW.plusSeconds(300).getEpochSecond();
        SecurityIdentity first = authenticate(tokens, token);
        SecurityIdentity second = authenticate(tokens, token);
        assertThat(verifier.calls).hasValue(1);
        assertThat(second.getPrincipal().getName()).isEqualTo("agent");
        assertThat(second.getRoles()).isEqualTo(first.getRoles()).containsExactly("aggregator");
        assertThat(second.<String>getAttribute("msp")).isEqualTo("Aggregator1MSP");
        assertThat(tokens.priority()).isEqualTo(8);
    }

    @Test
    void anExpiredTokenIsVerifiedAgainSoThatTheVerifierRefusesIt() {
        FakeVerifier verifier = new FakeVerifier();
        MovableClock clock = new MovableClock();
        VerifiedTokens tokens = new VerifiedTokens(verifier, clock);
        String token = "good-" + NOW.plusSeconds(60).getEpochSecond();
        authenticate(tokens, token);
        clock.now = NOW.plusSeconds(60);
        authenticate(tokens, token);
        assertThat(verifier.calls).hasValue(2);
    }

    @Test
    void aVerificationIsReusedAtMostFiveMinutes() {
        FakeVerifier verifier = new FakeVerifier();
        MovableClock clock = new MovableClock();
        VerifiedTokens tokens = new VerifiedTokens(verifier, clock);
        String token = "good-" + NOW.plusSeconds(3600).getEpochSecond();
        authenticate(tokens, token);
        clock.now = NOW.plus(VerifiedTokens.MAX_AGE).minusSeconds(1);
        authenticate(tokens, token);
        assertThat(verifier.calls).hasValue(1);
        clock.now = NOW.plus(VerifiedTokens.MAX_AGE);
        authenticate(tokens, token);
        assertThat(verifier.calls).hasValue(2);
    }

    @Test
    void aRefusedTokenIsRefusedEveryTimeAndNeverRemembered() {
        FakeVerifier verifier = new FakeVerifier();
        VerifiedTokens tokens = new VerifiedTokens(verifier, Clock.fixed(NOW, ZoneOffset.UTC));
        assertThatThrownBy(() -> authenticate(tokens, "forged")).isInstanceOf(AuthenticationFailedException.class);
        assertThatThrownBy(() -> authenticate(tokens, "forged")).isInstanceOf(AuthenticationFailedException.class);
        assertThat(verifier.calls).hasValue(2);
        assertThat(tokens.size()).isZero();
    }

    @Test
    void anAlreadyExpiredTokenIsNotRemembered() {
        FakeVerifier verifier = new FakeVerifier();
        VerifiedTokens tokens = new VerifiedTokens(verifier, Clock.fixed(NOW, ZoneOffset.UTC));
        authenticate(tokens, "good-" + NOW.minusSeconds(1).getEpochSecond());
        assertThat(tokens.size()).isZero();
    }

    @Test
    void theLeastRecentlyUsedTokenIsForgottenBeyondTheLimit() {
        FakeVerifier verifier = new FakeVerifier();
        VerifiedTokens tokens = new VerifiedTokens(verifier, Clock.fixed(NOW, ZoneOffset.UTC));
        long exp = NOW.plusSeconds(300).getEpochSecond();
        String first = "good-" + exp;
        authenticate(tokens, first);
        for (int i = 1; i <= VerifiedTokens.MAX_ENTRIES; i++) {
            authenticate(tokens, "good-" + (exp + i));
        }
        assertThat(tokens.size()).isEqualTo(VerifiedTokens.MAX_ENTRIES);
        int before = verifier.calls.get();
        authenticate(tokens, first); // forgotten: verified again
        assertThat(verifier.calls).hasValue(before + 1);
    }
}
