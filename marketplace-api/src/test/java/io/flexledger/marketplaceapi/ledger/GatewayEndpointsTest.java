package io.flexledger.marketplaceapi.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The gateway endpoints of flex.fabric.peer-endpoints and flex.fabric.peer-endpoint. */
class GatewayEndpointsTest {
    @Test
    void aListIsKeptInItsOrder() {
        assertThat(GatewayEndpoints.of(Optional.of(List.of("127.0.0.1:7061", "127.0.0.1:7051")), Optional.empty()))
                .containsExactly("127.0.0.1:7061", "127.0.0.1:7051");
    }

    @Test
    void aCommaSeparatedValueIsSplitAndTrimmed() {
        // As the environment passes it (FLEX_FABRIC_PEER_ENDPOINTS), possibly not split by the config.
        assertThat(GatewayEndpoints.of(
                        Optional.of(List.of("127.0.0.1:7051, peer1.dso.flexledger.local:7061")), Optional.empty()))
                .containsExactly("127.0.0.1:7051", "peer1.dso.flexledger.local:7061");
    }

    @Test
    void theListWinsOverTheSingleEndpoint() {
        assertThat(GatewayEndpoints.of(Optional.of(List.of("127.0.0.1:7051")), Optional.of("127.0.0.1:8051")))
                .containsExactly("127.0.0.1:7051");
    }

    @Test
    void theSingleEndpointIsAListOfOne() {
        assertThat(GatewayEndpoints.of(Optional.empty(), Optional.of(" 127.0.0.1:8051 ")))
                .containsExactly("127.0.0.1:8051");
        assertThat(GatewayEndpoints.of(Optional.of(List.of()), Optional.of("[::1]:8051")))
                .containsExactly("[::1]:8051");
    }

    @Test
    void noEndpointAtAllIsAnError() {
        assertThatThrownBy(() -> GatewayEndpoints.of(Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FLEX_FABRIC_PEER_ENDPOINTS");
        assertThatThrownBy(() -> GatewayEndpoints.of(Optional.empty(), Optional.of("  ")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedEndpointsAreNamed() {
        assertThatThrownBy(() -> GatewayEndpoints.of(Optional.of(List.of("127.0.0.1:7051,")), Optional.empty()))
                .hasMessageContaining("stray comma");
        assertThatThrownBy(() -> GatewayEndpoints.of(Optional.of(List.of("127.0.0.1")), Optional.empty()))
                .hasMessageContaining("'127.0.0.1' is not host:port");
        assertThatThrownBy(() -> GatewayEndpoints.of(Optional.of(List.of("127.0.0.1:70x1")), Optional.empty()))
                .hasMessageContaining("no numeric port");
        assertThatThrownBy(() -> GatewayEndpoints.of(Optional.of(List.of("127.0.0.1:70510")), Optional.empty()))
                .hasMessageContaining("port 70510");
        assertThatThrownBy(() -> GatewayEndpoints.of(Optional.of(List.of("host name:7051")), Optional.empty()))
                .hasMessageContaining("no valid host name");
    }

    @Test
    void anEndpointNamedTwiceIsAnError() {
        assertThatThrownBy(() ->
                        GatewayEndpoints.of(Optional.of(List.of("127.0.0.1:7051", "127.0.0.1:7051")), Optional.empty()))
                .hasMessageContaining("named twice");
    }
}
