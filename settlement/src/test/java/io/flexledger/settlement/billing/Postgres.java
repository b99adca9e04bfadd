package io.flexledger.settlement.billing;

import io.flexledger.settlement.support.LocalServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL for the tests, started once per test JVM through
 * {@code network-config/scripts/postgres.sh} (as the device bridge's tests do) on a free loopback
 * port with its runtime folder under {@code target/}, and stopped by its PID when the JVM exits.
 *
 * @param port the server's port
 * @param flexHome the runtime folder (PID file, and the cluster unless run as root)
 * @param data the cluster folder
 */
record Postgres(int port, Path flexHome, Path data) {
    static final String USER = "flexledger";
    static final String PASSWORD = "flexledger-demo";
    private static Postgres shared;

    /** The server of this test JVM, started on first use. */
    static synchronized Postgres shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "postgres-stop"));
        }
        return shared;
    }

    /** The database {@code flexledger}, without a schema in the URL. */
    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/flexledger";
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, PASSWORD);
    }

    /** Back to a fresh database: no schema but public, and no table in it. */
    void wipe() throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute("drop schema if exists bridge, billing cascade");
            List<String> tables = new ArrayList<>();
            try (ResultSet r = s.executeQuery("select tablename from pg_tables where schemaname = 'public'")) {
                while (r.next()) {
                    tables.add(r.getString(1));
                }
            }
            for (String t : tables) {
                s.execute("drop table if exists public." + t + " cascade");
            }
        }
    }

    private static Postgres start() {
        try {
            Path testDir = Path.of(System.getProperty("flexledger.test.dir", "target"));
            Files.createDirectories(testDir);
            Path home = Files.createTempDirectory(testDir.toAbsolutePath(), "postgres-home-");
            int port = LocalServers.freePort();
            // As root the server runs as user postgres, in a folder that user owns (postgres.sh).
            Path data = "0".equals(uid()) ? Path.of("/tmp/flexledger-pg-" + port) : home.resolve("postgres");
            Postgres pg = new Postgres(port, home, data);
            pg.script("start");
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL for the tests", e);
        }
    }

    /**
     * Stops the server through the script (its supervisor stops it, and ends itself with nothing left
     * to supervise) and deletes its folders.
     */
    private void stop() {
        try {
            script("stop");
        } catch (RuntimeException e) {
            System.err.println("postgres: stop failed: " + e.getMessage());
        }
        deleteQuietly(data);
        deleteQuietly(flexHome);
    }

    private void script(String verb) {
        Path script = LocalServers.repoRoot().resolve("network-config/scripts/postgres.sh");
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), verb)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        flexHome.resolve("postgres-script.out").toFile()));
        pb.environment().put("FLEX_HOME", flexHome.toString());
        pb.environment().put("PG_PORT", Integer.toString(port));
        pb.environment().put("PG_DATA", data.toString());
        try {
            Process p = pb.start();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("postgres.sh " + verb + " failed; the tests need the Debian"
                        + " package postgresql. Script output:\n"
                        + Files.readString(flexHome.resolve("postgres-script.out")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running postgres.sh " + verb, e);
        }
    }

    private static String uid() throws IOException {
        Process p = new ProcessBuilder("id", "-u").start();
        return new String(p.getInputStream().readAllBytes()).strip();
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
