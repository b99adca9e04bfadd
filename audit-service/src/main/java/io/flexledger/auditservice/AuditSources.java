package io.flexledger.auditservice;

import io.flexledger.client.StackEndpoints;
import io.flexledger.domain.settlement.SettlementRule;
import io.flexledger.settlement.audit.Auditor;
import io.flexledger.settlement.audit.PeriodAuditor;
import io.flexledger.settlement.billing.BillingStore;
import io.flexledger.settlement.billing.SettlementBilling;
import io.flexledger.settlement.evm.EvmConfig;
import io.flexledger.settlement.evm.EvmSettlementChain;
import io.flexledger.settlement.evm.SettlementChain;
import io.quarkus.arc.DefaultBean;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import java.security.Security;
import java.time.Clock;
import java.util.Optional;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * What an audit reads besides the ledger: the stack's addresses, the billing database and the EVM
 * chain, each opened once, on the first audit (the service answers its health before PostgreSQL or
 * the EVM node do). Tests replace these beans with their own.
 */
@ApplicationScoped
public class AuditSources {

    /** The addresses the audit reads the ledger through, with the caller's token. */
    public record Upstreams(URI api, URI bridge) {}

    /** The audit's reads of the billing database and the EVM chain, and the auditor with its rule. */
    public record Stores(Optional<SettlementBilling> billing, SettlementChain chain, PeriodAuditor auditor) {}

    /**
     * The audit verifies thousands of ECDSA P-256 signatures (readings, endorsements, blocks); Bouncy
     * Castle's verification is several times the JDK's, and gives the same verdicts.
     */
    void onStart(@Observes StartupEvent start) {
        Security.insertProviderAt(new BouncyCastleProvider(), 1);
    }

    @Produces
    @Singleton
    @DefaultBean
    Upstreams upstreams() {
        StackEndpoints stack = StackEndpoints.fromEnvironment();
        return new Upstreams(stack.api("dso"), stack.bridge());
    }

    @Produces
    @Singleton
    @DefaultBean
    Stores stores() {
        StackEndpoints stack = StackEndpoints.fromEnvironment();
        BillingStore billing = BillingStore.open(
                stack.postgresJdbc(),
                env("FLEX_BILLING_USER", "flexledger"),
                env("FLEX_BILLING_PASSWORD", "flexledger-demo"));
        EvmConfig evm = EvmConfig.fromEnvironment();
        return new Stores(
                Optional.of(billing),
                EvmSettlementChain.connect(evm),
                new PeriodAuditor(new Auditor(SettlementRule.DEFAULT), evm.aggregatorAccounts(), Clock.systemUTC()));
    }

    void close(@Disposes Stores stores) throws Exception {
        if (stores.chain() instanceof AutoCloseable c) {
            c.close();
        }
        if (stores.billing().isPresent() && stores.billing().get() instanceof AutoCloseable c) {
            c.close();
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
