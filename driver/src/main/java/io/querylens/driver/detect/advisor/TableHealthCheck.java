package io.querylens.driver.detect.advisor;

import io.querylens.driver.detect.unindexed.IndexAdvisor;
import io.querylens.driver.detect.unindexed.TableMetadata;
import io.querylens.driver.detect.unindexed.TableName;
import io.querylens.driver.finding.Finding;
import io.querylens.driver.finding.FindingKind;
import io.querylens.driver.finding.Severity;
import io.querylens.driver.sql.Dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code table_health}: dead tuples per table (PostgreSQL: {@code pg_stat_user_tables}; InnoDB purges its own and has
 * no equivalent), the database's cache hit ratio ({@code pg_stat_database}; InnoDB buffer pool reads against read
 * requests) and connections in use against {@code max_connections}, judged by {@link HealthThresholds}. Every value is
 * kept as a {@link HealthSample} for metrics; values outside "good" are also findings.
 *
 * <p>Tiny samples say nothing: dead tuples are judged from {@value #MIN_ROWS} rows (live plus dead), the cache from
 * {@value #MIN_BLOCK_READS} block reads.
 */
final class TableHealthCheck implements SchemaCheck {
    static final long MIN_ROWS = 1_000;
    static final long MIN_BLOCK_READS = 1_000;
    static final String DEAD_TUPLES = "dead_tuple_ratio";
    static final String CACHE_HIT = "cache_hit_ratio";
    static final String CONNECTIONS = "connection_usage";

    private static final String PG_TUPLES = """
            select n_live_tup, n_dead_tup from pg_stat_user_tables where relid = to_regclass(?)""";
    private static final String PG_CACHE = """
            select blks_hit, blks_read from pg_stat_database where datname = current_database()""";
    private static final String PG_CONNECTIONS = """
            select (select count(*) from pg_stat_activity where backend_type = 'client backend'),
                   current_setting('max_connections')::int""";
    private static final String MYSQL_STATUS = """
            show global status where Variable_name in
            ('Innodb_buffer_pool_read_requests', 'Innodb_buffer_pool_reads', 'Threads_connected')""";

    private final Map<String, List<HealthSample>> latest = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return FindingKind.TABLE_HEALTH.wireName();
    }

    @Override
    public List<Finding> run(CheckInput input) throws SQLException {
        List<HealthSample> samples = new ArrayList<>();
        Instant now = Instant.now();
        Map<HealthSample, TableMetadata> tableOf = new HashMap<>();
        if (input.dialect() == Dialect.POSTGRESQL) {
            for (TableMetadata table : input.resolvedTables()) {
                HealthSample sample = deadTuples(input, table, now);
                if (sample != null) {
                    samples.add(sample);
                    tableOf.put(sample, table);
                }
            }
            postgresDatabase(input, now, samples);
        } else {
            mysqlDatabase(input, now, samples);
        }
        latest.put(input.dataSource(), List.copyOf(samples));
        List<Finding> findings = new ArrayList<>();
        for (HealthSample sample : samples) {
            if (!HealthThresholds.GOOD.equals(sample.status())) {
                findings.add(finding(input, sample, tableOf.get(sample)));
            }
        }
        return findings;
    }

    List<HealthSample> latest() {
        List<HealthSample> all = new ArrayList<>();
        latest.values().forEach(all::addAll);
        return all;
    }

    private static HealthSample deadTuples(CheckInput input, TableMetadata table, Instant now) throws SQLException {
        try (PreparedStatement statement = input.connection().prepareStatement(PG_TUPLES)) {
            statement.setString(1, regclass(table.resolved()));
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                long live = rs.getLong(1);
                long dead = rs.getLong(2);
                if (live + dead < MIN_ROWS) {
                    return null;
                }
                double ratio = (double) dead / (live + dead);
                return new HealthSample(input.dataSource(), input.display(table.resolved()).toString(), DEAD_TUPLES,
                        ratio, HealthThresholds.deadTuples(ratio), now);
            }
        }
    }

    private static void postgresDatabase(CheckInput input, Instant now, List<HealthSample> samples)
            throws SQLException {
        Connection connection = input.connection();
        try (PreparedStatement statement = connection.prepareStatement(PG_CACHE);
             ResultSet rs = statement.executeQuery()) {
            if (rs.next()) {
                cache(input, rs.getLong(1), rs.getLong(2), now, samples);
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(PG_CONNECTIONS);
             ResultSet rs = statement.executeQuery()) {
            if (rs.next()) {
                connections(input, rs.getLong(1), rs.getLong(2), now, samples);
            }
        }
    }

    private static void mysqlDatabase(CheckInput input, Instant now, List<HealthSample> samples) throws SQLException {
        Map<String, Long> status = new HashMap<>();
        try (PreparedStatement statement = input.connection().prepareStatement(MYSQL_STATUS);
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                status.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getLong(2));
            }
        }
        long requests = status.getOrDefault("innodb_buffer_pool_read_requests", 0L);
        long diskReads = status.getOrDefault("innodb_buffer_pool_reads", 0L);
        cache(input, Math.max(0, requests - diskReads), diskReads, now, samples);
        long maxConnections;
        try (PreparedStatement statement = input.connection().prepareStatement("select @@max_connections");
             ResultSet rs = statement.executeQuery()) {
            maxConnections = rs.next() ? rs.getLong(1) : 0;
        }
        connections(input, status.getOrDefault("threads_connected", 0L), maxConnections, now, samples);
    }

    private static void cache(CheckInput input, long hits, long reads, Instant now, List<HealthSample> samples) {
        if (hits + reads >= MIN_BLOCK_READS) {
            double ratio = (double) hits / (hits + reads);
            samples.add(new HealthSample(input.dataSource(), null, CACHE_HIT, ratio, HealthThresholds.cacheHit(ratio),
                    now));
        }
    }

    private static void connections(CheckInput input, long used, long max, Instant now, List<HealthSample> samples) {
        if (max > 0) {
            double ratio = (double) used / max;
            samples.add(new HealthSample(input.dataSource(), null, CONNECTIONS, ratio,
                    HealthThresholds.connectionUsage(ratio), now));
        }
    }

    private static Finding finding(CheckInput input, HealthSample sample, TableMetadata table) throws SQLException {
        boolean postgres = input.dialect() == Dialect.POSTGRESQL;
        String percent = String.format(Locale.ROOT, "%.1f%%", sample.ratio() * 100);
        TableName name = table == null ? null : input.display(table.resolved());
        String suggestion;
        String reason;
        switch (sample.metric()) {
            case DEAD_TUPLES -> {
                String tableSql = IndexAdvisor.qualified(input.dialect(), name);
                suggestion = "VACUUM (ANALYZE) " + tableSql + ";";
                reason = percent + " of " + name.name() + "'s row versions are dead (good below 5%, critical above "
                        + "20%): scans read them, indexes point at them and the table grows. Vacuum it now; if it "
                        + "keeps coming back, autovacuum is not keeping up: ALTER TABLE " + tableSql
                        + " SET (autovacuum_vacuum_scale_factor = 0.02), and look for long-running transactions.";
            }
            case CACHE_HIT -> {
                suggestion = postgres ? "ALTER SYSTEM SET shared_buffers = '<about 25% of RAM>'; -- then restart"
                        : "SET GLOBAL innodb_buffer_pool_size = <bytes, up to about 70% of RAM>;";
                reason = "Only " + percent + " of block reads are served from memory (good above 95%, critical below "
                        + "85%): the working set does not fit the " + (postgres ? "shared buffers" : "buffer pool")
                        + ", or queries read far more than they need (look for unindexed predicates first).";
            }
            default -> {
                suggestion = postgres ? "ALTER SYSTEM SET max_connections = <higher>; -- then restart"
                        : "SET GLOBAL max_connections = <higher>;";
                reason = percent + " of max_connections are in use (good below 50%, critical above 80%): new "
                        + "connections will soon be refused. Prefer a smaller pool per application instance (or a "
                        + "pooler such as PgBouncer) to raising the limit; each connection costs server memory.";
            }
        }
        Severity severity = HealthThresholds.CRITICAL.equals(sample.status()) ? Severity.CRITICAL : Severity.WARNING;
        return AdvisorFinding.builder(FindingKind.TABLE_HEALTH, severity, input.dataSource(), name, List.of(),
                        sample.metric())
                .suggestion(suggestion)
                .reason(reason)
                .detail("metric", sample.metric())
                .detail("ratio", sample.ratio())
                .detail("status", sample.status())
                .build();
    }

    private static String regclass(TableName table) {
        String name = '"' + table.name().replace("\"", "\"\"") + '"';
        return table.schema() == null ? name : '"' + table.schema().replace("\"", "\"\"") + "\"." + name;
    }
}
