package io.querylens.driver.detect.unindexed;

import io.querylens.driver.detect.unindexed.TableMetadata.ForeignKey;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads one table's indexes from PostgreSQL's catalogs: pg_index (valid indexes only: a failed
 * {@code CREATE INDEX CONCURRENTLY} leaves an invalid one the planner ignores), each key column or expression through
 * {@code pg_get_indexdef(index, k, true)}, the partial predicate, the access method, pg_class.reltuples and the
 * table's foreign keys. The name is resolved with {@code to_regclass}, so an unqualified name follows the analysis
 * connection's search_path, as the application's statement does.
 */
final class PostgresCatalogReader {
    private static final String TABLE = """
            select n.nspname, c.relname, c.reltuples::bigint
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where c.oid = to_regclass(?)""";
    private static final String COLUMNS = """
            select attname from pg_attribute
            where attrelid = to_regclass(?) and attnum > 0 and not attisdropped order by attnum""";
    private static final String INDEXES = """
            select ic.relname, x.indisunique, x.indisprimary, am.amname, pg_get_expr(x.indpred, x.indrelid),
                   array_to_string(array(
                       select case when x.indkey[k - 1] = 0 then 'E' else 'C' end || pg_get_indexdef(x.indexrelid, k, true)
                       from generate_series(1, x.indnkeyatts) k order by k), chr(1))
            from pg_index x
            join pg_class ic on ic.oid = x.indexrelid
            join pg_am am on am.oid = ic.relam
            where x.indrelid = to_regclass(?) and x.indisvalid
            order by ic.relname""";
    private static final String FOREIGN_KEYS = """
            select array_to_string(array(
                       select a.attname from unnest(c.conkey) with ordinality k(attnum, ord)
                       join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum order by k.ord), chr(1)),
                   c.confrelid::regclass::text
            from pg_constraint c where c.conrelid = to_regclass(?) and c.contype = 'f'""";

    private PostgresCatalogReader() {
    }

    static TableMetadata read(Connection connection, TableName table) throws SQLException {
        String regclass = quoted(table);
        TableName resolved = null;
        long rows = -1;
        try (PreparedStatement statement = connection.prepareStatement(TABLE)) {
            statement.setString(1, regclass);
            try (ResultSet rs = statement.executeQuery()) {
                if (rs.next()) {
                    resolved = new TableName(rs.getString(1), rs.getString(2));
                    rows = rs.getLong(3);
                }
            }
        }
        if (resolved == null) {
            return null;
        }
        Set<String> columns = new LinkedHashSet<>();
        try (PreparedStatement statement = connection.prepareStatement(COLUMNS)) {
            statement.setString(1, regclass);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        List<IndexDefinition> indexes = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(INDEXES)) {
            statement.setString(1, regclass);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    List<String> keys = new ArrayList<>();
                    for (String key : rs.getString(6).split("\u0001")) {
                        if (key.isEmpty()) {
                            continue;
                        }
                        keys.add(key.charAt(0) == 'C'
                                ? TableName.identifier(withoutOperatorClass(key.substring(1)))
                                : IndexDefinition.EXPRESSION_PREFIX + IndexCatalog.normaliseExpression(key.substring(1)));
                    }
                    indexes.add(new IndexDefinition(rs.getString(1), List.copyOf(keys), rs.getString(4),
                            rs.getBoolean(2), rs.getBoolean(3), rs.getString(5)));
                }
            }
        }
        List<ForeignKey> foreignKeys = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(FOREIGN_KEYS)) {
            statement.setString(1, regclass);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    foreignKeys.add(new ForeignKey(List.of(rs.getString(1).split("\u0001")), rs.getString(2)));
                }
            }
        }
        return new TableMetadata(resolved, rows, Set.copyOf(columns), List.copyOf(indexes), List.copyOf(foreignKeys));
    }

    static boolean trigramInstalled(Connection connection) throws SQLException {
        try (PreparedStatement statement =
                     connection.prepareStatement("select 1 from pg_extension where extname = 'pg_trgm'");
             ResultSet rs = statement.executeQuery()) {
            return rs.next();
        }
    }

    /**
     * pg_get_indexdef prints a key column with a non-default operator class after it ({@code email gin_trgm_ops});
     * a column name with a space in it would be double-quoted.
     */
    private static String withoutOperatorClass(String key) {
        if (key.startsWith("\"")) {
            int close = key.indexOf('"', 1);
            while (close > 0 && close + 1 < key.length() && key.charAt(close + 1) == '"') {
                close = key.indexOf('"', close + 2);
            }
            return close > 0 ? key.substring(0, close + 1) : key;
        }
        int space = key.indexOf(' ');
        return space < 0 ? key : key.substring(0, space);
    }

    /** The name as to_regclass reads it: each part double-quoted, so case and odd characters survive. */
    private static String quoted(TableName table) {
        String name = '"' + table.name().replace("\"", "\"\"") + '"';
        return table.schema() == null ? name : '"' + table.schema().replace("\"", "\"\"") + "\"." + name;
    }
}
