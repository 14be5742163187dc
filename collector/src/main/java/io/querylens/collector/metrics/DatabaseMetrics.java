package io.querylens.collector.metrics;

import io.querylens.collector.dbstats.DatabaseStatistics;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.querylens.driver.sql.QueryShape;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The databases' own statistics as metrics, labelled {@code db} with the collector's name for the database
 * ({@code --db NAME=…}). Statement series are labelled by shape id (the same id the application series carry, which
 * is the correlation). Bounded: per database at most {@value #MAX_STATEMENTS} statements and
 * {@value #MAX_INDEXES} indexes, the least scanned first (the index metric is there to find indexes nobody uses).
 * Tables carry {@code schema} too, since two schemas may each have a table of the same name.
 */
final class DatabaseMetrics {
    static final int MAX_STATEMENTS = 200;
    static final int MAX_INDEXES = 100;

    private DatabaseMetrics() {
    }

    static void addTo(MetricSnapshots.Builder all, List<DatabaseStatistics> databases) {
        CounterSnapshot.Builder calls = CollectorMetrics.counter("querylens_db_statement_calls",
                "Calls per statement shape, as the database counts them");
        CounterSnapshot.Builder time = CollectorMetrics.counter("querylens_db_statement_time_seconds",
                "Execution time per statement shape, as the database counts it");
        CounterSnapshot.Builder rows = CollectorMetrics.counter("querylens_db_statement_rows",
                "Rows per statement shape, as the database counts them");
        CounterSnapshot.Builder blocksRead = CollectorMetrics.counter("querylens_db_statement_shared_blocks_read",
                "Shared buffer blocks read from disk per statement shape (PostgreSQL)");
        CounterSnapshot.Builder blocksHit = CollectorMetrics.counter("querylens_db_statement_shared_blocks_hit",
                "Shared buffer blocks found in cache per statement shape (PostgreSQL)");
        CounterSnapshot.Builder seqScans = CollectorMetrics.counter("querylens_db_table_seq_scans",
                "Sequential scans per table");
        CounterSnapshot.Builder tableIndexScans = CollectorMetrics.counter("querylens_db_table_index_scans",
                "Index scans per table");
        CounterSnapshot.Builder ioWaits = CollectorMetrics.counter("querylens_db_table_io_waits",
                "Table I/O wait events per table (MySQL/MariaDB performance_schema)");
        GaugeSnapshot.Builder liveTuples = gauge("querylens_db_table_live_tuples", "Estimated live rows per table");
        GaugeSnapshot.Builder deadTuples = gauge("querylens_db_table_dead_tuples", "Estimated dead rows per table");
        CounterSnapshot.Builder indexScans = CollectorMetrics.counter("querylens_db_index_scans",
                "Scans per index that enforces no constraint, least scanned first, at most " + MAX_INDEXES
                        + " per database (MySQL/MariaDB: row operations through the index)");
        GaugeSnapshot.Builder cacheHit = gauge("querylens_db_cache_hit_ratio", "Buffer cache hit ratio, 0 to 1");
        GaugeSnapshot.Builder connections = gauge("querylens_db_connections_used_ratio",
                "Connections in use over the server's maximum");
        GaugeSnapshot.Builder lockWaits = gauge("querylens_db_lock_waits", "Sessions waiting on a lock now");
        GaugeSnapshot.Builder lockWaitSeconds = gauge("querylens_db_lock_wait_seconds",
                "How long the longest current lock wait has lasted; 0 when no session waits");
        for (DatabaseStatistics db : databases) {
            Set<String> seen = new HashSet<>();
            int statements = 0;
            for (DatabaseStatistics.StatementStats statement : db.statements()) {
                String shape = QueryShape.toHex(statement.shapeId());
                if (statements >= MAX_STATEMENTS || !seen.add(shape)) {
                    continue; // series must be unique; the same shape under two roles is counted once
                }
                statements++;
                Labels labels = Labels.of("db", db.name(), "shape", shape);
                calls.dataPoint(CollectorMetrics.counterPoint(labels, statement.calls()));
                time.dataPoint(CollectorMetrics.counterPoint(labels, statement.totalMillis() / 1000.0));
                rows.dataPoint(CollectorMetrics.counterPoint(labels, statement.rows()));
                blocksRead.dataPoint(CollectorMetrics.counterPoint(labels, statement.sharedBlocksRead()));
                blocksHit.dataPoint(CollectorMetrics.counterPoint(labels, statement.sharedBlocksHit()));
            }
            for (DatabaseStatistics.TableStats table : db.tables()) {
                Labels labels = Labels.of("db", db.name(), "schema", table.schema(), "table", table.table());
                seqScans.dataPoint(CollectorMetrics.counterPoint(labels, table.seqScans()));
                tableIndexScans.dataPoint(CollectorMetrics.counterPoint(labels, table.indexScans()));
                ioWaits.dataPoint(CollectorMetrics.counterPoint(labels, table.ioWaits()));
                liveTuples.dataPoint(point(labels, table.liveTuples()));
                deadTuples.dataPoint(point(labels, table.deadTuples()));
            }
            // The pollers list indexes least scanned first, so the cut keeps the unused ones.
            db.indexes().stream().limit(MAX_INDEXES).forEach(index -> indexScans.dataPoint(
                    CollectorMetrics.counterPoint(Labels.of("db", db.name(), "schema", index.schema(),
                            "table", index.table(), "index", index.index()), index.scans())));
            Labels database = Labels.of("db", db.name());
            if (db.cacheHitRatio() != null) {
                cacheHit.dataPoint(point(database, db.cacheHitRatio()));
            }
            if (db.connectionsUsedRatio() != null) {
                connections.dataPoint(point(database, db.connectionsUsedRatio()));
            }
            lockWaits.dataPoint(point(database, db.lockWaits().size()));
            lockWaitSeconds.dataPoint(point(database, db.longestLockWaitSeconds()));
        }
        all.metricSnapshot(calls.build()).metricSnapshot(time.build()).metricSnapshot(rows.build())
                .metricSnapshot(blocksRead.build()).metricSnapshot(blocksHit.build())
                .metricSnapshot(seqScans.build()).metricSnapshot(tableIndexScans.build())
                .metricSnapshot(ioWaits.build()).metricSnapshot(liveTuples.build()).metricSnapshot(deadTuples.build())
                .metricSnapshot(indexScans.build()).metricSnapshot(cacheHit.build())
                .metricSnapshot(connections.build()).metricSnapshot(lockWaits.build())
                .metricSnapshot(lockWaitSeconds.build());
    }

    private static GaugeSnapshot.Builder gauge(String name, String help) {
        return GaugeSnapshot.builder().name(name).help(help);
    }

    private static GaugeSnapshot.GaugeDataPointSnapshot point(Labels labels, double value) {
        return GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
    }
}
