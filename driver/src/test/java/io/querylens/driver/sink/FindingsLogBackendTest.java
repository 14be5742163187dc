package io.querylens.driver.sink;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Findings are logged through SLF4J when the application has it, and through {@link System.Logger} when not. */
class FindingsLogBackendTest {
    @TempDir
    Path dir;

    @Test
    void findingGoesToSlf4jWhenItIsOnTheClassPath() throws Exception {
        String output = run(System.getProperty("java.class.path"));
        assertThat(output).contains("WARN io.querylens.findings - QueryLens n_plus_one [warning] count=9")
                .doesNotContain("WARNING: QueryLens");
    }

    @Test
    void findingGoesToTheJdkLoggerWithoutSlf4j() throws Exception {
        List<String> entries = Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
        String withoutSlf4j = entries.stream().filter(e -> !e.contains("slf4j")).collect(Collectors.joining(
                File.pathSeparator));
        assertThat(withoutSlf4j).as("the test needs SLF4J on its own class path to remove it")
                .isNotEqualTo(System.getProperty("java.class.path"));

        String output = run(withoutSlf4j);

        assertThat(output).contains("WARNING: QueryLens n_plus_one [warning] count=9")
                .doesNotContain("WARN io.querylens.findings");
    }

    private String run(String classPath) throws Exception {
        Path out = dir.resolve("out-" + System.nanoTime() + ".txt");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquerylens.queue.dir=", "-cp", classPath, ReportOneFindingMain.class.getName())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        // A guard against a hung child, not a timing assertion.
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        String output = Files.readString(out);
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
