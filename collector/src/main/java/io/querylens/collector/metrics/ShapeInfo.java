package io.querylens.collector.metrics;

import io.querylens.collector.merge.ShapeText;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.querylens.driver.sql.QueryShape;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code querylens_query_shape_info{shape, sql, kind} 1}: the text dashboards join onto a shape id. Only shapes that
 * have their own series (the top N, see {@link ShapeSeries}) get one, so its cardinality has the same bound; the SQL
 * is the normalised text cut at {@value #MAX_SQL_CHARS} characters, since a label is not the place for a
 * 30 KB statement (the whole text is in {@code /api/queries}).
 */
final class ShapeInfo {
    static final int MAX_SQL_CHARS = 200;
    static final String NAME = "querylens_query_shape_info";

    private ShapeInfo() {
    }

    /** @param seriesShapes the shape label values in use, {@code other} among them */
    static GaugeSnapshot snapshot(Collection<String> seriesShapes, Map<Long, ShapeText> texts) {
        GaugeSnapshot.Builder info = GaugeSnapshot.builder().name(NAME)
                .help("SQL text (normalised, cut at " + MAX_SQL_CHARS + " characters) and kind of each top query shape");
        Set<String> distinct = new TreeSet<>(seriesShapes);
        for (ShapeText text : texts.values()) {
            String shape = QueryShape.toHex(text.shapeId());
            if (distinct.contains(shape)) {
                info.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                        .labels(Labels.of("shape", shape, "sql", truncated(text.text()),
                                "kind", text.kind().name().toLowerCase(Locale.ROOT)))
                        .value(1).build());
            }
        }
        return info.build();
    }

    static String truncated(String sql) {
        if (sql == null) {
            return "";
        }
        return sql.length() <= MAX_SQL_CHARS ? sql : sql.substring(0, MAX_SQL_CHARS - 1) + "…";
    }
}
