package io.querylens.driver.jdbc.codegen;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed {@code Delegating*} sources must be exactly what the generator writes today, on every JDK we support:
 * a JDK that adds a JDBC method, or a hand edit of a generated file, fails here with the command that refreshes them.
 */
class GeneratedDelegatesAreCurrentTest {
    private static final Path GENERATED_DIR = Path.of("src/main/java/io/querylens/driver/jdbc/generated");

    @Test
    void committedDelegatingSourcesMatchTheGenerator() throws IOException {
        Map<String, String> expected = DelegatingSourceGenerator.generateAll();
        boolean regenerate = Boolean.getBoolean("querylens.regenerate");
        List<String> stale = new ArrayList<>();
        for (Map.Entry<String, String> file : expected.entrySet()) {
            Path path = GENERATED_DIR.resolve(file.getKey());
            String actual = Files.exists(path) ? Files.readString(path, StandardCharsets.UTF_8) : null;
            if (!file.getValue().equals(actual)) {
                if (regenerate) {
                    Files.createDirectories(GENERATED_DIR);
                    Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
                } else {
                    stale.add(file.getKey());
                }
            }
        }
        assertThat(stale)
                .as("generated JDBC delegates are out of date; refresh them with: %s",
                        DelegatingSourceGenerator.REGENERATE_COMMAND)
                .isEmpty();
    }
}
