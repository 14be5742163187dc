package io.querylens.driver.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;

/**
 * Builds a {@link QueryLensConfig} from, highest precedence first: system properties {@code querylens.a.b}, environment
 * variables {@code QUERYLENS_A_B}, {@code querylens.properties} on the class path, then defaults. Remembers where each
 * value came from so that an error can say so.
 */
public final class ConfigLoader {
    private final Properties systemProperties;
    private final Map<String, String> environment;
    private final Properties classpathProperties;

    public ConfigLoader(Properties systemProperties, Map<String, String> environment, Properties classpathProperties) {
        this.systemProperties = systemProperties;
        this.environment = environment;
        this.classpathProperties = classpathProperties;
    }

    public static ConfigLoader fromEnvironment() {
        return new ConfigLoader(System.getProperties(), System.getenv(), readClasspathProperties());
    }

    public QueryLensConfig load() {
        QueryLensConfig.Builder builder = QueryLensConfig.builder();
        for (ConfigKey key : ConfigKey.values()) {
            String fromSystem = systemProperties.getProperty(key.key());
            String fromEnv = environment.get(key.environmentVariable());
            String fromFile = classpathProperties.getProperty(key.key());
            if (fromSystem != null) {
                builder.set(key, fromSystem, "system property " + key.key());
            } else if (fromEnv != null) {
                builder.set(key, fromEnv, "env " + key.environmentVariable());
            } else if (fromFile != null) {
                builder.set(key, fromFile, "querylens.properties");
            }
        }
        return builder.build();
    }

    private static Properties readClasspathProperties() {
        Properties properties = new Properties();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = ConfigLoader.class.getClassLoader();
        }
        try (InputStream in = loader == null ? null : loader.getResourceAsStream("querylens.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new QueryLensConfigException(java.util.List.of("querylens.properties could not be read: " + e));
        }
        return properties;
    }
}
