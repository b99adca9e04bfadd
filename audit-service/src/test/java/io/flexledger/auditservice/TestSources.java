package io.flexledger.auditservice;

import io.flexledger.domain.settlement.SettlementRule;
import io.flexledger.settlement.audit.Auditor;
import io.flexledger.settlement.audit.PeriodAuditor;
import io.flexledger.settlement.evm.AggregatorAccounts;
import io.flexledger.settlement.evm.InMemorySettlementChain;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;

/** The tests' sources: no billing database, an in-memory chain, and a ledger where nothing listens. */
public class TestSources {

    @Produces
    @Singleton
    AuditSources.Upstreams upstreams() {
        // A port where nothing listens stands for the ledger's API and the bridge being down.
        try (ServerSocket s = new ServerSocket(0)) {
            URI down = URI.create("http://127.0.0.1:" + s.getLocalPort());
            return new AuditSources.Upstreams(down, down);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Produces
    @Singleton
    AuditSources.Stores stores() {
        return new AuditSources.Stores(
                Optional.empty(),
                new InMemorySettlementChain(),
                new PeriodAuditor(
                        new Auditor(SettlementRule.DEFAULT), AggregatorAccounts.ganacheDefaults(), Clock.systemUTC()));
    }
}
