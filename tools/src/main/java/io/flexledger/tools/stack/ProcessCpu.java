package io.flexledger.tools.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of a stack's processes from {@code /proc/PID/stat} (user + system time), each process
 * counted with every descendant it started (a wrapper script and the JVM it runs, say).
 */
public final class ProcessCpu {
    /** Clock ticks per second of {@code /proc} times ({@code getconf CLK_TCK}; 100 on Linux). */
    static final double TICKS_PER_SECOND = 100.0;

    private final Path proc;

    /** Reads {@code /proc}. */
    public ProcessCpu() {
        this(Path.of("/proc"));
    }

    ProcessCpu(Path proc) {
        this.proc = proc;
    }

    /** CPU seconds used so far by each named process with its descendants (absent: it is not running). */
    public Map<String, Double> snapshot(Map<String, Long> pids) {
        Map<Long, Stat> all = readAll();
        Map<Long, List<Long>> children = new HashMap<>();
        for (Stat s : all.values()) {
            children.computeIfAbsent(s.ppid(), k -> new ArrayList<>()).add(s.pid());
        }
        Map<String, Double> seconds = new LinkedHashMap<>();
        pids.forEach((name, pid) -> {
            if (all.containsKey(pid)) {
                seconds.put(name, treeTicks(pid, all, children) / TICKS_PER_SECOND);
            }
        });
        return seconds;
    }

    /** CPU seconds used by this JVM so far. */
    public double self() {
        Stat s = read(proc.resolve("self/stat"));
        return s == null ? 0 : s.ticks() / TICKS_PER_SECOND;
    }

    private static long treeTicks(long pid, Map<Long, Stat> all, Map<Long, List<Long>> children) {
        long ticks = all.get(pid).ticks();
        for (long child : children.getOrDefault(pid, List.of())) {
            if (child != pid && all.containsKey(child)) {
                ticks += treeTicks(child, all, children);
            }
        }
        return ticks;
    }

    private Map<Long, Stat> readAll() {
        Map<Long, Stat> all = new HashMap<>();
        try (Stream<Path> entries = Files.list(proc)) {
            entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .forEach(p -> {
                        Stat s = read(p.resolve("stat"));
                        if (s != null) {
                            all.put(s.pid(), s);
                        }
                    });
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + proc + ": " + e.getMessage(), e);
        }
        return all;
    }

    private static Stat read(Path stat) {
        try {
            return parse(Files.readString(stat));
        } catch (IOException | RuntimeException e) {
            return null; // the process ended meanwhile
        }
    }

    /** One {@code /proc/PID/stat} line: pid, parent and utime + stime in ticks. */
    record Stat(long pid, long ppid, long ticks) {}

    /**
     * Parses a stat line. The command name (field 2) is in parentheses and may itself contain spaces
     * and parentheses, so the fields are counted from its last closing parenthesis: state is field
     * 3, ppid 4, utime 14, stime 15.
     */
    static Stat parse(String line) {
        int close = line.lastIndexOf(')');
        long pid = Long.parseLong(line.substring(0, line.indexOf(' ')).trim());
        String[] f = line.substring(close + 2).trim().split(" ");
        long ppid = Long.parseLong(f[1]);
        long utime = Long.parseLong(f[11]);
        long stime = Long.parseLong(f[12]);
        return new Stat(pid, ppid, utime + stime);
    }
}
