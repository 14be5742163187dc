package io.querylens.collector.api;

import io.querylens.collector.dbstats.DatabaseStatistics;
import io.querylens.collector.merge.CollectorState;
import io.querylens.collector.merge.ShapeKey;
import io.querylens.collector.merge.ShapeText;
import io.querylens.collector.merge.ShapeTotals;
import io.querylens.driver.sql.QueryShape;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/queries}: one entry per (app, data source, shape), busiest first, with the application's latency next
 * to what each polled database counted for the same shape (the correlation), and the scans of the tables involved
 * are in {@code /api/databases}.
 */
final class QueryView {
    private QueryView() {
    }

    static List<Map<String, Object>> build(CollectorState state, List<DatabaseStatistics> databases) {
        List<Map.Entry<ShapeKey, ShapeTotals>> entries = new ArrayList<>(state.shapes().totals().entrySet());
        entries.sort(Comparator.comparingDouble((Map.Entry<ShapeKey, ShapeTotals> e) -> e.getValue().totalMicros())
                .reversed());
        List<Map<String, Object>> queries = new ArrayList<>();
        for (Map.Entry<ShapeKey, ShapeTotals> entry : entries) {
            ShapeKey key = entry.getKey();
            ShapeTotals totals = entry.getValue();
            Histogram latency = totals.latencyMicros();
            ShapeText text = state.shapes().text(key.shapeId());
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("app", key.app());
            query.put("dataSource", key.dataSource());
            query.put("shape", QueryShape.toHex(key.shapeId()));
            query.put("kind", text == null ? null : text.kind().name());
            query.put("sql", text == null ? null : text.text());
            query.put("executions", totals.executions());
            query.put("errors", totals.errors());
            query.put("rows", totals.rows());
            query.put("totalMillis", totals.totalMicros() / 1000.0);
            query.put("p50Millis", latency.getValueAtPercentile(50) / 1000.0);
            query.put("p95Millis", latency.getValueAtPercentile(95) / 1000.0);
            query.put("p99Millis", latency.getValueAtPercentile(99) / 1000.0);
            query.put("maxMillis", latency.getMaxValue() / 1000.0);
            List<Map<String, Object>> database = new ArrayList<>();
            for (DatabaseStatistics db : databases) {
                for (DatabaseStatistics.StatementStats statement : db.statements()) {
                    if (statement.shapeId() == key.shapeId()) {
                        Map<String, Object> stats = new LinkedHashMap<>();
                        stats.put("database", db.name());
                        stats.put("role", statement.role());
                        stats.put("calls", statement.calls());
                        stats.put("totalMillis", statement.totalMillis());
                        stats.put("meanMillis", statement.meanMillis());
                        stats.put("rows", statement.rows());
                        stats.put("sharedBlocksHit", statement.sharedBlocksHit());
                        stats.put("sharedBlocksRead", statement.sharedBlocksRead());
                        database.add(stats);
                    }
                }
            }
            query.put("database", database);
            query.put("tables", tablesMentioned(text == null ? "" : text.text(), databases));
            queries.add(query);
        }
        return queries;
    }

    /** The polled tables whose name appears as a word in the shape's text, with their scan counters. */
    private static List<Map<String, Object>> tablesMentioned(String sql, List<DatabaseStatistics> databases) {
        List<Map<String, Object>> tables = new ArrayList<>();
        String lower = sql.toLowerCase(java.util.Locale.ROOT);
        for (DatabaseStatistics db : databases) {
            for (DatabaseStatistics.TableStats table : db.tables()) {
                String name = table.table().toLowerCase(java.util.Locale.ROOT);
                if (java.util.regex.Pattern.compile("\\b" + java.util.regex.Pattern.quote(name) + "\\b")
                        .matcher(lower).find()) {
                    Map<String, Object> stats = new LinkedHashMap<>();
                    stats.put("database", db.name());
                    stats.put("schema", table.schema());
                    stats.put("table", table.table());
                    stats.put("seqScans", table.seqScans());
                    stats.put("indexScans", table.indexScans());
                    stats.put("liveTuples", table.liveTuples());
                    stats.put("deadTuples", table.deadTuples());
                    stats.put("ioWaits", table.ioWaits());
                    tables.add(stats);
                }
            }
        }
        return tables;
    }
}
