package io.querylens.collector.metrics;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.querylens.collector.merge.CollectorState;
import io.querylens.driver.recording.ShapeStats;
import io.querylens.driver.sql.QueryShape;
import io.querylens.driver.stream.StreamEvent;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Label cardinality stays bounded: only the configured number of shapes, those with the most total time, get a
 * series of their own; every other shape of the same application and data source is folded into one
 * {@code shape="other"} series whose counts are their sum, so no execution is lost from the totals. Issue 8.
 */
class TopShapesTest {
    private static final StreamEvent.Origin ORIGIN = new StreamEvent.Origin("shop", "host-a", 42, 1_000);
    private static final String DATA_SOURCE = "jdbc:postgresql://localhost/shop";

    @Test
    void onlyTheTopShapesByTotalTimeKeepTheirOwnSeriesAndTheRestAddUpInOther() throws Exception {
        CollectorState state = new CollectorState();
        // Shape n: n * 10 executions of n ms each, so total time grows with n: shapes 5 and 4 are the top two.
        for (long shape = 1; shape <= 5; shape++) {
            state.apply(interval(shape, (int) shape * 10, shape * 1_000));
        }

        Map<String, Double> executions = executionsByShape(new CollectorMetrics(state, 2, List::of).collect());

        assertThat(executions).containsOnlyKeys(QueryShape.toHex(5), QueryShape.toHex(4), "other");
        assertThat(executions.get(QueryShape.toHex(5))).isEqualTo(50.0);
        assertThat(executions.get(QueryShape.toHex(4))).isEqualTo(40.0);
        assertThat(executions.get("other")).isEqualTo(10.0 + 20.0 + 30.0);
    }

    @Test
    void theBoundIsConfigurable() throws Exception {
        CollectorState state = new CollectorState();
        for (long shape = 1; shape <= 5; shape++) {
            state.apply(interval(shape, 3, shape * 1_000));
        }

        assertThat(executionsByShape(new CollectorMetrics(state, 5, List::of).collect()))
                .hasSize(5).doesNotContainKey("other");
        assertThat(executionsByShape(new CollectorMetrics(state, 1, List::of).collect()))
                .containsOnlyKeys(QueryShape.toHex(5), "other")
                .containsEntry("other", 12.0);
    }

    private static Map<String, Double> executionsByShape(MetricSnapshots snapshots) {
        Map<String, Double> byShape = new TreeMap<>();
        for (MetricSnapshot snapshot : snapshots) {
            if (snapshot.getMetadata().getName().equals("querylens_query_executions")) {
                for (CounterSnapshot.CounterDataPointSnapshot point : ((CounterSnapshot) snapshot).getDataPoints()) {
                    assertThat(point.getLabels().get("app")).isEqualTo("shop");
                    byShape.merge(point.getLabels().get("shape"), point.getValue(), Double::sum);
                }
            }
        }
        return byShape;
    }

    private static StreamEvent.ShapeInterval interval(long shapeId, int executions, long micros) {
        Histogram histogram = new Histogram(ShapeStats.LOWEST_DISCERNIBLE_MICROS, ShapeStats.HIGHEST_TRACKABLE_MICROS,
                ShapeStats.SIGNIFICANT_VALUE_DIGITS);
        histogram.recordValueWithCount(micros, executions);
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return new StreamEvent.ShapeInterval(ORIGIN, 2_000, DATA_SOURCE, shapeId, 1_000, 0, executions,
                Arrays.copyOf(buffer.array(), length));
    }
}
