package io.flexledger.tools.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessCpuTest {
    private static String stat(long pid, String comm, long ppid, long utime, long stime) {
        // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime ...
        return pid + " (" + comm + ") S " + ppid + " 1 1 0 -1 4194304 10 0 0 0 " + utime + " " + stime
                + " 0 0 20 0 30 0 100 1000 10\n";
    }

    @Test
    void aCommandNameWithSpacesAndParenthesesIsSkipped() {
        ProcessCpu.Stat s = ProcessCpu.parse(stat(42, "java (x) y", 7, 150, 50));
        assertThat(s).isEqualTo(new ProcessCpu.Stat(42, 7, 200));
    }

    @Test
    void aProcessCountsWithItsDescendants(@TempDir Path proc) throws Exception {
        write(proc, 10, stat(10, "sh", 1, 100, 0));
        write(proc, 11, stat(11, "java", 10, 300, 100));
        write(proc, 12, stat(12, "helper", 11, 50, 50));
        write(proc, 20, stat(20, "peer", 1, 1000, 0));
        Map<String, Double> s = new ProcessCpu(proc).snapshot(Map.of("api", 10L, "peer", 20L, "gone", 99L));
        assertThat(s).containsOnly(Map.entry("api", 6.0), Map.entry("peer", 10.0));
    }

    @Test
    void pidsFromTheScriptsLines() {
        assertThat(StackProcesses.parseLines("peer0.dso 123\nnoise\napi.dso 456 running\n"))
                .containsOnly(Map.entry("peer0.dso", 123L), Map.entry("api.dso", 456L));
    }

    private static void write(Path proc, long pid, String stat) throws Exception {
        Path d = Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(d.resolve("stat"), stat);
    }
}
