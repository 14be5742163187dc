package io.querylens.testkit;

import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The switches {@link TestDatabases} reads. Each key is looked up as a system property first, then as an environment
 * variable of the same name, so a build can set it with {@code -D} and a CI job with its environment.
 */
final class Settings {
    static final String POSTGRES_URL = "QUERYLENS_TEST_POSTGRES_URL";
    static final String MYSQL_URL = "QUERYLENS_TEST_MYSQL_URL";
    static final String USE_CONTAINERS = "QUERYLENS_TEST_CONTAINERS";

    private final UnaryOperator<String> lookup;

    Settings(UnaryOperator<String> lookup) {
        this.lookup = lookup;
    }

    static Settings fromSystem() {
        return new Settings(key -> {
            String property = System.getProperty(key);
            return property != null ? property : System.getenv(key);
        });
    }

    /** The value of {@code key}, or null when it is unset or blank. */
    String get(String key) {
        String value = lookup.apply(key);
        return value == null || value.isBlank() ? null : value.trim();
    }

    String getOrDefault(String key, String fallback) {
        String value = get(key);
        return value == null ? fallback : value;
    }

    boolean containersRequested() {
        String value = get(USE_CONTAINERS);
        return value != null && value.toLowerCase(Locale.ROOT).equals("true");
    }
}
