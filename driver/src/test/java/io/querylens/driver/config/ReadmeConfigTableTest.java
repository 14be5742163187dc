package io.querylens.driver.config;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * README's configuration table must be the one {@link ConfigDocumentation} generates from {@link ConfigKey}. With
 * {@code -Dquerylens.updateReadme=true} this test rewrites README's section instead of failing.
 */
class ReadmeConfigTableTest {
    /** Tests run in the driver module's directory; README.md is at the repository root. */
    private static final Path README = Path.of("..", "README.md");
    static final String START = "<!-- config-table:start -->";
    static final String END = "<!-- config-table:end -->";
    private static final String REGENERATE =
            "mvn -pl driver test -Dtest=ReadmeConfigTableTest -Dquerylens.updateReadme=true";

    @Test
    void readmeConfigurationTableMatchesConfigKeys() throws Exception {
        String readme = Files.exists(README) ? Files.readString(README, StandardCharsets.UTF_8) : "";
        String expected = withGeneratedTable(readme);
        if (Boolean.getBoolean("querylens.updateReadme")) {
            if (!expected.equals(readme)) {
                Files.writeString(README, expected, StandardCharsets.UTF_8);
            }
            return;
        }
        assertThat(readme).as("README.md's configuration table differs from ConfigKey; regenerate it with: "
                + REGENERATE).isEqualTo(expected);
    }

    @Test
    void generatedTableHasOneRowPerKeyWithItsEnvironmentVariable() {
        String table = ConfigDocumentation.markdownTable();

        assertThat(table.lines()).hasSize(ConfigKey.values().length + 2);
        assertThat(table).contains("| `querylens.findings.updateSeconds` | `QUERYLENS_FINDINGS_UPDATE_SECONDS` | "
                + "`60` | an integer from 1 to 86400 | ");
    }

    /** The README with the text between the markers replaced; the section is appended when the markers are missing. */
    static String withGeneratedTable(String readme) {
        String section = START + "\n" + ConfigDocumentation.markdownTable() + END;
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        if (start < 0 || end < start) {
            String separator = readme.isEmpty() || readme.endsWith("\n\n") ? "" : readme.endsWith("\n") ? "\n" : "\n\n";
            return readme + separator + "## Configuration\n\n" + section + "\n";
        }
        return readme.substring(0, start) + section + readme.substring(end + END.length());
    }
}
