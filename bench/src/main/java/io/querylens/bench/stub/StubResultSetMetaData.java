package io.querylens.bench.stub;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;

/** The columns of the stub's one row: {@code account(id integer, name varchar(64), version bigint)}. Immutable. */
final class StubResultSetMetaData implements ResultSetMetaData {

    static final StubResultSetMetaData INSTANCE = new StubResultSetMetaData();

    private static final String[] LABELS = {"id", "name", "version"};
    private static final int[] TYPES = {Types.INTEGER, Types.VARCHAR, Types.BIGINT};
    private static final String[] TYPE_NAMES = {"integer", "varchar", "bigint"};
    private static final String[] CLASS_NAMES = {Integer.class.getName(), String.class.getName(), Long.class.getName()};
    private static final int[] PRECISIONS = {10, 64, 19};

    private StubResultSetMetaData() {
    }

    /** The 1-based index of a column label, ignoring case as JDBC asks, or -1. */
    static int indexOf(String label) {
        for (int i = 0; i < LABELS.length; i++) {
            if (LABELS[i].equalsIgnoreCase(label)) {
                return i + 1;
            }
        }
        return -1;
    }

    private static int slot(int column) throws SQLException {
        if (column < 1 || column > LABELS.length) {
            throw new SQLException("no column " + column, "07009");
        }
        return column - 1;
    }

    @Override
    public int getColumnCount() {
        return LABELS.length;
    }

    @Override
    public boolean isAutoIncrement(int column) throws SQLException {
        return slot(column) == 0;
    }

    @Override
    public boolean isCaseSensitive(int column) throws SQLException {
        return TYPES[slot(column)] == Types.VARCHAR;
    }

    @Override
    public boolean isSearchable(int column) throws SQLException {
        slot(column);
        return true;
    }

    @Override
    public boolean isCurrency(int column) throws SQLException {
        slot(column);
        return false;
    }

    @Override
    public int isNullable(int column) throws SQLException {
        slot(column);
        return columnNoNulls;
    }

    @Override
    public boolean isSigned(int column) throws SQLException {
        return TYPES[slot(column)] != Types.VARCHAR;
    }

    @Override
    public int getColumnDisplaySize(int column) throws SQLException {
        return PRECISIONS[slot(column)];
    }

    @Override
    public String getColumnLabel(int column) throws SQLException {
        return LABELS[slot(column)];
    }

    @Override
    public String getColumnName(int column) throws SQLException {
        return LABELS[slot(column)];
    }

    @Override
    public String getSchemaName(int column) throws SQLException {
        slot(column);
        return "public";
    }

    @Override
    public int getPrecision(int column) throws SQLException {
        return PRECISIONS[slot(column)];
    }

    @Override
    public int getScale(int column) throws SQLException {
        slot(column);
        return 0;
    }

    @Override
    public String getTableName(int column) throws SQLException {
        slot(column);
        return "account";
    }

    @Override
    public String getCatalogName(int column) throws SQLException {
        slot(column);
        return "stub";
    }

    @Override
    public int getColumnType(int column) throws SQLException {
        return TYPES[slot(column)];
    }

    @Override
    public String getColumnTypeName(int column) throws SQLException {
        return TYPE_NAMES[slot(column)];
    }

    @Override
    public boolean isReadOnly(int column) throws SQLException {
        slot(column);
        return false;
    }

    @Override
    public boolean isWritable(int column) throws SQLException {
        slot(column);
        return true;
    }

    @Override
    public boolean isDefinitelyWritable(int column) throws SQLException {
        slot(column);
        return false;
    }

    @Override
    public String getColumnClassName(int column) throws SQLException {
        return CLASS_NAMES[slot(column)];
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return StubWrapping.unwrap(this, iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
