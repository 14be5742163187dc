package io.querylens.collector.dbstats;

import io.querylens.driver.sql.Dialect;
import io.querylens.driver.sql.QueryShape;
import io.querylens.driver.sql.StatementKind;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL: pg_stat_statements (of the connected database, with the role that ran each statement),
 * pg_stat_user_tables, scans of non-unique indexes from pg_stat_user_indexes (fewest first), sessions waiting on locks with
 * {@code pg_blocking_pids}, connection use and the buffer cache hit ratio. Each view is read on its own, so a missing
 * extension or privilege costs only that part.
 *
 * <p>One instance per polled database. Polls may overlap (the scheduler and {@code pollAll}): two racing lookups of
 * the view's schema find the same answer.
 */
final class PostgresStatisticsPoller implements StatisticsPoller {
    /**
     * pg_stat_statements qualified with the schema its extension is installed in: the collector's URL may set a
     * search_path ({@code currentSchema}) that leaves that schema out, and the view would then not be found. Looked up
     * once; again after a read fails (the extension may have been created, dropped or moved since).
     */
    private volatile String statementsView;

    @Override
    public DatabaseStatistics poll(String name, Connection connection) throws SQLException {
        List<String> unavailable = new ArrayList<>();
        List<DatabaseStatistics.StatementStats> statements = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select s.query, s.calls, s.total_exec_time, s.mean_exec_time,"
                     + " s.rows, s.shared_blks_hit, s.shared_blks_read, r.rolname from " + statementsView(connection)
                     + " s left join pg_roles r on r.oid = s.userid"
                     + " where s.dbid = (select oid from pg_database where datname = current_database())")) {
            while (rows.next()) {
                QueryShape shape = StatementTexts.shapeOf(rows.getString(1), Dialect.POSTGRESQL);
                statements.add(new DatabaseStatistics.StatementStats(shape.id(), shape.kind() == StatementKind.DDL,
                        shape.text(), rows.getString(8), rows.getLong(2), rows.getDouble(3), rows.getDouble(4),
                        rows.getLong(5), rows.getLong(6), rows.getLong(7)));
            }
        } catch (SQLException missing) {
            statementsView = null;
            unavailable.add("pg_stat_statements");
            Reported.unavailableOnce(name, "pg_stat_statements", "Add pg_stat_statements to shared_preload_libraries,"
                    + " restart, run CREATE EXTENSION pg_stat_statements, and grant pg_read_all_stats to the"
                    + " collector's role.", missing);
        }

        List<DatabaseStatistics.TableStats> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select schemaname, relname, seq_scan, coalesce(idx_scan, 0),"
                     + " n_live_tup, n_dead_tup, greatest(last_vacuum, last_autovacuum)::text,"
                     + " greatest(last_analyze, last_autoanalyze)::text from pg_stat_user_tables")) {
            while (rows.next()) {
                tables.add(new DatabaseStatistics.TableStats(rows.getString(1), rows.getString(2), rows.getLong(3),
                        rows.getLong(4), rows.getLong(5), rows.getLong(6), rows.getString(7), rows.getString(8),
                        0, 0));
            }
        }

        List<DatabaseStatistics.UnusedIndex> unused = new ArrayList<>();
        List<DatabaseStatistics.IndexStats> indexes = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select i.schemaname, i.relname, i.indexrelname, i.idx_scan"
                     + " from pg_stat_user_indexes i join pg_index x on x.indexrelid = i.indexrelid"
                     + " where not x.indisunique and not x.indisprimary order by i.idx_scan, i.indexrelname")) {
            while (rows.next()) {
                DatabaseStatistics.IndexStats index = new DatabaseStatistics.IndexStats(rows.getString(1),
                        rows.getString(2), rows.getString(3), rows.getLong(4));
                indexes.add(index);
                if (index.scans() == 0) {
                    unused.add(new DatabaseStatistics.UnusedIndex(index.schema(), index.table(), index.index()));
                }
            }
        }

        List<DatabaseStatistics.LockWait> lockWaits = lockWaits(name, connection, unavailable);

        long connections = 0;
        long maxConnections = 0;
        Double cacheHitRatio = null;
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select (select count(*) from pg_stat_activity"
                     + " where backend_type = 'client backend'),"
                     + " current_setting('max_connections')::bigint,"
                     + " (select sum(blks_hit)::float8 / nullif(sum(blks_hit) + sum(blks_read), 0)"
                     + " from pg_stat_database where datname = current_database())")) {
            if (rows.next()) {
                connections = rows.getLong(1);
                maxConnections = rows.getLong(2);
                double ratio = rows.getDouble(3);
                cacheHitRatio = rows.wasNull() ? null : ratio;
            }
        }
        return new DatabaseStatistics(name, "PostgreSQL", System.currentTimeMillis(), statements, tables, unused, indexes,
                lockWaits, connections, maxConnections, cacheHitRatio, unavailable);
    }

    /**
     * Where the extension is not created in this database the view is named unqualified, so that reading it fails as
     * it always has and is reported as unavailable with how to enable it.
     */
    private String statementsView(Connection connection) throws SQLException {
        String view = statementsView;
        if (view == null) {
            view = "pg_stat_statements";
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("select quote_ident(n.nspname) from pg_extension e"
                         + " join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_stat_statements'")) {
                if (rows.next()) {
                    view = rows.getString(1) + ".pg_stat_statements";
                    statementsView = view;
                }
            }
        }
        return view;
    }

    private static List<DatabaseStatistics.LockWait> lockWaits(String name, Connection connection,
                                                               List<String> unavailable) {
        List<DatabaseStatistics.LockWait> waits = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select a.pid, a.query,"
                     // clock_timestamp(), not now(): now() is when this statement began, which can precede
                     // the moment a session that pg_stat_activity shows waiting entered its state (the wait
                     // then read as negative and the gauge as 0)
                     + " extract(epoch from clock_timestamp() - coalesce(a.state_change, a.query_start))::float8,"
                     + " pg_blocking_pids(a.pid) from pg_stat_activity a"
                     + " where a.wait_event_type = 'Lock' and a.datname = current_database()")) {
            Map<Long, Object[]> waiting = new LinkedHashMap<>();
            while (rows.next()) {
                Array blockers = rows.getArray(4);
                List<Long> pids = new ArrayList<>();
                for (Object pid : (Object[]) blockers.getArray()) {
                    pids.add(((Number) pid).longValue());
                }
                waiting.put(rows.getLong(1), new Object[] {
                    StatementTexts.withoutLiterals(rows.getString(2), Dialect.POSTGRESQL), rows.getDouble(3), pids});
            }
            for (Map.Entry<Long, Object[]> wait : waiting.entrySet()) {
                @SuppressWarnings("unchecked")
                List<Long> pids = (List<Long>) wait.getValue()[2];
                waits.add(new DatabaseStatistics.LockWait(wait.getKey(), (String) wait.getValue()[0],
                        (Double) wait.getValue()[1], pids, queriesOf(connection, pids)));
            }
        } catch (SQLException denied) {
            unavailable.add("pg_stat_activity");
            Reported.unavailableOnce(name, "lock waits (pg_stat_activity)", "Grant pg_read_all_stats (or"
                    + " pg_monitor) to the collector's role to see other sessions' statements.", denied);
        }
        return waits;
    }

    private static List<String> queriesOf(Connection connection, List<Long> pids) throws SQLException {
        List<String> queries = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "select query from pg_stat_activity where pid = ?")) {
            for (Long pid : pids) {
                statement.setInt(1, pid.intValue());
                try (ResultSet rows = statement.executeQuery()) {
                    queries.add(rows.next() ? StatementTexts.withoutLiterals(rows.getString(1), Dialect.POSTGRESQL) : null);
                }
            }
        }
        return queries;
    }
}
