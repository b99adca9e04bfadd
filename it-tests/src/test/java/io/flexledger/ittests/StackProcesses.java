package io.flexledger.ittests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The processes of the suite's stack by name (peer0.dso, orderer.dso, api.dso, ...): their PIDs, asked
 * of {@code network.sh pid NAME} where the scripts offer that command (a supervisor keeps the PIDs),
 * read from {@code $FLEX_HOME/pids/NAME.pid} where they do not; and the channel heights of {@code
 * network.sh heights}.
 */
final class StackProcesses {
    private StackProcesses() {}

    /** The PID of {@code name} if it runs now. */
    static Optional<Long> pid(String name) {
        FlexStack.Result asked = FlexStack.network(30, "pid", name);
        if (asked.exit() == 0) {
            String[] lines = asked.output().strip().split("\n");
            String last = lines[lines.length - 1].strip();
            if (last.matches("[0-9]+")) {
                return alive(Long.parseLong(last));
            }
        }
        // Scripts without `pid` answer with their usage (exit 2): the PID file.
        Path file = FlexStack.home().resolve("pids/" + name + ".pid");
        try {
            return Files.isRegularFile(file)
                    ? alive(Long.parseLong(
                            Files.readString(file, StandardCharsets.UTF_8).strip()))
                    : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> alive(long pid) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
    }

    /** Sends SIGKILL to {@code name} and waits for it to end; returns its PID. */
    static long kill(String name) throws Exception {
        long pid = pid(name).orElseThrow(() -> new IllegalStateException(name + " is not running"));
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
        if (!process.destroyForcibly()) {
            throw new IllegalStateException("could not send SIGKILL to " + name + " (PID " + pid + ")");
        }
        process.onExit().get();
        return pid;
    }

    /** Each orderer's and peer's height of the channel, or "down", by name. */
    static Map<String, String> heights() {
        FlexStack.Result r = FlexStack.network(120, "heights");
        Map<String, String> out = new HashMap<>();
        for (String line : r.output().split("\n")) {
            String[] f = line.strip().split(" ");
            if (f.length == 2 && (f[0].startsWith("orderer") || f[0].startsWith("peer"))) {
                out.put(f[0], f[1]);
            }
        }
        return out;
    }
}
