package io.querylens.collector.dbstats;

import io.querylens.collector.merge.CollectorState;
import io.querylens.collector.merge.FindingStore;
import io.querylens.collector.merge.InternalErrors;
import io.querylens.driver.config.ConfigKey;
import io.querylens.driver.config.QueryLensConfig;
import io.querylens.driver.detect.advisor.CheckInput;
import io.querylens.driver.detect.advisor.ObservedJoin;
import io.querylens.driver.detect.advisor.SchemaCheck;
import io.querylens.driver.detect.advisor.SchemaChecks;
import io.querylens.driver.detect.advisor.SchemaUseReader;
import io.querylens.driver.detect.unindexed.IndexCatalog;
import io.querylens.driver.detect.unindexed.TableMetadata;
import io.querylens.driver.detect.unindexed.TableName;
import io.querylens.driver.finding.Finding;
import io.querylens.driver.sql.Dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The drivers' schema advisor checks ({@link SchemaChecks}: missing and unindexed foreign keys, money in floating
 * point, unused and duplicate indexes, table health, drift), run by the collector for each database it polls. The
 * evidence is what the database itself counted: the tables and joins of the statements in pg_stat_statements or
 * performance_schema's digests, so applications without QueryLens count too. System schemas are left out.
 *
 * <p>A database is reviewed at the first poll whose statements name one of its tables, then at most once per
 * {@code querylens.advisor.intervalSeconds}; checks named in {@code querylens.advisor.disabledChecks} do not run. A
 * finding the latest review no longer reports (the schema was fixed) is removed. Each review runs on the poll's
 * read-only connection under {@code querylens.analysis.statementTimeoutMillis}, reset afterwards.
 *
 * <p>Poller thread only.
 */
final class SchemaReview {
    private static final Logger LOG = Logger.getLogger(SchemaReview.class.getName());
    private static final Set<String> SYSTEM_SCHEMAS = Set.of("pg_catalog", "information_schema", "pg_toast",
            "performance_schema", "mysql", "sys");

    private final QueryLensConfig config;
    private final CollectorState state;
    private final LongSupplier millisClock;
    private final long intervalMillis;
    private final Map<String, Review> reviews = new HashMap<>();

    /** One database's checks (some keep state between runs), and what its latest review reported. */
    private final class Review {
        final List<SchemaCheck> checks = SchemaChecks.configured(config, SchemaReview.class.getClassLoader());
        Map<String, Set<String>> reportedKeysByCheck = new HashMap<>();
        long lastRunMillis;
        boolean everRun;
    }

    SchemaReview(QueryLensConfig config, CollectorState state, LongSupplier millisClock) {
        this.config = config;
        this.state = state;
        this.millisClock = millisClock;
        this.intervalMillis = config.integer(ConfigKey.ADVISOR_INTERVAL_SECONDS) * 1000L;
    }

