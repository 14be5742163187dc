package io.querylens.collector.dbstats;

import io.querylens.driver.sql.Dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Sessions waiting on a lock in MySQL/MariaDB, and who blocks them, from two sources because the two kinds of lock
 * live in different places:
 * <ul>
 *   <li>metadata locks, which DDL waits on behind any open transaction that touched the table: the waiting session is
 *       in {@code PROCESSLIST} ("Waiting for table metadata lock"); the holders are the {@code GRANTED} rows of
 *       {@code performance_schema.metadata_locks} on the same object, and a holder's statement is its current one, or
 *       its last one when it sits idle in its transaction ({@code events_statements_current}), like
 *       {@code pg_stat_activity.query}. That table is only filled when the instrument
 *       {@code wait/lock/metadata/sql/mdl} is on (MySQL 8: by default; MariaDB: not), else blockers are unknown and
 *       this is said once; likewise their statements need the consumer {@code events_statements_current};</li>
 *   <li>InnoDB row locks: {@code information_schema.INNODB_TRX} in state {@code LOCK WAIT}, with MariaDB's
 *       {@code INNODB_LOCK_WAITS} naming the blocking transactions (MySQL 8 dropped that table: blockers unknown).</li>
 * </ul>
 */
final class MySqlLockWaits {
    private static final String METADATA_LOCK_INSTRUMENT = "wait/lock/metadata/sql/mdl";

    private MySqlLockWaits() {
    }

