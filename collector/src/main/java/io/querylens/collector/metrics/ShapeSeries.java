package io.querylens.collector.metrics;

import io.querylens.collector.merge.ShapeKey;
import io.querylens.collector.merge.ShapeTotals;
import io.querylens.driver.sql.QueryShape;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bounds label cardinality: the {@code topShapes} series with the most total time keep their shape id as label, the
 * rest are merged per (app, data source) into one series labelled {@code shape="other"}.
 */
final class ShapeSeries {
    static final String OTHER = "other";

    private ShapeSeries() {
    }

    /** Label triple (app, datasource, shape) → merged totals. */
    static Map<List<String>, ShapeTotals> fold(Map<ShapeKey, ShapeTotals> totals, int topShapes) {
        List<Map.Entry<ShapeKey, ShapeTotals>> byTime = new ArrayList<>(totals.entrySet());
        byTime.sort(Comparator.comparingDouble((Map.Entry<ShapeKey, ShapeTotals> e) -> e.getValue().totalMicros())
                .reversed());
        Map<List<String>, ShapeTotals> series = new LinkedHashMap<>();
        for (int i = 0; i < byTime.size(); i++) {
            ShapeKey key = byTime.get(i).getKey();
            String shape = i < topShapes ? QueryShape.toHex(key.shapeId()) : OTHER;
            List<String> labels = List.of(key.app(), key.dataSource(), shape);
            ShapeTotals existing = series.get(labels);
            series.put(labels, existing == null ? byTime.get(i).getValue() : existing.plus(byTime.get(i).getValue()));
        }
        return series;
    }
}
