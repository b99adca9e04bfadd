package io.flexledger.marketplaceapi.ledger;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while the gRPC channel to any of the organisation's peers is connected (the API fails over
 * between them, decision 0018); says which peer calls go to now.
 */
@Readiness
@ApplicationScoped
public class LedgerReadiness implements HealthCheck {
    private final FabricLedger ledger;

    public LedgerReadiness(FabricLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("ledger")
                .status(ledger.channelReady())
                .withData("msp", ledger.mspId())
                .withData("peer", ledger.currentEndpoint())
                .withData("peers", String.join(",", ledger.endpoints()))
                .build();
    }
}
