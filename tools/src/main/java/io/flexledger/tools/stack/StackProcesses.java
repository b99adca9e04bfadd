package io.flexledger.tools.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * The processes of a running local stack, as its own scripts know them: their names and live PIDs
 * ({@code network.sh pids}, from the stack's supervisor) and their health ({@code network.sh
 * status}). Ends processes by PID only.
 */
public final class StackProcesses {
    private final Path networkScript;
    private final Path home;

    /**
     * @param checkout the project's checkout (holds {@code network-config/scripts/network.sh})
     * @param home the stack's runtime folder (FLEX_HOME)
     */
    public StackProcesses(Path checkout, Path home) {
        this.networkScript = checkout.resolve("network-config/scripts/network.sh");
        this.home = home;
    }

    /** Every process of the stack at {@code flexHome}, started from the checkout at {@code root}. */
    public static Map<String, Long> find(Path root, Path flexHome) {
        return new StackProcesses(root, flexHome).pids();
    }

    /** {@code NAME PID} lines; lines of another shape are skipped. */
    static Map<String, Long> parseLines(String text) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 2 && f[1].matches("\\d+")) {
                out.put(f[0], Long.parseLong(f[1]));
            }
        }
        return out;
    }

    /** Every running process of the stack, name to PID, in the scripts' order (empty when none runs). */
    public Map<String, Long> pids() {
        Run r = run(List.of("pids"), 30);
        return r.exit == 0 ? parseLines(r.out) : new LinkedHashMap<>();
    }

    /** The live PID of one process, if it runs. */
    public OptionalLong pid(String name) {
        Long pid = pids().get(name);
        return pid == null ? OptionalLong.empty() : OptionalLong.of(pid);
    }

    /** Sends SIGKILL to the process; false if it was not running. */
    public boolean kill(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::destroyForcibly).orElse(false);
    }

    /** Health by process name from {@code network.sh status} (the last word of each line). */
    public Map<String, Boolean> health() {
        return health(List.of());
    }

    /** As {@link #health()}, checking only {@code names} (all when empty). */
    public Map<String, Boolean> health(java.util.Collection<String> names) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        List<String> args = new ArrayList<>();
        args.add("status");
        args.addAll(names);
        Run r = run(args, 120);
        for (String line : r.out.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 2) {
                String state = f[f.length - 1];
                if (state.equals("healthy") || state.equals("unhealthy")) {
                    out.put(f[0], state.equals("healthy"));
                }
            }
        }
        return out;
    }

    private record Run(int exit, String out) {}

    private Run run(List<String> args, int seconds) {
        List<String> cmd = new ArrayList<>();
        cmd.add("bash");
        cmd.add(networkScript.toString());
        cmd.addAll(args);
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().put("FLEX_HOME", home.toString());
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Run(124, "");
            }
            return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Run(127, "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Run(130, "");
        }
    }
}
