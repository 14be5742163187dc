package io.querylens.driver.config;

import io.querylens.testkit.TestDatabase;
import io.querylens.testkit.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Configuration from a real process's system properties, environment and class-path {@code querylens.properties}, in
 * that order, and a wrong value failing the first {@code jdbc:querylens:} connection with key, value, source and what
 * is allowed. Child JVMs, because the shared engine reads its configuration once per process.
 */
class ConfigurationAtFirstConnectionTest {
    @TempDir
    static Path classPathFolder;
    static TestDatabase database;

    @BeforeAll
    static void propertiesFileAndDatabase() throws Exception {
        Files.writeString(classPathFolder.resolve("querylens.properties"), "querylens.nplusone.threshold=7\n");
        database = TestDatabases.postgres();
    }

    @Test
    void propertiesFileOnTheClassPathIsRead() throws Exception {
        assertThat(run(List.of(), Map.of())).isEqualTo("threshold 7 from querylens.properties");
    }

    @Test
    void environmentBeatsThePropertiesFile() throws Exception {
        assertThat(run(List.of(), Map.of("QUERYLENS_NPLUSONE_THRESHOLD", "9")))
                .isEqualTo("threshold 9 from env QUERYLENS_NPLUSONE_THRESHOLD");
    }

    @Test
    void systemPropertyBeatsABadEnvironmentValue() throws Exception {
        assertThat(run(List.of("-Dquerylens.nplusone.threshold=3"), Map.of("QUERYLENS_NPLUSONE_THRESHOLD", "two")))
                .isEqualTo("threshold 3 from system property querylens.nplusone.threshold");
    }

    @Test
    void badValueFailsTheFirstConnectionNamingKeyValueSourceAndAllowed() throws Exception {
        assertThat(run(List.of(), Map.of("QUERYLENS_NPLUSONE_THRESHOLD", "two")))
                .startsWith("failed 08001 ")
                .contains("querylens.nplusone.threshold = \"two\" (from env QUERYLENS_NPLUSONE_THRESHOLD): "
                        + "expected an integer from 2 to 1000");
    }

    private static String run(List<String> jvmOptions, Map<String, String> environment) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dquerylens.queue.dir=");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPathFolder + File.pathSeparator + System.getProperty("java.class.path"));
        command.add(ConnectAndPrintThresholdMain.class.getName());
        command.add(database.querylensUrl());
        command.add(database.user());
        command.add(database.password());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
        builder.environment().keySet().removeIf(name -> name.startsWith("QUERYLENS_"));
        builder.environment().putAll(environment);
        Path out = classPathFolder.resolve("out-" + System.nanoTime() + ".txt");
        builder.redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        // A guard against a hung child, not a timing assertion.
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return Files.readString(out).strip();
    }
}
