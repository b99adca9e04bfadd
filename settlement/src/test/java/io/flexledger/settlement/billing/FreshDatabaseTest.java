package io.flexledger.settlement.billing;

import static io.flexledger.settlement.billing.BillingStoreTest.column;
import static io.flexledger.settlement.billing.BillingStoreTest.history;
import static io.flexledger.settlement.billing.BillingStoreTest.settlement;
import static io.flexledger.settlement.billing.BillingStoreTest.tables;
import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.settlement.support.LocalServers;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * The device bridge and settlement on one database, as the local stack runs them: each service has a
 * schema and migrations of its own, so whichever starts first (or both at once) the other starts too.
 * The bridge's side is its Flyway configuration as its application.properties gives it, on its
 * migration folder; settlement's side is its real entry, {@link BillingStore#open}.
 */
class FreshDatabaseTest {
    private static final Path BRIDGE = LocalServers.repoRoot().resolve("device-bridge/src/main/resources");
    private static final List<String> BRIDGE_TABLES = List.of(
            "flyway_schema_history",
            "meter_reading",
            "reading_anchor",
            "rejected_reading",
            "sealed_day",
            "sealed_leaf");
    private final Postgres pg = Postgres.shared();

    @BeforeEach
    void freshDatabase() throws SQLException {
        pg.wipe();
    }

    @Test
    void theBridgeUsesItsOwnSchemaAndLooksThere() throws IOException {
        Properties p = bridgeProperties();
        assertThat(p.getProperty("quarkus.flyway.schemas")).isEqualTo("bridge");
        assertThat(p.getProperty("quarkus.datasource.jdbc.additional-jdbc-properties.currentSchema"))
                .isEqualTo("${quarkus.flyway.schemas}");
        // Quarkus' default location, the folder the migrations below are taken from.
        assertThat(p.getProperty("quarkus.flyway.locations", "db/migration")).isEqualTo("db/migration");
    }

    @RepeatedTest(3)
    void bothServicesStartAtTheSameMomentOnAFreshDatabase() throws Exception {
        // Two of each: one schema migrated twice at once is Flyway's lock's business, two schemas are ours.
        List<Integer> executed = race(
                () -> bridgeFlyway().migrate().migrationsExecuted,
                this::openBillingStore,
                () -> bridgeFlyway().migrate().migrationsExecuted,
                this::openBillingStore);
        assertThat(executed.get(0) + executed.get(2)).isEqualTo(3);
        assertBothSchemasComplete();

        // The next start of each is a no-op.
        assertThat(bridgeFlyway().migrate().migrationsExecuted).isZero();
        assertThat(BillingSchema.migrate(pg.jdbcUrl(), Postgres.USER, Postgres.PASSWORD).migrationsExecuted)
                .isZero();
        assertBothSchemasComplete();
    }

    @Test
    void theBridgeStartsAfterSettlementCreatedItsTable() throws Exception {
        // The reported failure: settlement first, then the bridge found a non-empty public schema.
        openBillingStore();
        assertThat(bridgeFlyway().migrate().migrationsExecuted).isEqualTo(3);
        assertBothSchemasComplete();
    }

