package io.querylens.driver.detect.unindexed;

/**
 * One table access in a plan: the table (and alias) it reads, how ({@code Seq Scan}, {@code Index Scan}, MySQL's
 * {@code ALL}), whether that is a full scan, the planner's row estimate for the node and its filter (null when none).
 * {@code possibleKeys} are the indexes MySQL considered for the access (null on PostgreSQL, which does not say).
 */
record PlanScan(String table, String schema, String alias, String access, boolean fullScan, long rowsEstimate,
                String filter, String indexName, java.util.List<String> possibleKeys) {

    /** As the finding shows it, e.g. {@code Seq Scan on orders} or {@code ALL (full table scan) on users}. */
    String describe() {
        return access + " on " + table + (alias != null && !alias.equals(table) ? " " + alias : "");
    }

    /**
     * The type the filter casts {@code column} to, as PostgreSQL prints it ({@code ((code)::text = 'x'::text)},
     * {@code ((o.id)::numeric = 10.5)}), or null when the filter does not cast it.
     */
    String castOf(String column) {
        if (filter == null) {
            return null;
        }
        java.util.regex.Matcher cast = java.util.regex.Pattern.compile("\\((?:[a-z_][a-z0-9_$]*\\.)?\"?"
                        + java.util.regex.Pattern.quote(column) + "\"?\\)::(\"?[a-z_][a-z0-9_ ]*?\"?)(?=[^a-z0-9_ ]|\\s*[=<>!~)]|$)",
                java.util.regex.Pattern.CASE_INSENSITIVE).matcher(filter);
        return cast.find() ? cast.group(1).strip() : null;
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
