package io.querylens.driver.detect.unindexed;

/**
 * One table access in a plan: the table (and alias) it reads, how ({@code Seq Scan}, {@code Index Scan}, MySQL's
 * {@code ALL}), whether that is a full scan, the planner's row estimate for the node and its filter (null when none).
 */
record PlanScan(String table, String schema, String alias, String access, boolean fullScan, long rowsEstimate,
                String filter, String indexName) {

    /** As the finding shows it, e.g. {@code Seq Scan on orders} or {@code ALL (full table scan) on users}. */
    String describe() {
        return access + " on " + table + (alias != null && !alias.equals(table) ? " " + alias : "");
    }

    boolean filterMentions(String column) {
        if (filter == null) {
            return false;
        }
        String f = filter.toLowerCase(java.util.Locale.ROOT);
        return f.matches("(?s).*(^|[^a-z0-9_$])" + java.util.regex.Pattern.quote(column.toLowerCase(java.util.Locale.ROOT))
                + "($|[^a-z0-9_$]).*");
    }
}
