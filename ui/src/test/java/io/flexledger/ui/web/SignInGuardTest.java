package io.flexledger.ui.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SignInGuardTest {
    @Test
    void pagesWithoutSessionAreChecked() {
        assertThat(SignInGuard.needsSignIn("/dso", false)).isTrue();
        assertThat(SignInGuard.needsSignIn("/", false)).isTrue();
        assertThat(SignInGuard.needsSignIn("/live/dso", false)).isTrue();
    }

    @Test
    void sessionsAndStaticFilesAreNot() {
        assertThat(SignInGuard.needsSignIn("/dso", true)).isFalse();
        assertThat(SignInGuard.needsSignIn("/webjars/chart.js/dist/chart.umd.js", false))
                .isFalse();
        assertThat(SignInGuard.needsSignIn("/app.js", false)).isFalse();
        assertThat(SignInGuard.needsSignIn("/q/health", false)).isFalse();
    }
}
