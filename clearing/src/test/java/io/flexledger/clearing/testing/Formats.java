package io.flexledger.clearing.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The optimiser file formats in tests: the project's copies of the public examples ({@code
 * formats/examples} at the repository root) and the formats' independent checker, {@code check.py},
 * which is not part of the project. Other modules use this class through this module's test-jar.
 */
public final class Formats {

    /** The environment variable naming the checker. */
    public static final String CHECK_ENV = "FLEX_FORMATS_CHECK";

    private Formats() {}

    /**
     * The repository root: the {@code flex.root} system property (set by surefire in the parent pom),
     * else the nearest folder upward from the working directory that holds {@code .mvn}.
     */
    public static Path root() {
        String property = System.getProperty("flex.root");
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve(".mvn"))) {
                return p;
            }
        }
        throw new IllegalStateException("no repository root above " + here + " (set -Dflex.root=DIR)");
    }

    /** One of the project's copies of the public examples, e.g. {@code clearing-small.json}. */
    public static Path example(String fileName) {
        return root().resolve("formats/examples").resolve(fileName);
    }

    /** Where the checker is expected: {@code FLEX_FORMATS_CHECK}, else ../shared/formats/check.py beside the checkout. */
    public static Path checker() {
        String env = System.getenv(CHECK_ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath().normalize();
        }
        return root().resolve("../shared/formats/check.py").normalize();
    }

    /** The checker, runnable; otherwise the calling test is skipped with what is missing and how to provide it. */
    public static Path assumeChecker() {
        Path checker = checker();
        String from =
                System.getenv(CHECK_ENV) != null ? "from " + CHECK_ENV : "the default, ../shared/formats/check.py";
        assumeTrue(
                Files.isRegularFile(checker),
                () -> "the formats checker check.py is missing: " + checker + " (" + from + ") does not exist; set "
                        + CHECK_ENV + "=/path/to/check.py to run this test");
        assumeTrue(hasPython(), "python3 is not on the PATH: the formats checker check.py cannot run");
        return checker;
    }

    /** {@code check.py PROBLEM RESULT --strict}: the checker's verdict; skips the test when it cannot run. */
    public static String check(Path problem, Path result) throws IOException, InterruptedException {
        return python(assumeChecker().toString(), problem.toString(), result.toString(), "--strict");
    }

    /** Runs {@code python3 ARGS...}; its standard output and error together, trimmed. */
    public static String python(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("python3"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out.trim();
    }

    private static boolean hasPython() {
        try {
            return new ProcessBuilder("python3", "--version")
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .start()
                            .waitFor()
                    == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
