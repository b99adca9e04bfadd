package io.flexledger.ittests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the whole local stack ({@code ./flex up}) once for the test suite and stops it
 * ({@code ./flex down --wipe}) when the suite ends. A stack that is already running and healthy
 * (a developer's {@code ./flex up}) is used as it is and left running.
 *
 * <p>The Fabric binaries come from {@code network-config/scripts/fabric-binaries.sh} (or
 * {@code FABRIC_BIN}); when they cannot be obtained on this machine the ledger tests are skipped,
 * each with the reason, rather than failed.
 */
public final class FlexStack implements BeforeAllCallback {
    /** The marketplace-api of each organisation. */
    public static final Map<String, String> API = Map.of(
            "DsoMSP", "http://127.0.0.1:8081",
            "Aggregator1MSP", "http://127.0.0.1:8082",
            "Aggregator2MSP", "http://127.0.0.1:8083",
            "CommunityMSP", "http://127.0.0.1:8084");

    private static final Path ROOT =
            Path.of(System.getProperty("flex.root", "..")).toAbsolutePath().normalize();
    private static final Path TEST_HOME =
            Path.of(System.getProperty("flex.home", "target/flex-home")).toAbsolutePath();

    @Override
    public void beforeAll(ExtensionContext context) {
        Started started = context.getRoot()
                .getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Started.class, k -> start(), Started.class);
        Assumptions.assumeTrue(started.unavailable() == null, () -> started.unavailable());
    }

    /** The runtime folder of the running stack (crypto material, logs). */
    public static Path home() {
        return Files.isDirectory(TEST_HOME.resolve("crypto")) ? TEST_HOME : ROOT.resolve(".flex");
    }

    private static Started start() {
        if (run(List.of("./flex", "status"), null, 30).exit() == 0) {
            System.err.println("[it-tests] using the stack that is already running");
            return new Started(null, false);
        }
        if (System.getenv("FABRIC_BIN") == null) {
            Result binaries = run(List.of("network-config/scripts/fabric-binaries.sh"), null, 3600);
            if (binaries.exit() != 0) {
                String reason = "Fabric binaries unavailable on this machine, ledger tests skipped: "
                        + lastLines(binaries.output(), 3);
                System.err.println("[it-tests] WARNING " + reason);
                return new Started(reason, false);
            }
        }
        long t0 = System.nanoTime();
        Result up = run(List.of("./flex", "up"), TEST_HOME, 900);
        if (up.exit() != 0) {
            throw new IllegalStateException(
                    "./flex up failed (exit " + up.exit() + "):\n" + lastLines(up.output(), 40));
        }
        System.err.printf("[it-tests] ./flex up took %.1f s%n", (System.nanoTime() - t0) / 1e9);
        return new Started(null, true);
    }

    /** The suite's stack; closed by JUnit when the whole suite has run. */
    private record Started(String unavailable, boolean ours) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            if (ours) {
                Result down = run(List.of("./flex", "down", "--wipe"), TEST_HOME, 120);
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
