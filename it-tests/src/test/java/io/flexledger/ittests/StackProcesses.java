package io.flexledger.ittests;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The processes of the suite's stack by name (peer0.dso, orderer.dso, api.dso, ...): their PIDs, from
 * the stack's supervisor ({@code network.sh pid NAME}), and the channel heights of {@code network.sh
 * heights}.
 */
final class StackProcesses {
    private StackProcesses() {}

    /** The PID of {@code name} if it runs now. */
    static Optional<Long> pid(String name) {
        var pid = FlexStack.pid(name);
        return pid.isPresent() ? alive(pid.getAsLong()) : Optional.empty();
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