    /** Reviews the database when due; the connection is the poll's, left as it was found. */
    void reviewIfDue(String database, Connection connection, DatabaseStatistics statistics, String dataSource)
            throws SQLException {
        Review review = reviews.computeIfAbsent(database, name -> new Review());
        long now = millisClock.getAsLong();
        if (review.everRun && now - review.lastRunMillis < intervalMillis) {
            return;
        }
        Dialect dialect = statistics.product().startsWith("PostgreSQL") ? Dialect.POSTGRESQL : Dialect.MYSQL;
        Set<TableName> named = new LinkedHashSet<>();
        Map<String, ObservedJoin> joins = new LinkedHashMap<>();
        for (DatabaseStatistics.StatementStats statement : statistics.statements()) {
            if (!statement.ddl()) {
                SchemaUseReader.read(StatementTexts.shapeOf(statement.text(), dialect), named::add,
                        join -> joins.putIfAbsent(join.key(), join));
            }
        }
        IndexCatalog catalog = new IndexCatalog();
        String product = connection.getMetaData().getDatabaseProductVersion();
        boolean mariaDb = product != null && product.toLowerCase(Locale.ROOT).contains("mariadb");
        withTimeout(connection, dialect, mariaDb, () -> {
            Set<TableName> tables = userTables(named, catalog, dataSource, dialect, connection);
            if (tables.isEmpty()) {
                return;
            }
            List<ObservedJoin> userJoins = joins.values().stream()
                    .filter(j -> tables.contains(j.left()) && tables.contains(j.right())).toList();
            CheckInput input = new CheckInput(connection, dialect, mariaDb, dataSource, tables, userJoins, catalog,
                    config.integer(ConfigKey.ADVISOR_ORPHAN_SCAN_ROWS));
            review.everRun = true;
            review.lastRunMillis = now;
            for (SchemaCheck check : review.checks) {
                List<Finding> found;
                try {
                    found = check.run(input);
                } catch (SQLException | RuntimeException failed) {
                    // What the check reported before stays: a failure is no evidence that the schema was fixed.
                    state.internalErrors().count(InternalErrors.DBSTATS);
                    LOG.log(Level.WARNING, "QueryLens collector: schema check " + check.name() + " failed on '"
                            + database + "': " + failed);
                    continue;
                }
                Set<String> reported = new HashSet<>();
                for (Finding finding : found) {
                    Finding tagged = finding.toBuilder().detail("source", "database").detail("database", database)
                            .build();
                    state.findings().put(FindingStore.COLLECTOR_PROCESS, tagged);
                    reported.add(tagged.key());
                }
                Set<String> before = review.reportedKeysByCheck.put(check.name(), reported);
                if (before != null) {
                    before.stream().filter(key -> !reported.contains(key))
                            .forEach(state.findings()::removeFromCollector);
                }
            }
        });
    }

    /** The named tables that resolve to a table outside the system schemas (the poller's own catalog reads). */
    private static Set<TableName> userTables(Set<TableName> named, IndexCatalog catalog, String dataSource,
                                             Dialect dialect, Connection connection) throws SQLException {
        Set<TableName> tables = new LinkedHashSet<>();
        for (TableName table : named) {
            if (table.schema() != null && SYSTEM_SCHEMAS.contains(table.schema().toLowerCase(Locale.ROOT))) {
                continue;
            }
            Optional<TableMetadata> metadata = catalog.table(dataSource, dialect, connection, table);
            if (metadata.isPresent() && metadata.get().resolved().schema() != null
                    && !SYSTEM_SCHEMAS.contains(metadata.get().resolved().schema().toLowerCase(Locale.ROOT))
                    && ownBaseTable(connection, dialect, metadata.get().resolved())) {
                tables.add(table);
            }
        }
        return tables;
    }

    /**
     * A base table of the database's own: not a view, and (PostgreSQL) not an extension's, such as the
     * pg_stat_statements view the poller reads, whose {@code total_exec_time} would look like money.
     */
    private static boolean ownBaseTable(Connection connection, Dialect dialect, TableName table) throws SQLException {
        String sql = dialect == Dialect.POSTGRESQL
                ? "select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = ? "
                + "and c.relname = ? and c.relkind in ('r', 'p') and not exists (select 1 from pg_depend d "
                + "where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')"
                : "select 1 from information_schema.TABLES where TABLE_SCHEMA = ? and TABLE_NAME = ? "
                + "and TABLE_TYPE = 'BASE TABLE'";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, table.schema());
            statement.setString(2, table.name());
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }

    private interface SqlWork {
        void run() throws SQLException;
    }

    /** Runs the review with the statement timeout the drivers' analysis uses, then puts the session's back. */
    private void withTimeout(Connection connection, Dialect dialect, boolean mariaDb, SqlWork work)
            throws SQLException {
        int timeoutMillis = config.integer(ConfigKey.ANALYSIS_STATEMENT_TIMEOUT_MILLIS);
        String set;
        String reset;
        if (dialect == Dialect.POSTGRESQL) {
            set = "SET statement_timeout = " + timeoutMillis;
            reset = "RESET statement_timeout";
        } else if (mariaDb) {
            set = "SET SESSION max_statement_time = " + (timeoutMillis / 1000.0);
            reset = "SET SESSION max_statement_time = DEFAULT";
        } else {
            set = "SET SESSION max_execution_time = " + timeoutMillis;
            reset = "SET SESSION max_execution_time = DEFAULT";
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(set);
        }
        try {
            work.run();
        } finally {
            try (Statement statement = connection.createStatement()) {
                statement.execute(reset);
            }
        }
    }
}
