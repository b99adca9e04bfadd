package io.flexledger.settlement.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The billing store on the schema {@code billing} that Flyway creates, in a real PostgreSQL. */
class BillingStoreTest {
    private final Postgres pg = Postgres.shared();

    @BeforeEach
    void freshDatabase() throws SQLException {
        pg.wipe();
    }

    @Test
    void opensOnAFreshDatabaseAndKeepsItsTableInItsOwnSchema() throws SQLException {
        try (BillingStore store = BillingStore.open(pg.jdbcUrl(), Postgres.USER, Postgres.PASSWORD)) {
            assertThat(store.find("S-none")).isEmpty();
        }
        assertThat(tables(pg, "billing")).containsExactly("billing_settlement", "flyway_schema_history");
        assertThat(tables(pg, "public")).isEmpty();
        assertThat(history(pg, "billing")).containsExactly("1 true", "2 true");
    }

    @Test
    void recordsFindsAndBringsUpToDate() {
        Map<String, String> s = settlement("S-1", "-1.5");
        try (BillingStore store = BillingStore.open(pg.jdbcUrl(), Postgres.USER, Postgres.PASSWORD)) {
            store.record(s);
            // Every billing field as recorded, at the scale it came with.
            Map<String, String> expected = new HashMap<>();
            BillingStore.FIELDS.forEach(f -> expected.put(f, s.get(f)));
            assertThat(store.find("S-1")).contains(expected);
            // After a resolved dispute the ledger's net changes first; recording again follows it.
            store.record(settlement("S-1", "0.1000"));
            assertThat(store.find("S-1")).hasValueSatisfying(f -> assertThat(f).containsEntry("netEur", "0.1000"));
        }
    }

    @Test
    void aSecondOpenIsANoOpAndAnySchemaInTheUrlIsIgnored() {
        try (BillingStore store = BillingStore.open(pg.jdbcUrl(), Postgres.USER, Postgres.PASSWORD)) {
            store.record(settlement("S-2", "0.1000"));
        }
        assertThat(BillingSchema.migrate(pg.jdbcUrl(), Postgres.USER, Postgres.PASSWORD).migrationsExecuted)
                .isZero();
        // The store names its table with the schema: a URL with another current schema finds it too.
        try (BillingStore store =
                BillingStore.open(pg.jdbcUrl() + "?currentSchema=public", Postgres.USER, Postgres.PASSWORD)) {
            assertThat(store.find("S-2")).isPresent();
        }
    }

    static Map<String, String> settlement(String id, String net) {
        return Map.of(
                "id", id,
                "day", "2026-03-02",
                "aggregatorMsp", "Aggregator1MSP",
                "assetId", "home-1",
                "creditedKwh", "0.750000",
                "shortfallKwh", "0.250000",
                "paymentEur", "0.1500",
                "penaltyEur", "0.0500",
                "netEur", net,
                "txId", "tx-" + id);
    }

    /** The tables of {@code schema}, by name. */
    static List<String> tables(Postgres pg, String schema) throws SQLException {
        return column(pg, "select tablename from pg_tables where schemaname = '" + schema + "' order by 1");
    }

    /** The versions in {@code schema}'s Flyway history with whether each succeeded, in order. */
    static List<String> history(Postgres pg, String schema) throws SQLException {
        return column(
                pg,
                "select version || ' ' || success from " + schema
                        + ".flyway_schema_history where version is not null order by installed_rank");
    }

    static List<String> column(Postgres pg, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = pg.connect();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }
}
