package io.flexledger.settlement.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexledger.client.StackEndpoints;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditingPartyTest {
    private static final Map<String, String> ENV = Map.of(
            "FLEX_API_DSO", "http://127.0.0.1:28081",
            "FLEX_API_AGGREGATOR1", "http://127.0.0.1:28082",
            "FLEX_API_COMMUNITY", "http://127.0.0.1:28084");

    private static AuditingParty party(String org, String as) {
        return party(org, as, ENV);
    }

    private static AuditingParty party(String org, String as, Map<String, String> env) {
        return AuditingParty.of(org, as, env, StackEndpoints.of(env, Path.of("target/no-stack")));
    }

    @Test
    void anAggregatorReadsEverythingThroughItsOwnInstanceAsItsOwnClient() {
        AuditingParty p = party("aggregator1", "own");

        assertThat(p.clientId()).isEqualTo("aggregator1-agent");
        assertThat(p.api()).isEqualTo(URI.create("http://127.0.0.1:28082"));
        assertThat(p.privateApi()).isEqualTo(p.api());
        assertThat(p.auditor()).isFalse();
        assertThat(p.ownAggregatorMsp()).contains("Aggregator1MSP");
        assertThat(party("aggregator1", "auditor").ownAggregatorMsp()).isEmpty();
        assertThat(party("dso", "own").ownAggregatorMsp()).isEmpty();
    }

    @Test
    void anAuditorReadsThePublicRecordsThroughTheChosenInstanceAndThePrivateDataThroughTheDsos() {
        AuditingParty p = party("aggregator1", "auditor");

        assertThat(p.clientId()).isEqualTo("auditor-agent");
        assertThat(p.clientSecret()).isEqualTo("auditor-agent-demo-secret");
        assertThat(p.api()).isEqualTo(URI.create("http://127.0.0.1:28082"));
        assertThat(p.privateApi()).isEqualTo(URI.create("http://127.0.0.1:28081"));
        assertThat(p.describe())
                .contains("aggregator1's API and peer, as auditor-agent", "private data through the DSO's");
    }

    @Test
    void onlyAnOperatorAuditingAsItselfReadsItsCommunitysStatements() {
        assertThat(party("aggregator1", "own").communities()).containsExactly("Aggregator1MSP");
        // The DSO, an auditor and CommunityMSP's prosumer clients read no community's private data: said so.
        assertThat(party("dso", "own").communities()).isEmpty();
        assertThat(party("dso", "own").communitiesNotReadable()).startsWith("the DSO reads no community's");
        assertThat(party("aggregator1", "auditor").communities()).isEmpty();
        assertThat(party("aggregator1", "auditor").communitiesNotReadable()).startsWith("an auditor reads no");
        assertThat(party("community", "own").communities()).isEmpty();
        assertThat(party("community", "own").communitiesNotReadable())
                .startsWith("CommunityMSP's own clients are prosumers");
    }

    @Test
    void theCommunityAuditsAsTheAuditorItsOwnClientsBeingProsumers() {
        AuditingParty p = party("community", "own");

        assertThat(p.auditor()).isTrue();
        assertThat(p.clientId()).isEqualTo("auditor-agent");
        assertThat(p.api()).isEqualTo(URI.create("http://127.0.0.1:28084"));
    }

    @Test
    void aClientNamedInTheEnvironmentIsTheOneUsed() {
        Map<String, String> env = Map.of("FLEX_AUDIT_CLIENT_ID", "dso-agent");

        assertThat(party("dso", "own", env).clientSecret()).isEqualTo("dso-agent-demo-secret");
    }

    @Test
    void anUnknownOrganisationOrIdentityIsRefusedNamingTheChoices() {
        assertThatThrownBy(() -> party("orderer", "own"))
                .hasMessageContaining("--org")
                .hasMessageContaining("community")
                .hasMessageContaining("'orderer'");
        assertThatThrownBy(() -> party("dso", "dso-admin"))
                .hasMessageContaining("--as")
                .hasMessageContaining("'dso-admin'");
    }
}
