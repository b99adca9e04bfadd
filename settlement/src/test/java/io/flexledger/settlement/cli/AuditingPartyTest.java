package io.flexledger.settlement.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class AuditingPartyTest {
    private static final UnaryOperator<String> STACK = Map.of(
            "FLEX_API_URL_DSO", "http://127.0.0.1:28081",
            "FLEX_API_URL_AGGREGATOR1", "http://127.0.0.1:28082",
            "FLEX_API_URL_COMMUNITY", "http://127.0.0.1:28084")::get;

    @Test
    void anAggregatorReadsEverythingThroughItsOwnInstanceAsItsOwnClient() {
        AuditingParty p = AuditingParty.of("aggregator1", "own", STACK);

        assertThat(p.clientId()).isEqualTo("aggregator1-agent");
        assertThat(p.api()).isEqualTo(URI.create("http://127.0.0.1:28082"));
        assertThat(p.privateApi()).isEqualTo(p.api());
        assertThat(p.auditor()).isFalse();
        assertThat(p.ownAggregatorMsp()).contains("Aggregator1MSP");
        assertThat(AuditingParty.of("aggregator1", "auditor", STACK).ownAggregatorMsp())
                .isEmpty();
        assertThat(AuditingParty.of("dso", "own", STACK).ownAggregatorMsp()).isEmpty();
    }

    @Test
    void anAuditorReadsThePublicRecordsThroughTheChosenInstanceAndThePrivateDataThroughTheDsos() {
        AuditingParty p = AuditingParty.of("aggregator1", "auditor", STACK);

        assertThat(p.clientId()).isEqualTo("auditor-agent");
        assertThat(p.clientSecret()).isEqualTo("auditor-agent-demo-secret");
        assertThat(p.api()).isEqualTo(URI.create("http://127.0.0.1:28082"));
        assertThat(p.privateApi()).isEqualTo(URI.create("http://127.0.0.1:28081"));
        assertThat(p.describe())
                .contains("aggregator1's API and peer, as auditor-agent", "private data through the DSO's");
    }

    @Test
    void theCommunityAuditsAsTheAuditorItsOwnClientsBeingProsumers() {
        AuditingParty p = AuditingParty.of("community", "own", STACK);

        assertThat(p.auditor()).isTrue();
        assertThat(p.clientId()).isEqualTo("auditor-agent");
        assertThat(p.api()).isEqualTo(URI.create("http://127.0.0.1:28084"));
    }

    @Test
    void aClientNamedInTheEnvironmentIsTheOneUsed() {
        UnaryOperator<String> env = Map.of("FLEX_AUDIT_CLIENT_ID", "dso-agent")::get;

        assertThat(AuditingParty.of("dso", "own", env).clientSecret()).isEqualTo("dso-agent-demo-secret");
    }

    @Test
    void anUnknownOrganisationOrIdentityIsRefusedNamingTheChoices() {
        assertThatThrownBy(() -> AuditingParty.of("orderer", "own", STACK))
                .hasMessageContaining("--org")
                .hasMessageContaining("community")
                .hasMessageContaining("'orderer'");
        assertThatThrownBy(() -> AuditingParty.of("dso", "dso-admin", STACK))
                .hasMessageContaining("--as")
                .hasMessageContaining("'dso-admin'");
    }
}
