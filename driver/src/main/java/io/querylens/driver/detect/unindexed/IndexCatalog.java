package io.querylens.driver.detect.unindexed;

import io.querylens.driver.sql.Dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Step 2 of the analysis: index metadata per table, read once per data source and table and cached until a schema
 * change is seen ({@link #clear}). Reading goes to {@link PostgresCatalogReader} or {@link MySqlCatalogReader}.
 *
 * <p>Used by the analysis thread only; the maps are concurrent so that tests and {@link #clear} may look from other
 * threads.
 */
public final class IndexCatalog {
    private final Map<String, Map<TableName, Optional<TableMetadata>>> byDataSource = new ConcurrentHashMap<>();
    private final Map<String, Boolean> trigramByDataSource = new ConcurrentHashMap<>();

    /** The table's metadata, or empty when no such table is visible (a view, a CTE we did not spot, a typo). */
    public Optional<TableMetadata> table(String dataSource, Dialect dialect, Connection connection, TableName table)
            throws SQLException {
        Map<TableName, Optional<TableMetadata>> tables =
                byDataSource.computeIfAbsent(dataSource, ds -> new ConcurrentHashMap<>());
        Optional<TableMetadata> cached = tables.get(table);
        if (cached != null) {
            return cached;
        }
        Optional<TableMetadata> read = Optional.ofNullable(dialect == Dialect.POSTGRESQL
                ? PostgresCatalogReader.read(connection, table)
                : MySqlCatalogReader.read(connection, table));
        tables.put(table, read);
        return read;
    }

    /** True when PostgreSQL's pg_trgm extension is installed in the database (for LIKE '%x%' suggestions). */
    boolean trigramAvailable(String dataSource, Dialect dialect, Connection connection) throws SQLException {
        if (dialect != Dialect.POSTGRESQL) {
            return false;
        }
        Boolean cached = trigramByDataSource.get(dataSource);
        if (cached == null) {
            cached = PostgresCatalogReader.trigramInstalled(connection);
            trigramByDataSource.put(dataSource, cached);
        }
        return cached;
    }

    public void clear() {
        byDataSource.clear();
        trigramByDataSource.clear();
    }

    /**
     * A comparable form of an index or predicate expression: PostgreSQL prints {@code lower((email)::text)} where the
     * query says {@code lower(email)}, so casts, parentheses, quotes and spacing are removed before comparing.
     */
    static String normaliseExpression(String expression) {
        String e = expression.toLowerCase(Locale.ROOT)
                .replaceAll("::\\s*(character varying|double precision|timestamp with(out)? time zone|[a-z_][a-z0-9_]*)(\\[\\])?", "");
        StringBuilder out = new StringBuilder(e.length());
        for (int i = 0; i < e.length(); i++) {
            char c = e.charAt(i);
            if (!Character.isWhitespace(c) && c != '(' && c != ')' && c != '"' && c != '`') {
                out.append(c);
            }
        }
        return out.toString();
    }
}