    static List<DatabaseStatistics.LockWait> read(String name, Connection connection) throws SQLException {
        List<DatabaseStatistics.LockWait> waits = new ArrayList<>();
        rowLockWaits(name, connection, waits);
        List<long[]> metadataWaits = new ArrayList<>();
        List<String> metadataQueries = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select ID, INFO, TIME from information_schema.PROCESSLIST"
                     + " where STATE like 'Waiting for%lock%'")) {
            while (rows.next()) {
                long pid = rows.getLong(1);
                if (waits.stream().anyMatch(rowLock -> rowLock.pid() == pid)) {
                    continue; // an InnoDB row lock wait, already read with its blockers
                }
                metadataWaits.add(new long[] {pid, rows.getLong(3)});
                metadataQueries.add(StatementTexts.withoutLiterals(rows.getString(2), Dialect.MYSQL));
            }
        }
        boolean ownersKnown = !metadataWaits.isEmpty() && metadataLockOwnersVisible(name, connection);
        if (ownersKnown) {
            reportIfLastStatementsHidden(name, connection);
        }
        for (int i = 0; i < metadataWaits.size(); i++) {
            long pid = metadataWaits.get(i)[0];
            List<Long> blockingPids = new ArrayList<>();
            List<String> blockingQueries = new ArrayList<>();
            if (ownersKnown) {
                try {
                    metadataLockHolders(connection, pid, blockingPids, blockingQueries);
                } catch (SQLException olderServer) {
                    // No performance_schema.metadata_locks (before MariaDB 10.5): the wait counts, blockers unknown.
                    blockingPids.clear();
                    blockingQueries.clear();
                }
            }
            waits.add(new DatabaseStatistics.LockWait(pid, metadataQueries.get(i), metadataWaits.get(i)[1],
                    blockingPids, blockingQueries));
        }
        return waits;
    }

    private static boolean metadataLockOwnersVisible(String name, Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "select ENABLED from performance_schema.setup_instruments where NAME = ?")) {
            statement.setString(1, METADATA_LOCK_INSTRUMENT);
            try (ResultSet rows = statement.executeQuery()) {
                if (rows.next() && "YES".equalsIgnoreCase(rows.getString(1))) {
                    return true;
                }
            }
        } catch (SQLException noPerformanceSchema) {
            // Reported by the statement statistics already.
            return false;
        }
        Reported.unavailableOnce(name, "owners of metadata locks (who blocks DDL)", "Start the server with"
                + " performance-schema-instrument='" + METADATA_LOCK_INSTRUMENT + "=ON'.",
                new SQLException("instrument " + METADATA_LOCK_INSTRUMENT + " is off"));
        return false;
    }

    /**
     * A holder sitting idle in its transaction has no current statement in {@code PROCESSLIST}; its last one is in
     * {@code events_statements_current}, which MariaDB fills only when that consumer is on.
     */
    private static void reportIfLastStatementsHidden(String name, Connection connection) {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select ENABLED from performance_schema.setup_consumers"
                     + " where NAME = 'events_statements_current'")) {
            if (rows.next() && !"YES".equalsIgnoreCase(rows.getString(1))) {
                Reported.unavailableOnce(name, "statements of sessions that block DDL", "Start the server with"
                        + " performance-schema-consumer-events-statements-current=ON.",
                        new SQLException("consumer events_statements_current is off"));
            }
        } catch (SQLException cannotTell) {
            // The holders are still named by session id.
        }
    }

    private static void metadataLockHolders(Connection connection, long waitingPid, List<Long> pids,
                                            List<String> queries) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select distinct holder.PROCESSLIST_ID,"
                + " coalesce(p.INFO, current_statement.SQL_TEXT)"
                + " from performance_schema.threads waiter"
                + " join performance_schema.metadata_locks pending on pending.OWNER_THREAD_ID = waiter.THREAD_ID"
                + "   and pending.LOCK_STATUS = 'PENDING'"
                + " join performance_schema.metadata_locks granted on granted.LOCK_STATUS = 'GRANTED'"
                + "   and granted.OBJECT_TYPE = pending.OBJECT_TYPE"
                + "   and granted.OBJECT_SCHEMA <=> pending.OBJECT_SCHEMA"
                + "   and granted.OBJECT_NAME <=> pending.OBJECT_NAME"
                + "   and granted.OWNER_THREAD_ID <> pending.OWNER_THREAD_ID"
                + " join performance_schema.threads holder on holder.THREAD_ID = granted.OWNER_THREAD_ID"
                + " left join information_schema.PROCESSLIST p on p.ID = holder.PROCESSLIST_ID"
                + " left join performance_schema.events_statements_current current_statement"
                + "   on current_statement.THREAD_ID = holder.THREAD_ID"
                + " where waiter.PROCESSLIST_ID = ? and holder.PROCESSLIST_ID is not null"
                + " order by holder.PROCESSLIST_ID")) {
            statement.setLong(1, waitingPid);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    pids.add(rows.getLong(1));
                    queries.add(StatementTexts.withoutLiterals(rows.getString(2), Dialect.MYSQL));
                }
            }
        }
    }

    private static void rowLockWaits(String name, Connection connection, List<DatabaseStatistics.LockWait> waits) {
        List<Object[]> waiting = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select trx_id, trx_mysql_thread_id, trx_query,"
                     + " timestampdiff(MICROSECOND, trx_wait_started, now(6)) / 1000000"
                     + " from information_schema.INNODB_TRX where trx_state = 'LOCK WAIT'")) {
            while (rows.next()) {
                waiting.add(new Object[] {rows.getString(1), rows.getLong(2), rows.getString(3), rows.getDouble(4)});
            }
        } catch (SQLException denied) {
            Reported.unavailableOnce(name, "row lock waits (INNODB_TRX)", "Grant PROCESS to the collector's user.",
                    denied);
            return;
        }
        for (Object[] wait : waiting) {
            List<Long> blockingPids = new ArrayList<>();
            List<String> blockingQueries = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("select b.trx_mysql_thread_id,"
                    + " b.trx_query from information_schema.INNODB_LOCK_WAITS w"
                    + " join information_schema.INNODB_TRX b on b.trx_id = w.blocking_trx_id"
                    + " where w.requesting_trx_id = ?")) {
                statement.setString(1, (String) wait[0]);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        blockingPids.add(rows.getLong(1));
                        blockingQueries.add(StatementTexts.withoutLiterals(rows.getString(2), Dialect.MYSQL));
                    }
                }
            } catch (SQLException mysql8) {
                // MySQL 8 has no INNODB_LOCK_WAITS: the wait is still counted, its blockers stay unknown.
            }
            waits.add(new DatabaseStatistics.LockWait((Long) wait[1], StatementTexts.withoutLiterals((String) wait[2], Dialect.MYSQL), (Double) wait[3],
                    blockingPids, blockingQueries));
        }
    }
}
