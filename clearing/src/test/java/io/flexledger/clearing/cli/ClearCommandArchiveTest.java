package io.flexledger.clearing.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.clearing.testing.Formats;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ./flex clear}'s class-data archive (AppCDS), run through the real {@code flex} script in a folder
 * laid out as the checkout after a build: {@code target/classes}, the module's jar made from them and
 * its runtime libraries. The first run writes the archive, the second maps it (the class-loading log says
 * where each class came from) and answers the same; a damaged archive is ignored or, when it makes the
 * JVM abort, deleted and the clearing run again without it; {@code FLEX_CDS=0} writes none.
 */
class ClearCommandArchiveTest {

    // made and removed here (JUnit's @TempDir warns at every link to a library outside it)
    private static Path root;

    private static Path archive;
    private static Path input;

    private record Run(int exit, String out, String err, String classLog) {}

    @BeforeAll
    static void layOut() throws Exception {
        root = Files.createTempDirectory("flex-clear-archive");
        Path flex = root.resolve("flex");
        Files.copy(Path.of("..", "flex"), flex);
        flex.toFile().setExecutable(true);
        Path target = root.resolve("clearing/target");
        // target/classes as the build leaves it, older than the jar made from it below
        Path classes = Path.of("target", "classes");
        FileTime before = FileTime.fromMillis(System.currentTimeMillis() - 60_000);
        try (Stream<Path> all = Files.walk(classes)) {
            for (Path p : (Iterable<Path>) all.sorted()::iterator) {
                Path copy =
                        target.resolve("classes").resolve(classes.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(p, copy);
                    Files.setLastModifiedTime(copy, before);
                }
            }
        }
        Path lib = Files.createDirectories(target.resolve("lib"));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (entry.endsWith(".jar") && !p.getFileName().toString().contains("ortools")) {
                Path link = lib.resolve(p.getFileName());
                if (!Files.exists(link)) {
                    Files.createSymbolicLink(link, p.toAbsolutePath());
                }
            }
        }
        Path jar = target.resolve("clearing-0.1.0-SNAPSHOT.jar");
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file);
                Stream<Path> all = Files.walk(classes)) {
            for (Path p : (Iterable<Path>) all.sorted()::iterator) {
                if (Files.isRegularFile(p)) {
                    out.putNextEntry(
                            new JarEntry(classes.relativize(p).toString().replace(File.separatorChar, '/')));
                    Files.copy(p, out);
                    out.closeEntry();
                }
            }
        }
        archive = target.resolve("clear-classes.jsa");
        input = root.resolve("clearing-small.json");
        Files.copy(Formats.example("clearing-small.json"), input);
    }

    @AfterAll
    static void remove() throws IOException {
        // the links to the libraries are removed, not what they point to
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    private static Run flexClear(String name, Map<String, String> env) throws IOException, InterruptedException {
        Path log = root.resolve(name + ".classes.log");
        Path out = root.resolve(name + ".out");
        Path err = root.resolve(name + ".err");
        ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("flex").toString(), "clear", input.toString())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        pb.environment()
                .put(
                        "PATH",
                        Path.of(System.getProperty("java.home"), "bin") + File.pathSeparator + System.getenv("PATH"));
        pb.environment().remove("FLEX_CDS");
        pb.environment().put("FLEX_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -Xlog:class+load=info:file=" + log);
        pb.environment().putAll(env);
        int exit = pb.start().waitFor();
        return new Run(
                exit, Files.readString(out), Files.readString(err), Files.exists(log) ? Files.readString(log) : "");
    }

    private static JsonNode answer(Run run) throws IOException {
        ObjectNode node = (ObjectNode) new ObjectMapper().readTree(run.out());
        node.remove("solveMillis");
        return node;
    }

    private static boolean mapped(Run run) {
        return run.classLog().contains("io.flexledger.clearing.cli.ClearCommand source: shared objects file");
    }

    private static List<Path> leftovers() throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(archive.getParent())) {
            files.filter(p -> p.getFileName().toString().startsWith("clear-classes.jsa."))
                    .forEach(out::add);
        }
        return out;
    }

    @Test
    void theArchiveIsWrittenOnceThenMappedDamagedOnesAreDroppedAndTheAnswerNeverChanges() throws Exception {
        Run first = flexClear("first", Map.of());
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(archive).exists();
        assertThat(Files.size(archive)).isGreaterThan(1_000_000L);
        assertThat(leftovers()).isEmpty();
        assertThat(mapped(first)).isFalse();
        JsonNode expected = answer(first);
        assertThat(expected.get("cost").doubleValue()).isPositive();
        byte[] good = Files.readAllBytes(archive);

        Run second = flexClear("second", Map.of());
        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(mapped(second)).as("ClearCommand comes from the archive").isTrue();
        assertThat(answer(second)).isEqualTo(expected);

        // garbage where the archive was: the JVM cannot use it and loads from the jar
        byte[] garbage = new byte[4096];
        new java.util.Random(7).nextBytes(garbage);
        Files.write(archive, garbage);
        Run garbled = flexClear("garbled", Map.of());
        assertThat(garbled.exit()).as(garbled.err()).isZero();
        assertThat(mapped(garbled)).isFalse();
        assertThat(garbled.classLog()).contains("io.flexledger.clearing.cli.ClearCommand source: file:");
        assertThat(answer(garbled)).isEqualTo(expected);

        // the first half of a good archive: the JVM aborts while mapping it; flex drops it and runs again
        Files.write(archive, Arrays.copyOf(good, good.length / 2));
        Run truncated = flexClear("truncated", Map.of());
        assertThat(truncated.exit()).as(truncated.err()).isZero();
        assertThat(truncated.err()).contains("made the JVM abort: deleted, running without it");
        assertThat(archive).doesNotExist();
        assertThat(answer(truncated)).isEqualTo(expected);

        // the next run writes it anew, and it is mapped again after that
        Run rewrite = flexClear("rewrite", Map.of());
        assertThat(rewrite.exit()).isZero();
        assertThat(archive).exists();
        assertThat(answer(rewrite)).isEqualTo(expected);
        Run again = flexClear("again", Map.of());
        assertThat(mapped(again)).isTrue();
        assertThat(answer(again)).isEqualTo(expected);

        // FLEX_CDS=0: from target/classes, no archive written or mapped
        Files.delete(archive);
        Run off = flexClear("off", Map.of("FLEX_CDS", "0"));
        assertThat(off.exit()).as(off.err()).isZero();
        assertThat(off.classLog()).contains("io.flexledger.clearing.cli.ClearCommand source: file:" + root);
        assertThat(answer(off)).isEqualTo(expected);
        assertThat(archive).doesNotExist();
        assertThat(leftovers()).isEmpty();
        assertThat(mapped(off)).isFalse();
    }
}
