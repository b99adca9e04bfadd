package io.flexledger.marketplaceapi.ledger;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the gRPC channel to the organisation's peer is connected or connectable. */
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
                .build();
    }
}