    @Test
    void anExistingStackKeepsItsRowsInTheNewSchemas() throws Exception {
        // The layout before: the bridge migrated in public (V1, V2), settlement made its table there.
        Flyway.configure()
                .dataSource(pg.jdbcUrl(), Postgres.USER, Postgres.PASSWORD)
                .locations(bridgeLocation())
                .target("2")
                .load()
                .migrate();
        try (Connection c = pg.connect();
                Statement s = c.createStatement()) {
            // The table as the store used to create it, which the first migration reproduces.
            s.execute(new String(
                    BillingSchema.class
                            .getResourceAsStream("/db/billing/V1__billing_settlement.sql")
                            .readAllBytes(),
                    StandardCharsets.UTF_8));
            s.execute("""
                    insert into billing_settlement values ('S-old', '2026-03-01', 'Aggregator1MSP', 'home-1',
                      0.75, 0.25, 0.15, 0.05, 0.10, 'tx-old', '2026-03-02T08:00:00Z');
                    insert into meter_reading values ('meter-1', 'home-1', 'Aggregator1MSP', '2026-03-01', 0,
                      0.25, 1, 'sig-0', now()), ('meter-1', 'home-1', 'Aggregator1MSP', '2026-03-01', 1, 0.5, 2,
                      'sig-1', now());
                    insert into rejected_reading (reason, detail, received_at)
                      values ('REPLAY', 'first', now()), ('MALFORMED', 'second', now());
                    insert into sealed_day values ('2026-03-01', now());
                    insert into reading_anchor values ('2026-03-01', 'Aggregator1MSP', repeat('a', 64), 2, now(), now());
                    insert into sealed_leaf values ('2026-03-01', 'Aggregator1MSP', 0, 'meter-1', 0, repeat('b', 64));
                    """);
        }

        race(() -> bridgeFlyway().migrate().migrationsExecuted, this::openBillingStore);

        assertBothSchemasComplete();
        assertThat(column(pg, "select net_kwh || '/' || sequence from bridge.meter_reading order by slot"))
                .containsExactly("0.250000/1", "0.500000/2");
        assertThat(column(pg, "select day::text from bridge.sealed_day")).containsExactly("2026-03-01");
        assertThat(column(pg, "select root_hex from bridge.reading_anchor")).containsExactly("a".repeat(64));
        assertThat(column(pg, "select leaf_hash from bridge.sealed_leaf")).containsExactly("b".repeat(64));
        // The rejections keep their ids, and new ones follow them.
        try (Connection c = pg.connect();
                Statement s = c.createStatement()) {
            s.execute(
                    "insert into bridge.rejected_reading (reason, detail, received_at) values ('REPLAY', 'third', now())");
        }
        assertThat(column(pg, "select id || ' ' || detail from bridge.rejected_reading order by id"))
                .containsExactly("1 first", "2 second", "3 third");
        assertThat(column(pg, "select (recorded_at = '2026-03-02T08:00:00Z')::text from billing.billing_settlement"))
                .containsExactly("true");
        try (BillingStore store = BillingStore.open(pg.jdbcUrl(), Postgres.USER, Postgres.PASSWORD)) {
            assertThat(store.find("S-old"))
                    .hasValueSatisfying(f ->
                            assertThat(f).containsEntry("creditedKwh", "0.75").containsEntry("netEur", "0.10"));
            store.record(settlement("S-new", "0.2000"));
            assertThat(store.find("S-new")).isPresent();
        }
    }

    private void assertBothSchemasComplete() throws SQLException {
        assertThat(tables(pg, "bridge")).containsExactlyElementsOf(BRIDGE_TABLES);
        assertThat(history(pg, "bridge")).containsExactly("1 true", "2 true", "3 true");
        assertThat(tables(pg, "billing")).containsExactly("billing_settlement", "flyway_schema_history");
        assertThat(history(pg, "billing")).containsExactly("1 true", "2 true");
        assertThat(tables(pg, "public")).isEmpty();
    }

    /** Runs the starts at the same moment (a gate opened once every thread waits at it). */
    @SafeVarargs
    private static List<Integer> race(Callable<Integer>... starts) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(starts.length);
        try {
            CountDownLatch ready = new CountDownLatch(starts.length);
            CountDownLatch gate = new CountDownLatch(1);
            List<Future<Integer>> done = new ArrayList<>();
            for (Callable<Integer> start : starts) {
                done.add(pool.submit(() -> {
                    ready.countDown();
                    gate.await();
                    return start.call();
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            gate.countDown();
            List<Integer> out = new ArrayList<>();
            for (Future<Integer> f : done) {
                out.add(f.get(120, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private int openBillingStore() {
        try (BillingStore store = BillingStore.open(pg.jdbcUrl(), Postgres.USER, Postgres.PASSWORD)) {
            store.find("S-none");
        }
        return 0;
    }

    /** The bridge's Flyway as Quarkus configures it from application.properties. */
    private Flyway bridgeFlyway() throws IOException {
        return Flyway.configure()
                .dataSource(pg.jdbcUrl(), Postgres.USER, Postgres.PASSWORD)
                .schemas(bridgeProperties().getProperty("quarkus.flyway.schemas"))
                .createSchemas(true)
                .locations(bridgeLocation())
                .load();
    }

    private static String bridgeLocation() {
        return "filesystem:" + BRIDGE.resolve("db/migration");
    }

    private static Properties bridgeProperties() throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(BRIDGE.resolve("application.properties"))) {
            p.load(r);
        }
        return p;
    }
}
