package io.querylens.driver.detect.advisor;

import io.querylens.driver.detect.unindexed.TableName;
import io.querylens.driver.recording.AnalysisConnections;
import io.querylens.driver.sql.Dialect;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * What the advisor knows about one data source: the tables and joins its shapes showed, how to open an analysis
 * connection, and when to check it next. A run is due promptly (after {@code settleNanos} without news) when something
 * new arrived before the first run, after a schema change or a new entity model; otherwise once per interval.
 *
 * <p>Advisor thread only.
 */
final class DataSourceState {
    private final String dataSource;
    private final Dialect dialect;
    private final AnalysisConnections connections;
    private final Set<TableName> tables = new LinkedHashSet<>();
    private final Map<String, ObservedJoin> joins = new LinkedHashMap<>();
    private final LongSupplier nanoClock;
    private boolean promptRunWanted;
    private boolean everRun;
    private long lastNewsNanos;
    private long lastRunNanos;

    DataSourceState(String dataSource, Dialect dialect, AnalysisConnections connections) {
        this(dataSource, dialect, connections, System::nanoTime);
    }

    DataSourceState(String dataSource, Dialect dialect, AnalysisConnections connections, LongSupplier nanoClock) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.connections = connections;
        this.nanoClock = nanoClock;
    }

    String dataSource() { return dataSource; }
    Dialect dialect() { return dialect; }
    AnalysisConnections connections() { return connections; }
    Set<TableName> tables() { return tables; }
    List<ObservedJoin> joins() { return List.copyOf(joins.values()); }

    void touched(TableName table) {
        if (tables.add(table)) {
            news();
        }
    }

    void joined(ObservedJoin join) {
        if (joins.putIfAbsent(join.key(), join) == null) {
            news();
        }
    }

    private void news() {
        lastNewsNanos = nanoClock.getAsLong();
        if (!everRun) {
            promptRunWanted = true;
        }
    }

    /** A schema change or a new entity model: check again soon, not only at the next interval. */
    void wantPromptRun() {
        lastNewsNanos = nanoClock.getAsLong();
        promptRunWanted = true;
    }

    boolean promptRunPending() {
        return promptRunWanted && !tables.isEmpty();
    }

    boolean due(long nowNanos, long settleNanos, long intervalNanos) {
        if (tables.isEmpty()) {
            return false;
        }
        if (promptRunWanted && nowNanos - lastNewsNanos >= settleNanos) {
            return true;
        }
        return everRun && nowNanos - lastRunNanos >= intervalNanos;
    }

    void ran(long nowNanos) {
        everRun = true;
        promptRunWanted = false;
        lastRunNanos = nowNanos;
    }
}
