package io.flexledger.ittests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the suite's own local stack ({@code ./flex up}) once for the test suite and stops it
 * ({@code ./flex down --wipe}) when the suite ends. The stack has its own runtime folder
 * ({@code flex.home}, under {@code target/}) and its own ports: every port of the demo stack plus
 * {@code flex.port.offset} (20000 by default), so the suite runs beside a developer's stack and
 * never reads or writes one it did not start.
 *
 * <p>The Fabric binaries come from {@code network-config/scripts/fabric-binaries.sh} ({@code
 * FABRIC_BIN}, the cache, the offline archive of {@code FABRIC_DIST}, ...). When they cannot be
 * obtained the ledger tests are skipped, each with the reason, except in CI ({@code CI=true}),
 * where a skipped ledger test would hide a broken ledger: there the suite fails.
 */
public final class FlexStack implements BeforeAllCallback {
    /** Added to every port of the demo stack to give the suite's stack its ports. */
    public static final int PORT_OFFSET = Integer.getInteger("flex.port.offset", 20000);

    /** The marketplace-api of each organisation. */
    public static final Map<String, String> API = Map.of(
            "DsoMSP", url(8081),
            "Aggregator1MSP", url(8082),
            "Aggregator2MSP", url(8083),
            "CommunityMSP", url(8084));

    private static final Path ROOT =
            Path.of(System.getProperty("flex.root", "..")).toAbsolutePath().normalize();
    private static final Path TEST_HOME =
            Path.of(System.getProperty("flex.home", "target/flex-home")).toAbsolutePath();

    /** The suite stack's port for a port of the demo stack (e.g. 7051 for the DSO's peer). */
    public static int port(int demoPort) {
        return demoPort + PORT_OFFSET;
    }

    /** {@code http://127.0.0.1:PORT} for a port of the demo stack, moved to the suite's stack. */
    public static String url(int demoPort) {
        return "http://127.0.0.1:" + port(demoPort);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // A failed expectation prints the exchange, so that a CI log says why (a problem+json's detail).
        io.restassured.RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        Started started = context.getRoot()
                .getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Started.class, k -> start(), Started.class);
        Assumptions.assumeTrue(started.unavailable() == null, () -> started.unavailable());
    }

    /** The runtime folder of the suite's stack (crypto material, logs). */
    public static Path home() {
        return TEST_HOME;
    }

    private static Started start() {
        Result binaries = run(List.of("network-config/scripts/fabric-binaries.sh"), null, 3600);
        if (binaries.exit() != 0) {
            String reason = "Fabric binaries unavailable on this machine, ledger tests skipped: "
                    + lastLines(binaries.output(), 6);
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("CI must run the ledger tests, but " + reason);
            }
            System.err.println("[it-tests] WARNING " + reason);
            return new Started(reason, false);
        }
        long t0 = System.nanoTime();
        Result up = run(List.of("./flex", "up"), TEST_HOME, 1200);
        if (up.exit() != 0) {
            String logs = logTails();
            Result down = run(List.of("./flex", "down"), TEST_HOME, 180);
            // The output of ./flex up last: it names the step that failed, and a CI log shows its end.
            throw new IllegalStateException("./flex up failed (exit " + up.exit() + "); process logs:\n" + logs
                    + "\n./flex down: exit " + down.exit() + "\n---- ./flex up (last lines)\n"
                    + lastLines(up.output(), 40));
        }
        System.err.printf(
                "[it-tests] ./flex up took %.1f s (FLEX_HOME %s, port offset %d)%n",
                (System.nanoTime() - t0) / 1e9, TEST_HOME, PORT_OFFSET);
        return new Started(null, true);
    }

    /** The last lines of every process log of the suite's stack, for a stack that did not start. */
    private static String logTails() {
        Path logs = TEST_HOME.resolve("logs");
        if (!Files.isDirectory(logs)) {
            return "(no logs in " + logs + ")";
        }
        StringBuilder out = new StringBuilder();
        Path pgLog = TEST_HOME.resolve("postgres/server.log");
        try (var files = Stream.concat(Files.list(logs), Stream.of(pgLog).filter(Files::isRegularFile))) {
            for (Path log : files.sorted().toList()) {
                out.append("---- ")
                        .append(TEST_HOME.relativize(log))
                        .append(" (last lines)\n")
                        .append(lastLines(Files.readString(log, StandardCharsets.UTF_8), 8))
                        .append('\n');
            }
        } catch (IOException e) {
            out.append("(cannot read ").append(logs).append(": ").append(e).append(")");
        }
        return out.toString();
    }

    /** The suite's stack; closed by JUnit when the whole suite has run. */
    private record Started(String unavailable, boolean ours) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            if (ours && !Boolean.getBoolean("flex.keep-stack")) {
                Result down = run(List.of("./flex", "down", "--wipe"), TEST_HOME, 180);
                System.err.println("[it-tests] ./flex down --wipe: exit " + down.exit());
            }
        }
    }

    /** What a command printed (stdout and stderr) and its exit code. */
    record Result(int exit, String output) {}

    /** Runs {@code ./flex ARGS} from the checkout against the running stack's runtime folder. */
    static Result flex(int timeoutSeconds, String... args) {
        List<String> command = new ArrayList<>();
        command.add("./flex");
        command.addAll(List.of(args));
        return run(command, home(), timeoutSeconds);
    }

    /** Runs {@code network-config/scripts/network.sh ARGS} (e.g. {@code restart orderer.dso}) on the running stack. */
    static Result network(int timeoutSeconds, String... args) {
        List<String> command = new ArrayList<>();
        command.add("network-config/scripts/network.sh");
        command.addAll(List.of(args));
        return run(command, home(), timeoutSeconds);
    }

    /** The live PID of one process of the running stack ({@code network.sh pid NAME}), if it runs. */
    static java.util.OptionalLong pid(String name) {
        Result r = network(60, "pid", name);
        String out = r.output().strip();
        if (r.exit() != 0 || !out.matches("[0-9]+")) {
            return java.util.OptionalLong.empty();
        }
        return java.util.OptionalLong.of(Long.parseLong(out));
    }

    /** Runs {@code network-config/scripts/services.sh ARGS} (e.g. {@code restart mosquitto}) on the running stack. */
    static Result services(String... args) {
        List<String> command = new ArrayList<>();
        command.add("network-config/scripts/services.sh");
        command.addAll(List.of(args));
        Result r = run(command, home(), 180);
        if (r.exit() != 0) {
            throw new IllegalStateException("services.sh " + String.join(" ", args) + " failed:\n" + r.output());
        }
        return r;
    }

    private static Result run(List<String> command, Path flexHome, int timeoutSeconds) {
        try {
            ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command))
                    .directory(ROOT.toFile())
                    .redirectErrorStream(true);
            if (flexHome != null) {
                pb.environment().put("FLEX_HOME", flexHome.toString());
            }
            pb.environment().put("FLEX_PORT_OFFSET", Integer.toString(PORT_OFFSET));
            Path log = Files.createTempFile("flex-it", ".log");
            pb.redirectOutput(log.toFile());
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(124, Files.readString(log, StandardCharsets.UTF_8) + "\n(timed out)");
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            Files.deleteIfExists(log);
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            return new Result(127, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(130, "interrupted");
        }
    }

    private static String lastLines(String text, int n) {
        String[] lines = text.strip().split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - n), lines.length));
    }
}
