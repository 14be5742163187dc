package io.querylens.collector.dbstats;

import io.querylens.driver.sql.Dialect;
import io.querylens.driver.sql.QueryShape;
import io.querylens.driver.sql.StatementKind;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * MySQL and MariaDB: performance_schema statement digests and table I/O waits of the connected schema, sessions
 * waiting on locks (processlist), connection counts and the InnoDB buffer pool hit ratio. Timers in
 * performance_schema are picoseconds.
 */
final class MySqlStatisticsPoller implements StatisticsPoller {
    private static final double PICOS_PER_MILLI = 1e9;

    @Override
    public DatabaseStatistics poll(String name, Connection connection) throws SQLException {
        List<String> unavailable = new ArrayList<>();
        List<DatabaseStatistics.StatementStats> statements = new ArrayList<>();
        List<DatabaseStatistics.TableStats> tables = new ArrayList<>();
        List<DatabaseStatistics.IndexStats> indexes = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select DIGEST_TEXT, COUNT_STAR, SUM_TIMER_WAIT,"
                     + " AVG_TIMER_WAIT, SUM_ROWS_SENT + SUM_ROWS_AFFECTED"
                     + " from performance_schema.events_statements_summary_by_digest"
                     + " where SCHEMA_NAME = database() and DIGEST_TEXT is not null")) {
            while (rows.next()) {
                QueryShape shape = StatementTexts.shapeOf(rows.getString(1), Dialect.MYSQL);
                statements.add(new DatabaseStatistics.StatementStats(shape.id(), shape.kind() == StatementKind.DDL,
                        shape.text(), null, rows.getLong(2), rows.getDouble(3) / PICOS_PER_MILLI,
                        rows.getDouble(4) / PICOS_PER_MILLI, rows.getLong(5), 0, 0));
            }
            try (ResultSet io = statement.executeQuery("select OBJECT_SCHEMA, OBJECT_NAME, COUNT_STAR,"
                    + " SUM_TIMER_WAIT from performance_schema.table_io_waits_summary_by_table"
                    + " where OBJECT_SCHEMA = database()")) {
                while (io.next()) {
                    tables.add(new DatabaseStatistics.TableStats(io.getString(1), io.getString(2), 0, 0, 0, 0,
                            null, null, io.getLong(3), io.getDouble(4) / PICOS_PER_MILLI));
                }
            }
            // COUNT_STAR counts row operations through the index, the closest performance_schema has to scans.
            try (ResultSet io = statement.executeQuery("select u.OBJECT_SCHEMA, u.OBJECT_NAME, u.INDEX_NAME,"
                    + " u.COUNT_STAR from performance_schema.table_io_waits_summary_by_index_usage u"
                    + " where u.OBJECT_SCHEMA = database() and u.INDEX_NAME is not null"
                    + " and not exists (select 1 from information_schema.STATISTICS s"
                    + " where s.TABLE_SCHEMA = u.OBJECT_SCHEMA and s.TABLE_NAME = u.OBJECT_NAME"
                    + " and s.INDEX_NAME = u.INDEX_NAME and s.NON_UNIQUE = 0)"
                    + " order by u.COUNT_STAR, u.INDEX_NAME")) {
                while (io.next()) {
                    indexes.add(new DatabaseStatistics.IndexStats(io.getString(1), io.getString(2),
                            io.getString(3), io.getLong(4)));
                }
            }
        } catch (SQLException missing) {
            unavailable.add("performance_schema");
            Reported.unavailableOnce(name, "performance_schema", "Start the server with performance_schema=ON"
                    + " and grant SELECT on performance_schema.* to the collector's user.", missing);
        }

        List<DatabaseStatistics.LockWait> lockWaits = new ArrayList<>();
        try {
            lockWaits = MySqlLockWaits.read(name, connection);
        } catch (SQLException denied) {
            unavailable.add("processlist");
            Reported.unavailableOnce(name, "lock waits (processlist)", "Grant PROCESS to the collector's user.",
                    denied);
        }

        long connections = 0;
        long maxConnections = 0;
        Double cacheHitRatio = null;
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select VARIABLE_NAME, VARIABLE_VALUE"
                     + " from information_schema.GLOBAL_STATUS where VARIABLE_NAME in ('THREADS_CONNECTED',"
                     + " 'INNODB_BUFFER_POOL_READ_REQUESTS', 'INNODB_BUFFER_POOL_READS')")) {
            double requests = 0;
            double diskReads = 0;
            while (rows.next()) {
                String variable = rows.getString(1).toUpperCase(java.util.Locale.ROOT);
                double value = rows.getDouble(2);
                switch (variable) {
                    case "THREADS_CONNECTED" -> connections = (long) value;
                    case "INNODB_BUFFER_POOL_READ_REQUESTS" -> requests = value;
                    default -> diskReads = value;
                }
            }
            cacheHitRatio = requests > 0 ? 1 - diskReads / requests : null;
        } catch (SQLException denied) {
            unavailable.add("global status");
            Reported.unavailableOnce(name, "global status", "Grant PROCESS to the collector's user.", denied);
        }
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select @@max_connections")) {
            if (rows.next()) {
                maxConnections = rows.getLong(1);
            }
        }
        return new DatabaseStatistics(name, "MySQL/MariaDB", System.currentTimeMillis(), statements, tables, List.of(),
                indexes, lockWaits, connections, maxConnections, cacheHitRatio, unavailable);
    }
}
