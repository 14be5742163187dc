package io.querylens.driver.detect.advisor;

import io.querylens.driver.detect.unindexed.TableName;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reports an index as unused only when runs at least {@code confirmAfterNanos} apart all found it never scanned,
 * under the same statistics start. One run cannot tell: the advisor's first run may come before the application's
 * first statement on the table (it starts when a statement is prepared, before it executes), and the database
 * publishes scan counts late (PostgreSQL when a backend goes idle, at most once a second, and a transaction's only when
 * it ends). A finding that a later run would contradict is never retracted, so it must not be made on one reading.
 * A scan in between, or a statistics reset, starts the wait again; zero reports at the first run (no wait).
 *
 * <p>Advisor thread only (one instance per check, so per caller), like {@link PendingConfirmation}.
 */
final class UnscannedConfirmation {
    /** When a run first found the index unscanned, and the statistics' start it read then (null: unknown). */
    private record Sighting(long firstNanos, String statisticsSince) {
    }

    private record TableKey(String dataSource, TableName table) {
    }

    private final long confirmAfterNanos;
    private final Map<TableKey, Map<String, Sighting>> sightings = new HashMap<>();

    UnscannedConfirmation(long confirmAfterNanos) {
        this.confirmAfterNanos = confirmAfterNanos;
    }

    /**
     * Of {@code unscannedNow} (the table's indexes this run found never scanned), in order, those found unscanned since
     * at least {@code confirmAfterNanos} before {@code nowNanos}. The table's other indexes are forgotten: they were
     * scanned, dropped, or are no longer candidates.
     */
    List<String> confirmed(String dataSource, TableName table, List<String> unscannedNow, String statisticsSince,
                           long nowNanos) {
        if (confirmAfterNanos == 0) {
            return unscannedNow;
        }
        TableKey key = new TableKey(dataSource, table);
        Map<String, Sighting> before = sightings.getOrDefault(key, Map.of());
        Map<String, Sighting> now = new HashMap<>();
        List<String> confirmed = new ArrayList<>();
        for (String index : unscannedNow) {
            Sighting first = before.get(index);
            if (first == null || !Objects.equals(first.statisticsSince(), statisticsSince)) {
                first = new Sighting(nowNanos, statisticsSince);
            } else if (nowNanos - first.firstNanos() >= confirmAfterNanos) {
                confirmed.add(index);
            }
            now.put(index, first);
        }
        if (now.isEmpty()) {
            sightings.remove(key);
        } else {
            sightings.put(key, now);
        }
        return confirmed;
    }
}
