package io.querylens.driver.detect.unindexed;

import io.querylens.driver.detect.unindexed.TableMetadata.ForeignKey;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads one table's indexes from MySQL's and MariaDB's information_schema: STATISTICS (one row per key part;
 * MySQL 8 fills EXPRESSION for functional key parts, MariaDB has no such column), TABLES.TABLE_ROWS (InnoDB's
 * estimate, refreshed by ANALYZE TABLE) and KEY_COLUMN_USAGE for foreign keys. An unqualified table is looked up in
 * the analysis connection's current database, as the application's statement is.
 */
final class MySqlCatalogReader {
    private static final String TABLE = """
            select TABLE_SCHEMA, TABLE_NAME, TABLE_ROWS from information_schema.TABLES
            where TABLE_SCHEMA = coalesce(?, database()) and TABLE_NAME = ?""";
    private static final String COLUMNS = """
            select COLUMN_NAME, DATA_TYPE from information_schema.COLUMNS where TABLE_SCHEMA = ? and TABLE_NAME = ?""";
    private static final Set<String> STRING_TYPES = Set.of("char", "varchar", "tinytext", "text", "mediumtext",
            "longtext", "enum", "set");
    private static final String STATISTICS = """
            select * from information_schema.STATISTICS where TABLE_SCHEMA = ? and TABLE_NAME = ?
            order by INDEX_NAME, SEQ_IN_INDEX""";
    private static final String FOREIGN_KEYS = """
            select CONSTRAINT_NAME, COLUMN_NAME, REFERENCED_TABLE_NAME from information_schema.KEY_COLUMN_USAGE
            where TABLE_SCHEMA = ? and TABLE_NAME = ? and REFERENCED_TABLE_NAME is not null
            order by CONSTRAINT_NAME, ORDINAL_POSITION""";

    private MySqlCatalogReader() {
    }

    static TableMetadata read(Connection connection, TableName table) throws SQLException {
        TableName resolved = null;
        long rows = -1;
        try (PreparedStatement statement = connection.prepareStatement(TABLE)) {
            statement.setString(1, table.schema());
            statement.setString(2, table.name());
            try (ResultSet rs = statement.executeQuery()) {
                if (rs.next()) {
                    resolved = new TableName(rs.getString(1), rs.getString(2));
                    long estimate = rs.getLong(3);
                    rows = rs.wasNull() ? -1 : estimate;
                }
            }
        }
        if (resolved == null) {
            return null;
        }
        Set<String> columns = new LinkedHashSet<>();
        Set<String> stringColumns = new LinkedHashSet<>();
        try (PreparedStatement statement = connection.prepareStatement(COLUMNS)) {
            statement.setString(1, resolved.schema());
            statement.setString(2, resolved.name());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String column = rs.getString(1).toLowerCase(Locale.ROOT);
                    columns.add(column);
                    String type = rs.getString(2);
                    if (type != null && STRING_TYPES.contains(type.toLowerCase(Locale.ROOT))) {
                        stringColumns.add(column);
                    }
                }
            }
        }
        return new TableMetadata(resolved, rows, Set.copyOf(columns), indexes(connection, resolved),
                foreignKeys(connection, resolved), Set.copyOf(stringColumns));
    }

    private static List<IndexDefinition> indexes(Connection connection, TableName table) throws SQLException {
        Map<String, List<String>> keysByIndex = new LinkedHashMap<>();
        Map<String, IndexDefinition> firstRow = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(STATISTICS)) {
            statement.setString(1, table.schema());
            statement.setString(2, table.name());
            try (ResultSet rs = statement.executeQuery()) {
                boolean hasExpression = hasColumn(rs.getMetaData(), "EXPRESSION");
                while (rs.next()) {
                    String name = rs.getString("INDEX_NAME");
                    String column = rs.getString("COLUMN_NAME");
                    String key = column != null ? column.toLowerCase(Locale.ROOT)
                            : IndexDefinition.EXPRESSION_PREFIX + IndexCatalog.normaliseExpression(
                                    hasExpression && rs.getString("EXPRESSION") != null ? rs.getString("EXPRESSION") : "?");
                    keysByIndex.computeIfAbsent(name, n -> new ArrayList<>()).add(key);
                    if (!firstRow.containsKey(name)) {
                        String type = rs.getString("INDEX_TYPE");
                        firstRow.put(name, new IndexDefinition(name, List.of(),
                                type == null ? "btree" : type.toLowerCase(Locale.ROOT),
                                rs.getInt("NON_UNIQUE") == 0, "PRIMARY".equals(name), null));
                    }
                }
            }
        }
        List<IndexDefinition> indexes = new ArrayList<>();
        for (Map.Entry<String, IndexDefinition> entry : firstRow.entrySet()) {
            IndexDefinition first = entry.getValue();
            indexes.add(new IndexDefinition(first.name(), List.copyOf(keysByIndex.get(entry.getKey())),
                    first.method(), first.unique(), first.primary(), null));
        }
        return List.copyOf(indexes);
    }

    private static List<ForeignKey> foreignKeys(Connection connection, TableName table) throws SQLException {
        Map<String, List<String>> columnsByConstraint = new LinkedHashMap<>();
        Map<String, String> referenced = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(FOREIGN_KEYS)) {
            statement.setString(1, table.schema());
            statement.setString(2, table.name());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    columnsByConstraint.computeIfAbsent(rs.getString(1), c -> new ArrayList<>())
                            .add(rs.getString(2).toLowerCase(Locale.ROOT));
                    referenced.put(rs.getString(1), rs.getString(3));
                }
            }
        }
        List<ForeignKey> keys = new ArrayList<>();
        columnsByConstraint.forEach((name, columns) -> keys.add(new ForeignKey(List.copyOf(columns), referenced.get(name))));
        return List.copyOf(keys);
    }

    private static boolean hasColumn(ResultSetMetaData metaData, String name) throws SQLException {
        for (int i = 1; i <= metaData.getColumnCount(); i++) {
            if (name.equalsIgnoreCase(metaData.getColumnLabel(i))) {
                return true;
            }
        }
        return false;
    }
}
