package io.flexledger.devicebridge.store;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalPropertiesReader;
import java.sql.SQLException;
import java.util.Map;
import org.flywaydb.core.Flyway;

/** A connection pool and the schema outside Quarkus (the simulator's benchmark and the tests). */
public final class Databases {
    private Databases() {}

    /** A small Agroal pool on {@code jdbcUrl}. */
    public static AgroalDataSource pool(String jdbcUrl, String user, String password, int maxSize) {
        try {
            return AgroalDataSource.from(new AgroalPropertiesReader()
                    .readProperties(Map.of(
                            AgroalPropertiesReader.JDBC_URL,
                            jdbcUrl,
                            AgroalPropertiesReader.PRINCIPAL,
                            user,
                            AgroalPropertiesReader.CREDENTIAL,
                            password,
                            AgroalPropertiesReader.MAX_SIZE,
                            Integer.toString(maxSize),
                            AgroalPropertiesReader.MIN_SIZE,
                            "1",
                            AgroalPropertiesReader.INITIAL_SIZE,
                            "1",
                            AgroalPropertiesReader.PROVIDER_CLASS_NAME,
                            "org.postgresql.Driver"))
                    .get());
        } catch (SQLException e) {
            throw new StoreException("cannot open a pool on " + jdbcUrl, e);
        }
    }

    /** Creates {@code schema} if needed and migrates it to the bridge's tables. */
    public static void migrate(String jdbcUrl, String user, String password, String schema) {
        Flyway.configure()
                .dataSource(jdbcUrl, user, password)
                .schemas(schema)
                .createSchemas(true)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }
}
