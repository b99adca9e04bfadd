package io.flexledger.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackEndpointsTest {
    @TempDir
    Path dir;

    @Test
    void withoutEnvironmentOrFileTheDefaultStackAnswers() {
        StackEndpoints e = StackEndpoints.of(Map.of(), dir);

        assertThat(e.keycloak()).isEqualTo(URI.create("http://127.0.0.1:8180"));
        assertThat(e.oidc()).isEqualTo(URI.create("http://127.0.0.1:8180/realms/flexledger"));
        assertThat(e.tokenEndpoint().toString())
                .isEqualTo("http://127.0.0.1:8180/realms/flexledger/protocol/openid-connect/token");
        assertThat(e.api("dso")).isEqualTo(URI.create("http://127.0.0.1:8081"));
        assertThat(e.api("Aggregator2")).isEqualTo(URI.create("http://127.0.0.1:8083"));
        assertThat(e.bridge()).isEqualTo(URI.create("http://127.0.0.1:8090"));
        assertThat(e.postgresJdbc()).isEqualTo("jdbc:postgresql://127.0.0.1:5433/flexledger");
        assertThat(e.mqttPort()).isEqualTo(1883);
        assertThat(e.home()).isEqualTo(dir.resolve(".flex"));
    }

    @Test
    void theStacksEnvFileIsReadFromItsHomeAndItsOffsetMovesTheDefaults() throws IOException {
        Path home = Files.createDirectories(dir.resolve("stack"));
        Files.writeString(home.resolve("env"), """
                # written by ./flex up
                FLEX_PORT_OFFSET=100
                FLEX_API_AGGREGATOR1='http://127.0.0.1:9182'
                """);

        StackEndpoints e = StackEndpoints.of(Map.of("FLEX_HOME", "stack"), dir);

        assertThat(e.portOffset()).isEqualTo(100);
        assertThat(e.api("aggregator1")).isEqualTo(URI.create("http://127.0.0.1:9182"));
        assertThat(e.api("dso")).isEqualTo(URI.create("http://127.0.0.1:8181"));
        assertThat(e.keycloak()).isEqualTo(URI.create("http://127.0.0.1:8280"));
        assertThat(e.mqttPort()).isEqualTo(1983);
    }

    @Test
    void anExplicitEnvironmentVariableWinsOverTheFile() throws IOException {
        Files.createDirectories(dir.resolve(".flex"));
        Files.writeString(dir.resolve(".flex/env"), "FLEX_KEYCLOAK_URL=http://127.0.0.1:8280\nFLEX_PORT_OFFSET=100\n");

        StackEndpoints e =
                StackEndpoints.of(Map.of("FLEX_KEYCLOAK_URL", "http://127.0.0.1:7000", "FLEX_PORT_OFFSET", "0"), dir);

        assertThat(e.keycloak()).isEqualTo(URI.create("http://127.0.0.1:7000"));
        assertThat(e.api("community")).isEqualTo(URI.create("http://127.0.0.1:8084"));
    }

    @Test
    void anotherOffsetInTheEnvironmentIsAnotherStackAndTheFileIsNotRead() throws IOException {
        Files.createDirectories(dir.resolve(".flex"));
        Files.writeString(dir.resolve(".flex/env"), "FLEX_PORT_OFFSET=100\nFLEX_API_DSO=http://127.0.0.1:8181\n");

        StackEndpoints e = StackEndpoints.of(Map.of("FLEX_PORT_OFFSET", "20000"), dir);

        assertThat(e.api("dso")).isEqualTo(URI.create("http://127.0.0.1:28081"));
    }

    @Test
    void aMalformedLineIsNamedWithItsNumber() throws IOException {
        Files.createDirectories(dir.resolve(".flex"));
        Files.writeString(dir.resolve(".flex/env"), "FLEX_PORT_OFFSET=0\nnot an assignment\n");

        assertThatThrownBy(() -> StackEndpoints.of(Map.of(), dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("env:2")
                .hasMessageContaining("expected NAME=value");
    }

    @Test
    void anUnknownOrganisationOrABadOffsetIsRefusedWithTheValue() {
        assertThatThrownBy(() -> StackEndpoints.of(Map.of(), dir).api("tso")).hasMessageContaining("'tso'");
        assertThatThrownBy(() -> StackEndpoints.of(Map.of("FLEX_PORT_OFFSET", "ten"), dir))
                .hasMessageContaining("'ten'");
    }
}
