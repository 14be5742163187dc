package io.querylens.driver.config;

/**
 * README's configuration table, generated from {@link ConfigKey} so that the two cannot drift apart
 * ({@code ReadmeConfigTableTest} compares them and can rewrite README's section).
 */
public final class ConfigDocumentation {
    private ConfigDocumentation() {
    }

    /** A Markdown table: key, environment variable, default, allowed values, description; one row per key. */
    public static String markdownTable() {
        StringBuilder table = new StringBuilder()
                .append("| Key | Environment variable | Default | Allowed | Description |\n")
                .append("|---|---|---|---|---|\n");
        for (ConfigKey key : ConfigKey.values()) {
            table.append("| `").append(key.key()).append("` | `").append(key.environmentVariable()).append("` | ")
                    .append(key.defaultValue().isEmpty() ? "(empty)" : "`" + key.defaultValue() + "`").append(" | ")
                    .append(cell(key.allowedDescription())).append(" | ")
                    .append(cell(key.description())).append(" |\n");
        }
        return table.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
