package io.flexledger.clearing;

import io.flexledger.clearing.io.ProblemParser;
import io.flexledger.clearing.model.ClearingProblem;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test helper: parses a clearing problem file (the examples are in {@link io.flexledger.clearing.testing.Formats}). */
public final class TestProblems {

    private TestProblems() {}

    public static ClearingProblem parse(Path file) throws Exception {
        return new ProblemParser().parse(Files.readString(file));
    }
}
