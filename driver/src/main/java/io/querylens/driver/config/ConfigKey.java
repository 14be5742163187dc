package io.querylens.driver.config;

import io.querylens.driver.internal.DataSourceNames;

import java.util.List;
import java.util.Locale;

/**
 * Every configuration key QueryLens reads, in one place (after pgjdbc's {@code PGProperty}): name, type, default,
 * what is allowed, and a one-line description. README's configuration table is generated from this enum
 * ({@link ConfigDocumentation}) and checked against it by a test.
 * Set a key as a system property ({@code -Dquerylens.nplusone.threshold=3}), an environment variable
 * ({@code QUERYLENS_NPLUSONE_THRESHOLD=3}) or in {@code querylens.properties} on the class path, in that precedence.
 *
 * <p>Adding a key: one constant, grouped with its detector's keys; INTEGER keys give their range, CHOICE keys their
 * allowed values (lower case). A key whose name contains password, secret, token or credential is never printed
 * ({@link #isSecret()}).
 */
public enum ConfigKey {
    ENABLED("querylens.enabled", ValueType.BOOLEAN, "true", null, null,
            "Master switch: false makes the driver a plain pass-through."),
    APP("querylens.app", ValueType.STRING, "", null, null,
            "Application name attached to findings and streamed events."),
    DETECTORS_DISABLED("querylens.detectors.disabled", ValueType.LIST, "", null, null,
            "Detectors to switch off by name, comma-separated (nplusone, ddl, unindexed)."),

    FINDINGS_FILE("querylens.findings.file", ValueType.STRING, "", null, null,
            "Append findings as JSON Lines to this file (created if missing, never rewritten); empty for none."),
    FINDINGS_UPDATE_SECONDS("querylens.findings.updateSeconds", ValueType.INTEGER, "60", 1L, 86_400L,
            "A finding whose counts grew is written again at most this often."),
    FINDINGS_LOG("querylens.findings.log", ValueType.BOOLEAN, "true", null, null,
            "Log each new finding (SLF4J if present, else System.Logger)."),
    FINDINGS_MIN_SEVERITY("querylens.findings.minSeverity", ValueType.CHOICE, "info", null, null,
            "Findings below this severity are dropped before deduplication: not logged, written or passed on.",
            List.of("info", "warning", "critical")),

    SHAPES_MAX("querylens.shapes.max", ValueType.INTEGER, "2000", 16L, 1_000_000L,
            "Distinct query shapes tracked (each holds ~18 KB of latency histograms); beyond this, new shapes are "
                    + "folded into one 'other' entry."),
    SHAPE_CACHE_SIZE("querylens.shapes.cacheSize", ValueType.INTEGER, "4096", 0L, 1_000_000L,
            "Statement texts remembered so that a repeated Statement.execute(sql) is not lexed again."),
    SHAPE_CACHE_MAX_SQL_CHARS("querylens.shapes.maxCachedSqlChars", ValueType.INTEGER, "10000", 0L, 10_000_000L,
            "Texts longer than this are fingerprinted every time instead of cached."),

    CALL_SITE_SKIP_PREFIXES("querylens.callSite.skipPrefixes", ValueType.LIST, "", null, null,
            "Extra class-name prefixes that are never the application's call site (comma-separated)."),

