package io.flexledger.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The domain stays framework-free: its main sources import only the JDK and the domain itself. */
class FrameworkFreeTest {
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?([\\w.]+)", Pattern.MULTILINE);

    @Test
    void mainSourcesImportOnlyTheJdkAndTheDomain() throws IOException {
        Path root = Path.of("src/main/java");
        List<String> offending;
        int files;
        try (Stream<Path> paths = Files.walk(root)) {
            List<Path> sources =
                    paths.filter(p -> p.toString().endsWith(".java")).toList();
            files = sources.size();
            offending = sources.stream()
                    .flatMap(FrameworkFreeTest::importsOf)
                    .filter(i -> !(i.startsWith("java.") || i.startsWith("io.flexledger.domain.")))
                    .toList();
        }
        assertThat(files).as("domain sources found").isGreaterThan(10);
        assertThat(offending).isEmpty();
    }

    @Test
    void theCheckRecognisesAFrameworkImport() {
        assertThat(importsOf("package x;\nimport io.quarkus.runtime.Startup;\nimport java.util.List;\n"))
                .containsExactly("io.quarkus.runtime.Startup", "java.util.List");
    }

    private static Stream<String> importsOf(Path file) {
        try {
            return importsOf(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Stream<String> importsOf(String source) {
        Matcher m = IMPORT.matcher(source);
        Stream.Builder<String> out = Stream.builder();
        while (m.find()) {
            out.add(m.group(2));
        }
        return out.build();
    }
}
