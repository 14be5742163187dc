package io.querylens.driver.config;

import io.querylens.driver.internal.Log;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds a {@link QueryLensConfig} from, highest precedence first: explicit options (the javaagent's
 * {@code key=value,…}), system properties {@code querylens.a.b}, environment variables {@code QUERYLENS_A_B},
 * {@code querylens.properties} on the class path, then defaults. Remembers where each value came from so that an
 * error can say so, validates every value and throws one {@link QueryLensConfigException} listing every problem.
 * Names that look like QueryLens settings but are none are logged, one warning each, with the closest known key:
 * a typo must not look like a working setting.
 *
 * <p>Immutable; the {@code with…} methods return a new loader.
 */
public final class ConfigLoader {
    public static final String PROPERTIES_RESOURCE = "querylens.properties";
    static final String KEY_PREFIX = "querylens.";
    static final String ENV_PREFIX = "QUERYLENS_";

    private final Properties systemProperties;
    private final Map<String, String> environment;
    private final Properties classpathProperties;
    private final Map<String, String> explicitOptions;
    private final Log log;

    public ConfigLoader(Properties systemProperties, Map<String, String> environment, Properties classpathProperties) {
        this(systemProperties, environment, classpathProperties, Map.of(), Log.forName("io.querylens.config"));
    }

    private ConfigLoader(Properties systemProperties, Map<String, String> environment, Properties classpathProperties,
                         Map<String, String> explicitOptions, Log log) {
        this.systemProperties = Objects.requireNonNull(systemProperties, "systemProperties");
        this.environment = Objects.requireNonNull(environment, "environment");
        this.classpathProperties = Objects.requireNonNull(classpathProperties, "classpathProperties");
        this.explicitOptions = explicitOptions;
        this.log = log;
    }

    /** This JVM's system properties and environment, and {@code querylens.properties} from the class path. */
    public static ConfigLoader fromEnvironment() {
        return new ConfigLoader(System.getProperties(), System.getenv(), readClasspathProperties());
    }

    /**
     * Options that override every other source, reported as {@code agent option <key>}: the javaagent passes its
     * {@code key=value,…} here. Keys may omit the {@code querylens.} prefix ({@code findings.file=…}).
     */
    public ConfigLoader withAgentOptions(Map<String, String> options) {
        Map<String, String> normalized = new LinkedHashMap<>();
        options.forEach((name, value) -> normalized.put(name.startsWith(KEY_PREFIX) ? name : KEY_PREFIX + name, value));
        return new ConfigLoader(systemProperties, environment, classpathProperties, normalized, log);
    }

    /** Where warnings about unknown keys go; default the {@code io.querylens.config} logger. */
    public ConfigLoader withLog(Log log) {
        return new ConfigLoader(systemProperties, environment, classpathProperties, explicitOptions,
                Objects.requireNonNull(log, "log"));
    }

    /** @throws QueryLensConfigException listing every invalid value, with key, value, source and what is allowed */
    public QueryLensConfig load() {
        for (String warning : unknownKeyWarnings()) {
            log.warn(warning);
        }
        QueryLensConfig.Builder builder = QueryLensConfig.builder();
        for (ConfigKey key : ConfigKey.values()) {
            String fromOption = explicitOptions.get(key.key());
            String fromSystem = systemProperties.getProperty(key.key());
            String fromEnv = environment.get(key.environmentVariable());
            String fromFile = classpathProperties.getProperty(key.key());
            if (fromOption != null) {
                builder.set(key, fromOption, "agent option " + key.key());
            } else if (fromSystem != null) {
                builder.set(key, fromSystem, "system property " + key.key());
            } else if (fromEnv != null) {
                builder.set(key, fromEnv, "env " + key.environmentVariable());
            } else if (fromFile != null) {
                builder.set(key, fromFile, PROPERTIES_RESOURCE);
            }
        }
        return builder.build();
    }

    /** One warning per name that looks like a QueryLens setting but is none, each naming the closest known key. */
    List<String> unknownKeyWarnings() {
        List<String> warnings = new ArrayList<>();
        for (String name : explicitOptions.keySet()) {
            warnIfUnknownKey(name, "agent option", warnings);
        }
        for (String name : sorted(systemProperties)) {
            if (name.startsWith(KEY_PREFIX)) {
                warnIfUnknownKey(name, "system property", warnings);
            }
        }
        for (String name : new TreeMap<>(environment).keySet()) {
            if (name.startsWith(ENV_PREFIX) && ConfigKey.fromEnvironmentVariable(name) == null) {
                ConfigKey closest = KeySuggestion.closestByEnvironmentVariable(name);
                warnings.add("Unknown QueryLens environment variable " + name + " is ignored; did you mean "
                        + closest.environmentVariable() + " (" + closest.key() + ")?");
            }
        }
        // Everything in our own file is meant for us, prefixed or not.
        for (String name : sorted(classpathProperties)) {
            warnIfUnknownKey(name, PROPERTIES_RESOURCE, warnings);
        }
        return warnings;
    }

    private static void warnIfUnknownKey(String name, String source, List<String> warnings) {
        if (ConfigKey.fromKey(name) == null) {
            warnings.add("Unknown QueryLens setting " + name + " (" + source + ") is ignored; did you mean "
                    + KeySuggestion.closestKey(name).key() + "?");
        }
    }

    private static List<String> sorted(Properties properties) {
        return new ArrayList<>(new TreeSet<>(properties.stringPropertyNames()));
    }

    private static Properties readClasspathProperties() {
        Properties properties = new Properties();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = ConfigLoader.class.getClassLoader();
        }
        try (InputStream in = loader == null ? null : loader.getResourceAsStream(PROPERTIES_RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new QueryLensConfigException(List.of(PROPERTIES_RESOURCE + " could not be read: " + e));
        }
        return properties;
    }
}
