package io.flexledger.tools.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The PIDs of a running stack's processes by name: {@code network-config/scripts/network.sh pids}
 * (lines of {@code NAME PID}) where that command exists, else the files {@code FLEX_HOME/pids/NAME.pid}.
 */
public final class StackProcesses {
    private StackProcesses() {}

    /** Every process of the stack at {@code flexHome}, started from the checkout at {@code root}. */
    public static Map<String, Long> find(Path root, Path flexHome) {
        Map<String, Long> fromScript = fromScript(root);
        return fromScript.isEmpty() ? fromPidFiles(flexHome.resolve("pids")) : fromScript;
    }

    /** {@code NAME PID} lines; lines of another shape are skipped. */
    static Map<String, Long> parseLines(String text) {
        Map<String, Long> pids = new TreeMap<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 2 && f[1].matches("\\d+")) {
                pids.put(f[0], Long.parseLong(f[1]));
            }
        }
        return pids;
    }

    static Map<String, Long> fromPidFiles(Path dir) {
        Map<String, Long> pids = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return pids;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.getFileName().toString().endsWith(".pid")).forEach(f -> {
                try {
                    String text = Files.readString(f).trim();
                    if (text.matches("\\d+")) {
                        String name = f.getFileName().toString();
                        pids.put(name.substring(0, name.length() - 4), Long.parseLong(text));
                    }
                } catch (IOException e) {
                    // removed while listing: the process is stopping
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        return pids;
    }

    private static Map<String, Long> fromScript(Path root) {
        Path script = root.resolve("network-config/scripts/network.sh");
        if (!Files.isExecutable(script)) {
            return Map.of();
        }
        try {
            Process p = new ProcessBuilder(script.toString(), "pids")
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroy();
                return Map.of();
            }
            return parseLines(out);
        } catch (IOException e) {
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
    }
}
