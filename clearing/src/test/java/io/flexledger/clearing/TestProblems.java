package io.flexledger.clearing;

import io.flexledger.clearing.io.ProblemParser;
import io.flexledger.clearing.model.ClearingProblem;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test helpers: the formats directory and its checker. */
public final class TestProblems {

    private TestProblems() {}

    /** The shared formats directory: FLEX_FORMATS_DIR, or ../shared/formats beside the checkout. */
    public static Path formatsDir() {
        String env = System.getenv("FLEX_FORMATS_DIR");
        if (env != null) {
            return Path.of(env);
        }
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/formats");
            if (Files.isRegularFile(candidate.resolve("check.py"))) {
                return candidate;
            }
            Path sibling = p.resolveSibling("shared").resolve("formats");
            if (Files.isRegularFile(sibling.resolve("check.py"))) {
                return sibling;
            }
        }
        return here.resolve("../../shared/formats").normalize();
    }

    public static ClearingProblem parse(Path file) throws Exception {
        return new ProblemParser().parse(Files.readString(file));
    }

    /** True when python3 runs. */
    public static boolean hasPython() {
        try {
            return new ProcessBuilder("python3", "--version").start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
