package io.querylens.driver.detect.unindexed;

import io.querylens.driver.sql.Dialect;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Step 3b: asks the database for its plan (never running the statement: EXPLAIN only, never EXPLAIN ANALYZE) and
 * lists the table accesses in it.
 *
 * <p>PostgreSQL: a shape with markers is planned generically, the way {@code EXPLAIN (GENERIC_PLAN)} (16+) would,
 * but through {@code PREPARE} and {@code EXPLAIN EXECUTE … (NULL, …)} on a session with
 * {@code plan_cache_mode = force_generic_plan} (set by {@link AnalysisConnectionPool}). This works on PostgreSQL 12+
 * and over pgjdbc's default extended protocol, where {@code GENERIC_PLAN} fails unless the connection was opened in
 * simple query mode ("bind message supplies 0 parameters"), and it needs no bind values: the generic plan does not
 * look at them. {@code FORMAT JSON, VERBOSE} gives each scan its schema.
 *
 * <p>MySQL and MariaDB: {@code EXPLAIN FORMAT=JSON} of the text with markers replaced by constants
 * ({@link ExplainableText}).
 */
final class PlanInspector {
    static final String STATEMENT_NAME = "querylens_unindexed_plan";

    private PlanInspector() {
    }

    static List<PlanScan> explain(Connection connection, Dialect dialect, ExplainableText text, int timeoutSeconds)
            throws SQLException, IOException {
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(timeoutSeconds);
            if (dialect == Dialect.POSTGRESQL) {
                return postgres(statement, text);
            }
            return mysql(statement, text);
        }
    }

    private static List<PlanScan> postgres(Statement statement, ExplainableText text) throws SQLException, IOException {
        if (text.placeholders() == 0) {
            return postgresScans(single(statement, "EXPLAIN (FORMAT JSON, VERBOSE) " + text.text()));
        }
        statement.execute("PREPARE " + STATEMENT_NAME + " AS " + text.text());
        try {
            StringBuilder nulls = new StringBuilder();
            for (int i = 0; i < text.placeholders(); i++) {
                nulls.append(i == 0 ? "NULL" : ", NULL");
            }
            return postgresScans(single(statement,
                    "EXPLAIN (FORMAT JSON, VERBOSE) EXECUTE " + STATEMENT_NAME + "(" + nulls + ")"));
        } finally {
            statement.execute("DEALLOCATE " + STATEMENT_NAME);
        }
    }

    private static List<PlanScan> mysql(Statement statement, ExplainableText text) throws SQLException, IOException {
        List<PlanScan> scans = new ArrayList<>();
        collectMysql(JsonTree.parse(single(statement, "EXPLAIN FORMAT=JSON " + text.text())), scans);
        return scans;
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            StringBuilder json = new StringBuilder();
            while (rs.next()) {
                json.append(rs.getString(1)).append('\n');
            }
            return json.toString();
        }
    }

    static List<PlanScan> postgresScans(String json) throws IOException {
        List<PlanScan> scans = new ArrayList<>();
        collectPostgres(JsonTree.parse(json), scans);
        return scans;
    }

    private static void collectPostgres(Object node, List<PlanScan> scans) {
        if (node instanceof Map<?, ?> map) {
            Object relation = map.get("Relation Name");
            if (relation instanceof String table && map.get("Node Type") instanceof String type) {
                String filter = map.get("Filter") instanceof String f ? f : null;
                scans.add(new PlanScan(table, (String) map.get("Schema"), (String) map.get("Alias"), type,
                        "Seq Scan".equals(type), number(map.get("Plan Rows")), filter,
                        (String) map.get("Index Name"), null));
            }
            for (Object child : map.values()) {
                collectPostgres(child, scans);
            }
        } else if (node instanceof List<?> list) {
            for (Object child : list) {
                collectPostgres(child, scans);
            }
        }
    }

    static void collectMysql(Object node, List<PlanScan> scans) {
        if (node instanceof Map<?, ?> map) {
            if (map.get("table_name") instanceof String table && map.get("access_type") instanceof String access) {
                Object rows = map.containsKey("rows_examined_per_scan") ? map.get("rows_examined_per_scan") : map.get("rows");
                boolean full = "ALL".equals(access) || "index".equals(access);
                String described = "ALL".equals(access) ? "Full table scan (ALL)"
                        : "index".equals(access) ? "Full index scan" : "Access " + access;
                List<String> possibleKeys = new ArrayList<>();
                if (map.get("possible_keys") instanceof List<?> keys) {
                    keys.forEach(k -> possibleKeys.add(String.valueOf(k)));
                }
                scans.add(new PlanScan(table, null, table, described, full, number(rows),
                        map.get("attached_condition") instanceof String c ? c : null, (String) map.get("key"),
                        List.copyOf(possibleKeys)));
            }
            for (Object child : map.values()) {
                collectMysql(child, scans);
            }
        } else if (node instanceof List<?> list) {
            for (Object child : list) {
                collectMysql(child, scans);
            }
        }
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : -1;
    }
}
