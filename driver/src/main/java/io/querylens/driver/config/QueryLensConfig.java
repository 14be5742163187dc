package io.querylens.driver.config;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The validated configuration: built once by {@link ConfigLoader} (or {@link #builder()}) and passed to every
 * component, which copies the values it needs at construction. Immutable.
 */
public final class QueryLensConfig {
    private final Map<ConfigKey, String> values;
    private final Map<ConfigKey, String> sources;

    QueryLensConfig(Map<ConfigKey, String> values, Map<ConfigKey, String> sources) {
        this.values = Collections.unmodifiableMap(new EnumMap<>(values));
        this.sources = Collections.unmodifiableMap(new EnumMap<>(sources));
    }

    /** Every key at its default. */
    public static QueryLensConfig defaults() {
        return builder().build();
    }

    /** Reads system properties, environment and {@code querylens.properties}; throws on any invalid value. */
    public static QueryLensConfig load() {
        return ConfigLoader.fromEnvironment().load();
    }

    public static Builder builder() {
        return new Builder();
    }

    public String string(ConfigKey key) {
        String value = values.get(key);
        return value == null ? key.defaultValue() : value;
    }

    public boolean bool(ConfigKey key) {
        return Boolean.parseBoolean(string(key).trim());
    }

    public int integer(ConfigKey key) {
        return Integer.parseInt(string(key).trim());
    }

    public long longValue(ConfigKey key) {
        return Long.parseLong(string(key).trim());
    }

    /** A comma-separated value split and trimmed; empty for an empty value. */
    public List<String> list(ConfigKey key) {
        String value = string(key).trim();
        if (value.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** A {@link ConfigKey.ValueType#CHOICE} value, lower case. */
    public String choice(ConfigKey key) {
        return string(key).trim().toLowerCase(Locale.ROOT);
    }

    /**
     * Where a value came from: {@code default}, {@code agent option …}, {@code system property …}, {@code env …},
     * {@code querylens.properties} or {@code builder}.
     */
    public String source(ConfigKey key) {
        String source = sources.get(key);
        return source == null ? "default" : source;
    }

    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.values.putAll(values);
        builder.sources.putAll(sources);
        return builder;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("QueryLensConfig{");
        for (Map.Entry<ConfigKey, String> e : values.entrySet()) {
            if (text.length() > "QueryLensConfig{".length()) {
                text.append(", ");
            }
            text.append(e.getKey().key()).append('=').append(e.getKey().shown(e.getValue()));
        }
        return text.append('}').toString();
    }

    /** Programmatic configuration; every key starts at its documented default. */
    public static final class Builder {
        private final Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);
        private final Map<ConfigKey, String> sources = new EnumMap<>(ConfigKey.class);

        public Builder set(ConfigKey key, Object value) {
            values.put(key, String.valueOf(value));
            sources.put(key, "builder");
            return this;
        }

        Builder set(ConfigKey key, String value, String source) {
            values.put(key, value);
            sources.put(key, source);
            return this;
        }

        /** Validates every value and throws one {@link QueryLensConfigException} listing all problems. */
        public QueryLensConfig build() {
            QueryLensConfig config = new QueryLensConfig(values, sources);
            ConfigValidator.validate(config);
            return config;
        }
    }
}
