package io.flexledger.settlement.cli;

import io.flexledger.client.KeycloakTokens;
import io.flexledger.client.MarketplaceClient;
import io.flexledger.client.RetryPolicy;
import io.flexledger.client.StackEndpoints;
import io.flexledger.domain.community.CommunitySettlementRule;
import io.flexledger.domain.settlement.SettlementRule;
import io.flexledger.settlement.audit.Auditor;
import io.flexledger.settlement.audit.CommunityAuditor;
import io.flexledger.settlement.audit.DayAudit;
import io.flexledger.settlement.audit.PeriodAuditor;
import io.flexledger.settlement.audit.PeriodReport;
import io.flexledger.settlement.billing.BillingStore;
import io.flexledger.settlement.blocks.BlockVerifier;
import io.flexledger.settlement.blocks.LedgerBlockSource;
import io.flexledger.settlement.evm.EvmConfig;
import io.flexledger.settlement.evm.EvmSettlementChain;
import io.flexledger.settlement.ledger.MarketLedger;
import io.flexledger.settlement.settle.CommunitySettler;
import io.flexledger.settlement.settle.DaySettler;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code ./flex settle --day D} and {@code ./flex audit --period D}. Endpoints and credentials come
 * from the environment, with the local stack's defaults:
 *
 * <pre>
 * FLEX_API_DSO        the DSO's marketplace-api   (the stack's endpoints: api-client StackEndpoints,
 * FLEX_BRIDGE_URL     the device bridge            written by ./flex up to $FLEX_HOME/env)
 * FLEX_KEYCLOAK_URL   Keycloak, realm flexledger
 * FLEX_CLIENT_ID      dso-agent                   client-credential client (an auditor's client for audits)
 * FLEX_CLIENT_SECRET  dso-agent-demo-secret
 * FLEX_API_DSO, FLEX_API_AGGREGATOR1, FLEX_API_AGGREGATOR2, FLEX_API_COMMUNITY
 *                     the instance an audit reads the records and blocks through ({@code --org}, default
 *                     dso), as FLEX_AUDIT_CLIENT_ID / FLEX_AUDIT_CLIENT_SECRET (default {@code <org>-agent},
 *                     or {@code auditor-agent} with {@code --as auditor} and for the community; demo secret)
 * FLEX_API_AGGREGATOR1, FLEX_API_AGGREGATOR2
 *                     settle: each community's members are settled through its operator's instance, as
 *                     FLEX_AGGREGATOR1_CLIENT_ID / _SECRET (default aggregator1-agent, demo secret), and 2
 * FLEX_PG_URL         the stack's PostgreSQL (user flexledger; schema billing, migrated first)
 * FLEX_EVM_*          see EvmConfig
 * </pre>
 *
 * Exit codes: 0 done (audit: everything verified), 1 audit found discrepancies or settle left orders
 * (or community members with trades) unsettled, 2 usage, 3 a service could not be reached, 4 audit: nothing to audit (no settlement and no
 * EVM root for the day; no order, or none that can be settled yet).
 */
public final class SettlementCommand {
    /** Parallel calls to the ledger by default (the gate-closure clearing uses as many). */
    static final int DEFAULT_WORKERS = 8;

    /**
     * The exit code of an audit with nothing to audit: neither 0 (nothing was verified) nor 3 (which
     * says a service could not be reached).
     */
    static final int EXIT_NOTHING_TO_AUDIT = 4;

    static final String USAGE = "usage: settle --day YYYY-MM-DD [--workers N] | audit --period YYYY-MM-DD"
            + " [--workers N] [--org dso|aggregator1|aggregator2|community] [--as own|auditor]\n"
            + "exit codes: 0 settled / verified, 1 orders left unsettled / discrepancies, 2 usage,"
            + " 3 a service could not be reached, " + EXIT_NOTHING_TO_AUDIT
            + " nothing to audit (no settlement and no EVM root for the day)";

    private SettlementCommand() {}

    public static void main(String[] args) {
        // The audit verifies thousands of ECDSA P-256 signatures (readings, endorsements, blocks); Bouncy
        // Castle's verification is several times the JDK's, and gives the same verdicts.
        java.security.Security.insertProviderAt(new org.bouncycastle.jce.provider.BouncyCastleProvider(), 1);
        int code = run(args, System.out, System.err);
        if (code >= 0) {
            System.exit(code);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String usage = USAGE;
        if (args.length < 3
                || args.length % 2 == 0
                || !(args[0].equals("settle") && args[1].equals("--day")
                        || args[0].equals("audit") && args[1].equals("--period"))) {
            err.println(usage);
            return 2;
        }
        LocalDate day;
        try {
            day = LocalDate.parse(args[2]);
        } catch (DateTimeParseException e) {
            err.println(args[1] + ": '" + args[2] + "' is not a date (YYYY-MM-DD)");
            return 2;
        }
        int workers = DEFAULT_WORKERS;
        String org = "dso";
        String as = "own";
        for (int i = 3; i < args.length; i += 2) {
            String option = args[i];
            String value = args[i + 1];
            if (option.equals("--workers")) {
                if (!value.matches("[1-9][0-9]?")) {
                    err.println("--workers: expected a number of parallel calls from 1 to 99, got '" + value + "'");
                    return 2;
                }
                workers = Integer.parseInt(value);
            } else if (option.equals("--org") && args[0].equals("audit")) {
                org = value;
            } else if (option.equals("--as") && args[0].equals("audit")) {
                as = value;
            } else {
                err.println("unknown option '" + option + "'\n" + usage);
                return 2;
            }
        }
        AuditingParty party;
        try {
            party = AuditingParty.of(org, as, System.getenv(), stack());
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        String keycloak = stack().keycloak().toString();
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        RetryPolicy retry = RetryPolicy.defaults();
        KeycloakTokens tokens = new KeycloakTokens(
                KeycloakTokens.endpoint(URI.create(keycloak), "flexledger"),
                env("FLEX_CLIENT_ID", "dso-agent"),
                env("FLEX_CLIENT_SECRET", "dso-agent-demo-secret"),
                http,
                retry,
                Clock.systemUTC());
        Duration timeout = Duration.ofSeconds(60);
        MarketLedger ledger = new MarketLedger(
                new MarketplaceClient(stack().api("dso"), tokens, http, retry, timeout),
                new MarketplaceClient(stack().bridge(), tokens, http, retry, timeout));
        EvmConfig evm = EvmConfig.fromEnvironment();
        try (BillingStore billing = BillingStore.open(
                        stack().postgresJdbc(),
                        env("FLEX_BILLING_USER", "flexledger"),
                        env("FLEX_BILLING_PASSWORD", "flexledger-demo"));
                EvmSettlementChain chain = EvmSettlementChain.connect(evm)) {
            if (args[0].equals("settle")) {
                DaySettler.Outcome o =
                        new DaySettler(ledger, billing, chain, evm.aggregatorAccounts(), out, workers).settle(day);
                out.printf(
                        "settled %d order(s) now, %d skipped; %d settlement(s) on the ledger; %d payout(s); root %s%n",
                        o.settled().size(), o.skipped().size(), o.settlements(), o.payouts(), o.rootHex());
                o.skipped().forEach(s -> out.println("  skipped " + s));
                if (!o.unsettled().isEmpty()) {
                    out.printf(
                            "%d order(s) of %s left unsettled: run ./flex settle --day %s again%n",
                            o.unsettled().size(), day, day);
                }
                CommunitySettler.Outcome c =
                        new CommunitySettler(ledger, operators(keycloak, http, retry, timeout), out).settle(day);
                out.printf(
                        "settled %d community member(s) now, %d before, %d skipped%n",
                        c.settled().size(), c.existing().size(), c.skipped().size());
                c.skipped().forEach(s -> out.println("  skipped " + s));
                return o.skipped().isEmpty()
                                && o.unsettled().isEmpty()
                                && c.skipped().isEmpty()
                        ? 0
                        : 1;
            }
            // The records and the blocks come through the auditing party's organisation's own API and peer,
            // as its own client (or the auditor's); the DSO's API is only what settlement writes through.
            boolean asSettlement =
                    party.org().equals("dso") && !party.auditor() && System.getenv("FLEX_AUDIT_CLIENT_ID") == null;
            MarketLedger auditLedger = asSettlement ? ledger : auditLedger(party, keycloak, http, retry, timeout);
            out.println("audit of " + day + " read through " + party.describe());
            DayAudit audit = new DayAudit(
                    auditLedger,
                    Optional.of(billing),
                    chain,
                    new PeriodAuditor(new Auditor(SettlementRule.DEFAULT), evm.aggregatorAccounts(), Clock.systemUTC()),
                    err,
                    workers,
                    Optional.of(new DayAudit.Blocks(
                            new BlockVerifier(new LedgerBlockSource(auditLedger), Optional.empty(), workers),
                            party.org())));
            // A community's statements are re-derived by one of its organisations (its operator); any other
            // party is told it cannot read them.
            audit = audit.withCommunities(
                    party.communities().isEmpty()
                            ? DayAudit.Communities.notReadable(party.communitiesNotReadable())
                            : DayAudit.Communities.of(
                                    party.communities(),
                                    new CommunityAuditor(CommunitySettlementRule.DEFAULT),
                                    Clock.systemUTC()));
            // An aggregator reading as itself sees its own settlements: the audit is of those.
            PeriodReport report = party.ownAggregatorMsp()
                    .map(audit::ofAggregator)
                    .orElse(audit)
                    .audit(day);
            out.print(report.toText());
            return exitCode(report);
        } catch (IllegalStateException | io.flexledger.client.ApiProblemException e) {
            err.println("error: " + e.getMessage());
            return 3;
        }
    }

    /** The exit code of an audit: 0 verified, 1 discrepancies, {@value #EXIT_NOTHING_TO_AUDIT} nothing to audit. */
    static int exitCode(PeriodReport report) {
        return switch (report.state()) {
            case VERIFIED -> 0;
            case DISCREPANCIES -> 1;
            case NOTHING_TO_AUDIT -> EXIT_NOTHING_TO_AUDIT;
        };
    }

    /** Each aggregator's community, settled through the operator's own instance as its own client. */
    private static List<CommunitySettler.Operator> operators(
            String keycloak, HttpClient http, RetryPolicy retry, Duration timeout) {
        List<CommunitySettler.Operator> out = new ArrayList<>();
        for (String org : List.of("aggregator1", "aggregator2")) {
            String prefix = "FLEX_" + org.toUpperCase(java.util.Locale.ROOT) + "_CLIENT_";
            String client = env(prefix + "ID", org + "-agent");
            KeycloakTokens tokens = new KeycloakTokens(
                    KeycloakTokens.endpoint(URI.create(keycloak), "flexledger"),
                    client,
                    env(prefix + "SECRET", client + "-demo-secret"),
                    http,
                    retry,
                    Clock.systemUTC());
            out.add(new CommunitySettler.Operator(
                    "A" + org.substring(1) + "MSP",
                    new MarketplaceClient(stack().api(org), tokens, http, retry, timeout).community()));
        }
        return out;
    }

    /** The ledger as the auditing party reads it: its organisation's API, with its client's tokens. */
    private static MarketLedger auditLedger(
            AuditingParty party, String keycloak, HttpClient http, RetryPolicy retry, Duration timeout) {
        KeycloakTokens tokens = new KeycloakTokens(
                KeycloakTokens.endpoint(URI.create(keycloak), "flexledger"),
                party.clientId(),
                party.clientSecret(),
                http,
                retry,
                Clock.systemUTC());
        return new MarketLedger(
                new MarketplaceClient(party.api(), tokens, http, retry, timeout),
                new MarketplaceClient(party.privateApi(), tokens, http, retry, timeout),
                new MarketplaceClient(stack().bridge(), tokens, http, retry, timeout));
    }

    /** The stack's endpoints (environment, then {@code $FLEX_HOME/env}, then the defaults). */
    private static StackEndpoints stack() {
        return StackEndpoints.fromEnvironment();
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
