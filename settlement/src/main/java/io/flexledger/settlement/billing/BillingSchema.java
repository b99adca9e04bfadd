package io.flexledger.settlement.billing;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The schema {@value #NAME} of the billing store: created and migrated by Flyway from
 * {@value #LOCATION}, with its own {@code flyway_schema_history}. Other services keep their tables in
 * schemas of their own (the device bridge: {@code bridge}), so neither sees the other's tables, and
 * two processes migrating this schema at once are serialised by Flyway's lock.
 */
public final class BillingSchema {
    /** The schema of the billing tables. */
    public static final String NAME = "billing";
    /** Where the migrations are, on the class path. */
    public static final String LOCATION = "classpath:db/billing";

    private BillingSchema() {}

    /** Creates the schema if needed and applies the migrations not yet applied (none: a no-op). */
    public static MigrateResult migrate(String jdbcUrl, String user, String password) {
        return Flyway.configure(BillingSchema.class.getClassLoader())
                .dataSource(jdbcUrl, user, password)
                .schemas(NAME)
                .createSchemas(true)
                .locations(LOCATION)
                .load()
                .migrate();
    }
}