    DDL_MODE("querylens.ddl.mode", ValueType.CHOICE, "warn", null, null,
            "DDL outside a migration: warn (run it, report ddl_outside_migration), block (refuse it with SQLState 42501), off.",
            List.of("warn", "block", "off")),
    DDL_ALLOWED_CALLERS("querylens.ddl.allowedCallers", ValueType.LIST, "", null, null,
            "Class-name prefixes whose DDL counts as a migration, besides Flyway and Liquibase (comma-separated)."),
    DDL_LINT("querylens.ddl.lint", ValueType.BOOLEAN, "true", null, null,
            "Lint DDL run by migrations for zero-downtime hazards and report unsafe_migration findings (never blocks)."),
    DDL_DISABLED_RULES("querylens.ddl.disabledRules", ValueType.LIST, "", null, null,
            "Migration lint rules to switch off by name (comma-separated, e.g. rename_column,missing_lock_timeout)."),
    QUEUE_DIR("querylens.queue.dir", ValueType.STRING, "${java.io.tmpdir}/querylens/queue", null, null,
            "Chronicle Queue folder events are streamed to for the collector (needs chronicle-queue on the class "
                    + "path); empty turns streaming off. ${java.io.tmpdir} and ${user.home} are expanded."),
    FLUSH_SECONDS("querylens.flushSeconds", ValueType.INTEGER, "10", 1L, 3_600L,
            "How often each shape's latency histogram interval and new findings are streamed to the queue."),
    QUEUE_ROLL_CYCLE("querylens.queue.rollCycle", ValueType.CHOICE, "hourly", null, null,
            "How often the queue starts a new file (cycle); retention counts these.",
            List.of("five_minutely", "hourly", "daily")),
    QUEUE_RETAIN_CYCLES("querylens.queue.retainCycles", ValueType.INTEGER, "24", 1L, 10_000L,
            "Queue cycle files kept; older ones are deleted (each is an 83 MB sparse file using a few KB)."),
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
            "Allow bind values into findings and events. Off: values never leave the process."),

    INDEX_MIN_ROWS("querylens.index.minRows", ValueType.INTEGER, "10000", 0L, (long) Integer.MAX_VALUE,
            "A full scan is reported as an unindexed predicate only on tables estimated at this many rows or more."),
    EXPLAIN_MAX_PER_MINUTE("querylens.explain.maxPerMinute", ValueType.INTEGER, "60", 1L, 100_000L,
            "EXPLAIN statements the unindexed-predicate analysis may run per minute, across all data sources."),
    ANALYSIS_QUEUE_SIZE("querylens.analysis.queueSize", ValueType.INTEGER, "1000", 1L, 1_000_000L,
            "Shapes waiting for background analysis; new shapes beyond this are dropped and counted."),
    ANALYSIS_STATEMENT_TIMEOUT_MILLIS("querylens.analysis.statementTimeoutMillis", ValueType.INTEGER, "2000",
            100L, 600_000L, "Statement and lock timeout of each catalog read and EXPLAIN on the analysis connection."),
    ANALYSIS_URL("querylens.analysis.url", ValueType.STRING, "", null, null,
            "JDBC URL for analysis connections instead of the application's (password from env "
                    + "QUERYLENS_ANALYSIS_PASSWORD); empty: the application's driver, URL and credentials."),
    ANALYSIS_USER("querylens.analysis.user", ValueType.STRING, "", null, null,
            "User for querylens.analysis.url."),

    ADVISOR_INTERVAL_SECONDS("querylens.advisor.intervalSeconds", ValueType.INTEGER, "300", 1L, 86_400L,
            "The schema advisor checks each database at most this often (and once shortly after new tables are seen)."),
    ADVISOR_SETTLE_MILLIS("querylens.advisor.settleMillis", ValueType.INTEGER, "2000", 0L, 600_000L,
            "Quiet time after newly seen tables before the advisor's first run, so start-up queries are read in one pass."),
    ADVISOR_UNUSED_INDEX_CONFIRM_SECONDS("querylens.advisor.unusedIndexConfirmSeconds", ValueType.INTEGER, "60", 0L,
            86_400L, "An index is reported unused once advisor runs at least this far apart all found it never "
                    + "scanned (scan counts are published late; a first run may precede the first query); 0: at once."),
    ADVISOR_DISABLED_CHECKS("querylens.advisor.disabledChecks", ValueType.LIST, "", null, null,
            "Schema advisor checks to switch off, by finding kind (missing_foreign_key, unindexed_foreign_key, "
                    + "imprecise_money_type, unused_index, duplicate_index, table_health, schema_drift)."),
    ADVISOR_ORPHAN_SCAN_ROWS("querylens.advisor.orphanScanRows", ValueType.INTEGER, "10000", 0L, 10_000_000L,
            "Orphaned rows counted at most per missing foreign key (a bounded query); 0 skips the count."),
    ADVISOR_MIGRATION_LOCATIONS("querylens.advisor.migrationLocations", ValueType.LIST, "db/migration", null, null,
            "Class-path folders of Flyway migrations (V<version>__<name>.sql) compared with flyway_schema_history.");

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

    /** True for keys whose values must never appear in a message or {@code toString()}. */
    public boolean isSecret() {
        String lower = key.toLowerCase(Locale.ROOT);
        return lower.contains("password") || lower.contains("secret") || lower.contains("token")
                || lower.contains("credential");
    }

    /**
     * The value as messages and {@code toString()} show it: {@code (hidden)} for secret keys, and a URL without user
     * info or parameters for {@code *.url} keys (a JDBC URL may carry {@code password=}).
     */
    public String shown(String value) {
        if (isSecret()) {
            return "(hidden)";
        }
        if (value != null && key.endsWith(".url") && !value.equals(DataSourceNames.sanitize(value))) {
            return DataSourceNames.sanitize(value) + " (credentials and parameters not shown)";
        }
        return value;
    }

    /**
     * What a value may be, in words, for error messages and README: {@code true or false}, {@code an integer from 1
     * to 86400}, {@code one of a, b}, {@code a comma-separated list}, {@code any text}.
     */
    public String allowedDescription() {
        switch (type) {
            case BOOLEAN:
                return "true or false";
            case INTEGER:
                if (min != null && max != null) {
                    return "an integer from " + min + " to " + max;
                } else if (min != null) {
                    return "an integer of at least " + min;
                } else if (max != null) {
                    return "an integer of at most " + max;
                }
                return "an integer";
            case CHOICE:
                return "one of " + String.join(", ", allowedValues);
            case LIST:
                return "a comma-separated list";
            default:
                return "any text";
        }
    }

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

    /** Returns the key whose {@link #environmentVariable()} is {@code name}, or null when there is none. */
    public static ConfigKey fromEnvironmentVariable(String name) {
        for (ConfigKey k : values()) {
            if (k.environmentVariable().equals(name)) {
                return k;
            }
        }
        return null;
    }

    public enum ValueType {
        BOOLEAN, INTEGER, STRING, LIST, CHOICE
    }
}
