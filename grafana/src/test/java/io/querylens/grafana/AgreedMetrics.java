package io.querylens.grafana;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.TreeSet;

/**
 * The metric names the collector serves and the dashboards may use (the table in collector/README.md): a dashboard
 * may use only these, a histogram also through its {@code _bucket}, {@code _sum} and {@code _count} series; every one
 * is shown somewhere ({@link DashboardMetricNamesTest}); and a running collector serves exactly these
 * ({@link DashboardQueriesAgainstCollectorIT}).
 */
final class AgreedMetrics {
    static final Set<String> HISTOGRAMS = Set.of("querylens_query_duration_seconds");

    static final Set<String> NAMES = Set.of(
            "querylens_query_duration_seconds",
            "querylens_query_executions_total",
            "querylens_query_errors_total",
            "querylens_query_rows_total",
            "querylens_query_shape_info",
            "querylens_findings",
            "querylens_db_statement_calls_total",
            "querylens_db_statement_time_seconds_total",
            "querylens_db_statement_rows_total",
            "querylens_db_statement_shared_blocks_read_total",
            "querylens_db_statement_shared_blocks_hit_total",
            "querylens_db_table_seq_scans_total",
            "querylens_db_table_index_scans_total",
            "querylens_db_table_io_waits_total",
            "querylens_db_table_dead_tuples",
            "querylens_db_table_live_tuples",
            "querylens_db_index_scans_total",
            "querylens_db_cache_hit_ratio",
            "querylens_db_connections_used_ratio",
            "querylens_db_lock_waits",
            "querylens_db_lock_wait_seconds",
            "querylens_collector_events_total",
            "querylens_collector_processes",
            "querylens_internal_errors_total");

    private static final Pattern METRIC_NAME = Pattern.compile("querylens_[a-z_]+");
    private static final List<String> HISTOGRAM_SERIES_SUFFIXES = List.of("_bucket", "_sum", "_count");

    private AgreedMetrics() {
    }

    static Set<String> namesIn(String expr) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = METRIC_NAME.matcher(expr);
        while (matcher.find()) {
            names.add(matcher.group());
        }
        return names;
    }

    /** The agreed metric a series name belongs to: itself, or the histogram whose bucket, sum or count it is. */
    static Optional<String> agreedMetricOf(String seriesName) {
        if (NAMES.contains(seriesName)) {
            return Optional.of(seriesName);
        }
        for (String suffix : HISTOGRAM_SERIES_SUFFIXES) {
            if (seriesName.endsWith(suffix)) {
                String base = seriesName.substring(0, seriesName.length() - suffix.length());
                if (HISTOGRAMS.contains(base)) {
                    return Optional.of(base);
                }
            }
        }
        return Optional.empty();
    }
}
