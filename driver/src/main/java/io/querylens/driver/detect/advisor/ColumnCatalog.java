package io.querylens.driver.detect.advisor;

import io.querylens.driver.detect.unindexed.TableName;
import io.querylens.driver.sql.Dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Column types and nullability of one table from {@code information_schema.COLUMNS}, which PostgreSQL, MySQL and
 * MariaDB all have. {@code dataType} is the type's name without size ({@code double precision}, {@code double},
 * {@code character varying}); the key of the map is the column name as the catalog index readers give it (lower case
 * on MySQL and MariaDB).
 */
final class ColumnCatalog {
    private static final String COLUMNS = """
            select column_name, data_type, is_nullable from information_schema.columns
            where table_schema = ? and table_name = ? order by ordinal_position""";

    record ColumnInfo(String name, String dataType, boolean nullable) {
    }

    private ColumnCatalog() {
    }

    /** The table's columns, or an empty map when the table does not exist. */
    static Map<String, ColumnInfo> read(Connection connection, Dialect dialect, TableName resolved) throws SQLException {
        Map<String, ColumnInfo> columns = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(COLUMNS)) {
            statement.setString(1, resolved.schema());
            statement.setString(2, resolved.name());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String name = dialect == Dialect.POSTGRESQL ? rs.getString(1)
                            : rs.getString(1).toLowerCase(Locale.ROOT);
                    columns.put(name, new ColumnInfo(name, rs.getString(2).toLowerCase(Locale.ROOT),
                            "YES".equalsIgnoreCase(rs.getString(3))));
                }
            }
        }
        return columns;
    }
}
