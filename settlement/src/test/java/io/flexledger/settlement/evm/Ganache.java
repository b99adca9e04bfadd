package io.flexledger.settlement.evm;

import io.flexledger.settlement.support.LocalServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real ganache node started for tests through {@code network-config/scripts/ganache.sh} on a
 * free loopback port, with its own FLEX_HOME under {@code target/}; {@link #close()} stops it by
 * its PID. Starting fails loudly when the script fails (e.g. no node/npm to install ganache).
 *
 * @param rpcUrl the node's JSON-RPC endpoint
 * @param flexHome the runtime folder of this node (data, logs, PID file)
 * @param pid the node's process id
 */
record Ganache(URI rpcUrl, Path flexHome, long pid, Path script) implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    /** Starts a node on a free port with a fresh runtime folder. */
    static Ganache start() {
        try {
            Path testDir = Path.of(System.getProperty("flexledger.test.dir", "target"));
            Files.createDirectories(testDir);
            Path home = Files.createTempDirectory(testDir.toAbsolutePath(), "ganache-home-");
            return start(home, LocalServers.freePort());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a runtime folder for ganache", e);
        }
    }

    /** Stops this node and starts it again on the same port and data folder. */
    Ganache restarted() throws Exception {
        close();
        return start(flexHome, rpcUrl.getPort());
    }

    private static Ganache start(Path home, int port) {
        Path script = LocalServers.repoRoot().resolve("network-config/scripts/ganache.sh");
        try {
            Path output = home.resolve("ganache-start.out");
            Process process = command(script, home, port, "start", output).start();
            boolean done = process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (!done) {
                process.destroyForcibly();
            }
            if (!done || process.exitValue() != 0) {
                throw new IllegalStateException("ganache could not be started by " + script
                        + (done ? " (exit " + process.exitValue() + ")" : " (no answer in " + START_TIMEOUT + ")")
                        + ". The EVM tests need a real ganache: node and npm must be installed"
                        + " (ganache 7.9.2 comes from the npm registry on first use). Script output:\n"
                        + Files.readString(output));
            }
            // Its PID, from the stack's supervisor (network-config/scripts/stack.sh pid ganache).
            Path pidOut = home.resolve("ganache-pid.out");
            ProcessBuilder pidOf = command(script.resolveSibling("stack.sh"), home, port, "pid", pidOut);
            pidOf.command().add("ganache");
            Process p = pidOf.start();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("ganache started but has no live PID: " + Files.readString(pidOut));
            }
            long pid = Long.parseLong(Files.readString(pidOut).strip());
            return new Ganache(URI.create("http://127.0.0.1:" + port), home, pid, script);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start ganache with " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting ganache", e);
        }
    }

    /** The environment of an {@link EvmConfig} for this node (fresh contracts file in its home). */
    Map<String, String> configEnvironment() {
        return Map.of("FLEX_EVM_RPC_URL", rpcUrl.toString(), "FLEX_HOME", flexHome.toString());
    }

    /** The configuration for this node: defaults except the URL and the runtime folder. */
    EvmConfig config() {
        return EvmConfig.from(name -> null, configEnvironment());
    }

    /** Stops the node through the script (its supervisor sends TERM), then makes sure that PID is gone. */
    @Override
    public void close() throws Exception {
        int port = rpcUrl.getPort();
        Process stop = command(script, flexHome, port, "stop", flexHome.resolve("ganache-stop.out"))
                .start();
        if (!stop.waitFor(30, TimeUnit.SECONDS)) {
            stop.destroyForcibly();
        }
        Optional<ProcessHandle> left = ProcessHandle.of(pid);
        if (left.isPresent() && left.get().isAlive()) {
            left.get().destroyForcibly();
        }
    }

    private static ProcessBuilder command(Path script, Path home, int port, String verb, Path output) {
        ProcessBuilder builder =
                new ProcessBuilder(new java.util.ArrayList<>(List.of("bash", script.toString(), verb)));
        builder.environment().put("FLEX_HOME", home.toString());
        builder.environment().put("GANACHE_PORT", Integer.toString(port));
        builder.redirectErrorStream(true);
        builder.redirectOutput(output.toFile());
        return builder;
    }
}
