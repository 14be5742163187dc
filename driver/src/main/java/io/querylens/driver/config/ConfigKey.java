package io.querylens.driver.config;

import java.util.List;

/**
 * Every configuration key QueryLens reads, in one place (after pgjdbc's {@code PGProperty}): name, type, default,
 * what is allowed, and a one-line description. README's configuration table is checked against this enum by a test.
 * Set a key as a system property ({@code -Dquerylens.nplusone.threshold=3}), an environment variable
 * ({@code QUERYLENS_NPLUSONE_THRESHOLD=3}) or in {@code querylens.properties} on the class path, in that precedence.
 */
public enum ConfigKey {
    ENABLED("querylens.enabled", ValueType.BOOLEAN, "true", null, null,
            "Master switch: false makes the driver a plain pass-through."),
    APP("querylens.app", ValueType.STRING, "", null, null,
            "Application name attached to findings and streamed events."),
    DETECTORS_DISABLED("querylens.detectors.disabled", ValueType.LIST, "", null, null,
            "Detectors to switch off by name, comma-separated (nplusone, ddl, unindexed)."),

    FINDINGS_FILE("querylens.findings.file", ValueType.STRING, "", null, null,
            "Append findings as JSON Lines to this file (also QUERYLENS_FINDINGS_FILE); empty for none."),
    FINDINGS_UPDATE_SECONDS("querylens.findings.updateSeconds", ValueType.INTEGER, "60", 1L, 86_400L,
            "A finding whose counts grew is written again at most this often."),
    FINDINGS_LOG("querylens.findings.log", ValueType.BOOLEAN, "true", null, null,
            "Log each new finding (SLF4J if present, else System.Logger)."),

    SHAPES_MAX("querylens.shapes.max", ValueType.INTEGER, "10000", 16L, 1_000_000L,
            "Distinct query shapes tracked; beyond this, new shapes are folded into one 'other' entry."),
    SHAPE_CACHE_SIZE("querylens.shapes.cacheSize", ValueType.INTEGER, "4096", 0L, 1_000_000L,
            "Statement texts remembered so that a repeated Statement.execute(sql) is not lexed again."),
    SHAPE_CACHE_MAX_SQL_CHARS("querylens.shapes.maxCachedSqlChars", ValueType.INTEGER, "10000", 0L, 10_000_000L,
            "Texts longer than this are fingerprinted every time instead of cached."),

    CALL_SITE_SKIP_PREFIXES("querylens.callSite.skipPrefixes", ValueType.LIST, "", null, null,
            "Extra class-name prefixes that are never the application's call site (comma-separated)."),

    NPLUSONE_THRESHOLD("querylens.nplusone.threshold", ValueType.INTEGER, "5", 2L, 1000L,
            "Executions of one query shape from one call site in one unit of work that make an N+1 or a repeated query."),
    NPLUSONE_IDLE_MILLIS("querylens.nplusone.idleMillis", ValueType.INTEGER, "100", 1L, 600_000L,
            "Without another scope, a thread's unit of work ends after this long without a statement."),
    NPLUSONE_MAX_SHAPES_PER_UNIT("querylens.nplusone.maxShapesPerUnit", ValueType.INTEGER, "256", 16L, 65_536L,
            "Distinct (shape, call site) pairs counted per unit of work; beyond, executions are dropped and counted."),
    NPLUSONE_MAX_OPEN_TRACES("querylens.nplusone.maxOpenTraces", ValueType.INTEGER, "256", 1L, 65_536L,
            "Traces (OpenTelemetry) counted at once as units of work; others fall back to transaction/thread scope."),
    NPLUSONE_ALLOW_SHAPES("querylens.nplusone.allowShapes", ValueType.LIST, "", null, null,
            "Fingerprints (16 hex digits) accepted as N+1 / repeated query: counted as suppressed, not reported."),
    NPLUSONE_ALLOW_CALL_SITES("querylens.nplusone.allowCallSites", ValueType.LIST, "", null, null,
            "Call-site prefixes (class, package or method) whose N+1 / repeated queries are accepted."),

    CAPTURE_BIND_VALUES("querylens.captureBindValues", ValueType.BOOLEAN, "false", null, null,
            "Allow bind values into findings and events. Off: values never leave the process.");

    private final String key;
    private final ValueType type;
    private final String defaultValue;
    private final Long min;
    private final Long max;
    private final String description;
    private final List<String> allowedValues;

    ConfigKey(String key, ValueType type, String defaultValue, Long min, Long max, String description) {
        this(key, type, defaultValue, min, max, description, List.of());
    }

    ConfigKey(String key, ValueType type, String defaultValue, Long min, Long max, String description,
              List<String> allowedValues) {
        this.key = key;
        this.type = type;
        this.defaultValue = defaultValue;
        this.min = min;
        this.max = max;
        this.description = description;
        this.allowedValues = allowedValues;
    }

    public String key() { return key; }
    public ValueType type() { return type; }
    public String defaultValue() { return defaultValue; }
    public Long min() { return min; }
    public Long max() { return max; }
    public String description() { return description; }
    /** For {@link ValueType#CHOICE} keys: the values allowed, lower case. */
    public List<String> allowedValues() { return allowedValues; }

    /** The environment variable for this key: dots become underscores, camelCase words split, upper case. */
    public String environmentVariable() {
        StringBuilder env = new StringBuilder(key.length() + 8);
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '.') {
                env.append('_');
            } else if (Character.isUpperCase(c)) {
                env.append('_').append(c);
            } else {
                env.append(Character.toUpperCase(c));
            }
        }
        return env.toString();
    }

    public static ConfigKey fromKey(String key) {
        for (ConfigKey k : values()) {
            if (k.key.equals(key)) {
                return k;
            }
        }
        return null;
    }

    public enum ValueType {
        BOOLEAN, INTEGER, STRING, LIST, CHOICE
    }
}
