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
 * The databases' own statistics as metrics. Statement series are labelled by shape id (the same id the application
 * series carry, which is the correlation), and bounded: per database, at most {@value #MAX_STATEMENTS} statements.
 */
final class DatabaseMetrics {
    static final int MAX_STATEMENTS = 200;

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
        CounterSnapshot.Builder indexScans = CollectorMetrics.counter("querylens_db_table_index_scans",
                "Index scans per table");
        CounterSnapshot.Builder ioWaits = CollectorMetrics.counter("querylens_db_table_io_waits",
                "Table I/O wait events per table (MySQL/MariaDB performance_schema)");
        GaugeSnapshot.Builder liveTuples = gauge("querylens_db_table_live_tuples", "Estimated live rows per table");
        GaugeSnapshot.Builder deadTuples = gauge("querylens_db_table_dead_tuples", "Estimated dead rows per table");
        GaugeSnapshot.Builder unusedIndexes = gauge("querylens_db_unused_indexes",
                "Non-unique indexes never scanned since statistics were reset");
        GaugeSnapshot.Builder cacheHit = gauge("querylens_db_cache_hit_ratio", "Buffer cache hit ratio, 0 to 1");
        GaugeSnapshot.Builder connections = gauge("querylens_db_connections_used_ratio",
                "Connections in use over the server's maximum");
        GaugeSnapshot.Builder lockWaits = gauge("querylens_db_lock_waits", "Sessions waiting on a lock now");
        for (DatabaseStatistics db : databases) {
            Set<String> seen = new HashSet<>();
            int statements = 0;
            for (DatabaseStatistics.StatementStats statement : db.statements()) {
                String shape = QueryShape.toHex(statement.shapeId());
                if (statements >= MAX_STATEMENTS || !seen.add(shape)) {
                    continue; // series must be unique; the same shape under two roles is counted once
                }
                statements++;
                Labels labels = Labels.of("database", db.name(), "shape", shape);
                calls.dataPoint(CollectorMetrics.counterPoint(labels, statement.calls()));
                time.dataPoint(CollectorMetrics.counterPoint(labels, statement.totalMillis() / 1000.0));
                rows.dataPoint(CollectorMetrics.counterPoint(labels, statement.rows()));
                blocksRead.dataPoint(CollectorMetrics.counterPoint(labels, statement.sharedBlocksRead()));
                blocksHit.dataPoint(CollectorMetrics.counterPoint(labels, statement.sharedBlocksHit()));
            }
            for (DatabaseStatistics.TableStats table : db.tables()) {
                Labels labels = Labels.of("database", db.name(), "schema", table.schema(), "table", table.table());
                seqScans.dataPoint(CollectorMetrics.counterPoint(labels, table.seqScans()));
                indexScans.dataPoint(CollectorMetrics.counterPoint(labels, table.indexScans()));
                ioWaits.dataPoint(CollectorMetrics.counterPoint(labels, table.ioWaits()));
                liveTuples.dataPoint(point(labels, table.liveTuples()));
                deadTuples.dataPoint(point(labels, table.deadTuples()));
            }
            Labels database = Labels.of("database", db.name());
            unusedIndexes.dataPoint(point(database, db.unusedIndexes().size()));
            if (db.cacheHitRatio() != null) {
                cacheHit.dataPoint(point(database, db.cacheHitRatio()));
            }
            if (db.connectionsUsedRatio() != null) {
                connections.dataPoint(point(database, db.connectionsUsedRatio()));
            }
            lockWaits.dataPoint(point(database, db.lockWaits().size()));
        }
        all.metricSnapshot(calls.build()).metricSnapshot(time.build()).metricSnapshot(rows.build())
                .metricSnapshot(blocksRead.build()).metricSnapshot(blocksHit.build())
                .metricSnapshot(seqScans.build()).metricSnapshot(indexScans.build()).metricSnapshot(ioWaits.build())
                .metricSnapshot(liveTuples.build()).metricSnapshot(deadTuples.build())
                .metricSnapshot(unusedIndexes.build()).metricSnapshot(cacheHit.build())
                .metricSnapshot(connections.build()).metricSnapshot(lockWaits.build());
    }

    private static GaugeSnapshot.Builder gauge(String name, String help) {
        return GaugeSnapshot.builder().name(name).help(help);
    }

    private static GaugeSnapshot.GaugeDataPointSnapshot point(Labels labels, double value) {
        return GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
    }
}
