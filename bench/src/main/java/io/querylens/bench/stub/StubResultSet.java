package io.querylens.bench.stub;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLType;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.Map;

/**
 * A forward-only result set of at most one row {@code (id int, name varchar, version bigint)}, read from constants, so
 * reading it allocates nothing. Its statement reuses it for every execution ({@link #rewind}).
 *
 * <p>The file is long because {@link ResultSet} has ~190 methods: the first part answers what the benchmarks and
 * wrappers call; the one-line methods at the end, written out from the interface, refuse the rest of JDBC.
 */
final class StubResultSet implements ResultSet {

    static final int ID = 42;
    static final String NAME = "alice";
    static final long VERSION = 7L;
    private static final Integer ID_OBJECT = ID;
    private static final Long VERSION_OBJECT = VERSION;
    private static final String ID_TEXT = "42";
    private static final String VERSION_TEXT = "7";

    private static final int BEFORE_FIRST = 0;

    private final Statement statement;
    private int rowCount;
    private int position;
    private boolean closed = true;
    private int fetchSize;

    /** @param statement the owner, or null for the metadata result sets that no statement produced */
    StubResultSet(Statement statement) {
        this.statement = statement;
    }

    /** Reopens this result set before its first row; {@code rows} is 0 or 1. */
    StubResultSet rewind(int rows) {
        rowCount = rows;
        position = BEFORE_FIRST;
        closed = false;
        return this;
    }

    @Override
    public boolean next() throws SQLException {
        checkOpen();
        if (position <= rowCount) {
            position++;
        }
        return position <= rowCount;
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public boolean wasNull() {
        return false;
    }

    @Override
    public int getInt(int columnIndex) throws SQLException {
        return Math.toIntExact(getLong(columnIndex));
    }

    @Override
    public int getInt(String columnLabel) throws SQLException {
        return getInt(findColumn(columnLabel));
    }

    @Override
    public long getLong(int columnIndex) throws SQLException {
        checkOnRow();
        switch (columnIndex) {
            case 1:
                return ID;
            case 3:
                return VERSION;
            default:
                throw new SQLException("column " + columnIndex + " is not a number", "22018");
        }
    }

    @Override
    public long getLong(String columnLabel) throws SQLException {
        return getLong(findColumn(columnLabel));
    }

    @Override
    public short getShort(int columnIndex) throws SQLException {
        return (short) getLong(columnIndex);
    }

    @Override
    public short getShort(String columnLabel) throws SQLException {
        return getShort(findColumn(columnLabel));
    }

    @Override
    public byte getByte(int columnIndex) throws SQLException {
        return (byte) getLong(columnIndex);
    }

    @Override
    public byte getByte(String columnLabel) throws SQLException {
        return getByte(findColumn(columnLabel));
    }

    @Override
    public double getDouble(int columnIndex) throws SQLException {
        return getLong(columnIndex);
    }

    @Override
    public double getDouble(String columnLabel) throws SQLException {
        return getDouble(findColumn(columnLabel));
    }

    @Override
    public float getFloat(int columnIndex) throws SQLException {
        return getLong(columnIndex);
    }

    @Override
    public float getFloat(String columnLabel) throws SQLException {
        return getFloat(findColumn(columnLabel));
    }

    @Override
    public boolean getBoolean(int columnIndex) throws SQLException {
        return getLong(columnIndex) != 0;
    }

    @Override
    public boolean getBoolean(String columnLabel) throws SQLException {
        return getBoolean(findColumn(columnLabel));
    }

    @Override
    public String getString(int columnIndex) throws SQLException {
        checkOnRow();
        switch (columnIndex) {
            case 1:
                return ID_TEXT;
            case 2:
                return NAME;
            case 3:
                return VERSION_TEXT;
            default:
                throw new SQLException("no column " + columnIndex, "07009");
        }
    }

    @Override
    public String getString(String columnLabel) throws SQLException {
        return getString(findColumn(columnLabel));
    }

    @Override
    public String getNString(int columnIndex) throws SQLException {
        return getString(columnIndex);
    }

    @Override
    public String getNString(String columnLabel) throws SQLException {
        return getString(columnLabel);
    }

    @Override
    public Object getObject(int columnIndex) throws SQLException {
        checkOnRow();
        switch (columnIndex) {
            case 1:
                return ID_OBJECT;
            case 2:
                return NAME;
            case 3:
                return VERSION_OBJECT;
            default:
                throw new SQLException("no column " + columnIndex, "07009");
        }
    }

    @Override
    public Object getObject(String columnLabel) throws SQLException {
        return getObject(findColumn(columnLabel));
    }

    @Override
    public <T> T getObject(int columnIndex, Class<T> type) throws SQLException {
        Object value = getObject(columnIndex);
        if (!type.isInstance(value)) {
            throw new SQLFeatureNotSupportedException("column " + columnIndex + " is not convertible to " + type.getName());
        }
        return type.cast(value);
    }

    @Override
    public <T> T getObject(String columnLabel, Class<T> type) throws SQLException {
        return getObject(findColumn(columnLabel), type);
    }

    @Override
    public int findColumn(String columnLabel) throws SQLException {
        int index = StubResultSetMetaData.indexOf(columnLabel);
        if (index < 0) {
            throw new SQLException("no column " + columnLabel, "42703");
        }
        return index;
    }

    @Override
    public ResultSetMetaData getMetaData() {
        return StubResultSetMetaData.INSTANCE;
    }

    @Override
    public Statement getStatement() {
        return statement;
    }

    @Override
    public SQLWarning getWarnings() {
        return null;
    }

    @Override
    public void clearWarnings() {
    }

    @Override
    public int getType() {
        return TYPE_FORWARD_ONLY;
    }

    @Override
    public int getConcurrency() {
        return CONCUR_READ_ONLY;
    }

    @Override
    public int getHoldability() {
        return CLOSE_CURSORS_AT_COMMIT;
    }

    @Override
    public int getFetchDirection() {
        return FETCH_FORWARD;
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        if (direction != FETCH_FORWARD) {
            throw unsupported();
        }
    }

    @Override
    public int getFetchSize() {
        return fetchSize;
    }

    @Override
    public void setFetchSize(int rows) {
        fetchSize = rows;
    }

    @Override
    public int getRow() {
        return position <= rowCount ? position : 0;
    }

    @Override
    public boolean isBeforeFirst() {
        return position == BEFORE_FIRST && rowCount > 0;
    }

    @Override
    public boolean isAfterLast() {
        return position > rowCount && rowCount > 0;
    }

    @Override
    public boolean isFirst() {
        return position == 1 && rowCount > 0;
    }

    @Override
    public boolean isLast() {
        return position == rowCount && rowCount > 0;
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return StubWrapping.unwrap(this, iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    private void checkOpen() throws SQLException {
        if (closed) {
            throw new SQLException("result set is closed", "24000");
        }
    }

    private void checkOnRow() throws SQLException {
        checkOpen();
        if (position == BEFORE_FIRST || position > rowCount) {
            throw new SQLException("the cursor is not on a row", "24000");
        }
    }

    private static SQLFeatureNotSupportedException unsupported() {
        return StubWrapping.unsupported();
    }

    @Override public boolean absolute(int p0) throws SQLException { throw unsupported(); }
    @Override public void afterLast() throws SQLException { throw unsupported(); }
    @Override public void beforeFirst() throws SQLException { throw unsupported(); }
    @Override public void cancelRowUpdates() throws SQLException { throw unsupported(); }
    @Override public void deleteRow() throws SQLException { throw unsupported(); }
    @Override public boolean first() throws SQLException { throw unsupported(); }
    @Override public Array getArray(String p0) throws SQLException { throw unsupported(); }
    @Override public Array getArray(int p0) throws SQLException { throw unsupported(); }
    @Override public InputStream getAsciiStream(String p0) throws SQLException { throw unsupported(); }
    @Override public InputStream getAsciiStream(int p0) throws SQLException { throw unsupported(); }
    @Override public BigDecimal getBigDecimal(String p0, int p1) throws SQLException { throw unsupported(); }
    @Override public BigDecimal getBigDecimal(String p0) throws SQLException { throw unsupported(); }
    @Override public BigDecimal getBigDecimal(int p0, int p1) throws SQLException { throw unsupported(); }
    @Override public BigDecimal getBigDecimal(int p0) throws SQLException { throw unsupported(); }
    @Override public InputStream getBinaryStream(String p0) throws SQLException { throw unsupported(); }
    @Override public InputStream getBinaryStream(int p0) throws SQLException { throw unsupported(); }
    @Override public Blob getBlob(String p0) throws SQLException { throw unsupported(); }
    @Override public Blob getBlob(int p0) throws SQLException { throw unsupported(); }
    @Override public byte[] getBytes(String p0) throws SQLException { throw unsupported(); }
    @Override public byte[] getBytes(int p0) throws SQLException { throw unsupported(); }
    @Override public Reader getCharacterStream(String p0) throws SQLException { throw unsupported(); }
    @Override public Reader getCharacterStream(int p0) throws SQLException { throw unsupported(); }
    @Override public Clob getClob(String p0) throws SQLException { throw unsupported(); }
    @Override public Clob getClob(int p0) throws SQLException { throw unsupported(); }
    @Override public String getCursorName() throws SQLException { throw unsupported(); }
    @Override public Date getDate(String p0, Calendar p1) throws SQLException { throw unsupported(); }
    @Override public Date getDate(String p0) throws SQLException { throw unsupported(); }
    @Override public Date getDate(int p0, Calendar p1) throws SQLException { throw unsupported(); }
    @Override public Date getDate(int p0) throws SQLException { throw unsupported(); }
    @Override public Reader getNCharacterStream(String p0) throws SQLException { throw unsupported(); }
    @Override public Reader getNCharacterStream(int p0) throws SQLException { throw unsupported(); }
    @Override public NClob getNClob(String p0) throws SQLException { throw unsupported(); }
    @Override public NClob getNClob(int p0) throws SQLException { throw unsupported(); }
    @Override public Object getObject(String p0, Map<String, Class<?>> p1) throws SQLException { throw unsupported(); }
    @Override public Object getObject(int p0, Map<String, Class<?>> p1) throws SQLException { throw unsupported(); }
    @Override public Ref getRef(String p0) throws SQLException { throw unsupported(); }
    @Override public Ref getRef(int p0) throws SQLException { throw unsupported(); }
    @Override public RowId getRowId(String p0) throws SQLException { throw unsupported(); }
    @Override public RowId getRowId(int p0) throws SQLException { throw unsupported(); }
    @Override public SQLXML getSQLXML(String p0) throws SQLException { throw unsupported(); }
    @Override public SQLXML getSQLXML(int p0) throws SQLException { throw unsupported(); }
    @Override public Time getTime(String p0, Calendar p1) throws SQLException { throw unsupported(); }
    @Override public Time getTime(String p0) throws SQLException { throw unsupported(); }
    @Override public Time getTime(int p0, Calendar p1) throws SQLException { throw unsupported(); }
    @Override public Time getTime(int p0) throws SQLException { throw unsupported(); }
    @Override public Timestamp getTimestamp(String p0, Calendar p1) throws SQLException { throw unsupported(); }
    @Override public Timestamp getTimestamp(String p0) throws SQLException { throw unsupported(); }
    @Override public Timestamp getTimestamp(int p0, Calendar p1) throws SQLException { throw unsupported(); }
    @Override public Timestamp getTimestamp(int p0) throws SQLException { throw unsupported(); }
    @Override public URL getURL(String p0) throws SQLException { throw unsupported(); }
    @Override public URL getURL(int p0) throws SQLException { throw unsupported(); }
    @Override public InputStream getUnicodeStream(String p0) throws SQLException { throw unsupported(); }
    @Override public InputStream getUnicodeStream(int p0) throws SQLException { throw unsupported(); }
    @Override public void insertRow() throws SQLException { throw unsupported(); }
    @Override public boolean last() throws SQLException { throw unsupported(); }
    @Override public void moveToCurrentRow() throws SQLException { throw unsupported(); }
    @Override public void moveToInsertRow() throws SQLException { throw unsupported(); }
    @Override public boolean previous() throws SQLException { throw unsupported(); }
    @Override public void refreshRow() throws SQLException { throw unsupported(); }
    @Override public boolean relative(int p0) throws SQLException { throw unsupported(); }
    @Override public boolean rowDeleted() throws SQLException { throw unsupported(); }
    @Override public boolean rowInserted() throws SQLException { throw unsupported(); }
    @Override public boolean rowUpdated() throws SQLException { throw unsupported(); }
    @Override public void updateArray(String p0, Array p1) throws SQLException { throw unsupported(); }
    @Override public void updateArray(int p0, Array p1) throws SQLException { throw unsupported(); }
    @Override public void updateAsciiStream(String p0, InputStream p1, int p2) throws SQLException { throw unsupported(); }
    @Override public void updateAsciiStream(String p0, InputStream p1, long p2) throws SQLException { throw unsupported(); }
    @Override public void updateAsciiStream(String p0, InputStream p1) throws SQLException { throw unsupported(); }
    @Override public void updateAsciiStream(int p0, InputStream p1, int p2) throws SQLException { throw unsupported(); }
    @Override public void updateAsciiStream(int p0, InputStream p1, long p2) throws SQLException { throw unsupported(); }
    @Override public void updateAsciiStream(int p0, InputStream p1) throws SQLException { throw unsupported(); }
    @Override public void updateBigDecimal(String p0, BigDecimal p1) throws SQLException { throw unsupported(); }
    @Override public void updateBigDecimal(int p0, BigDecimal p1) throws SQLException { throw unsupported(); }
    @Override public void updateBinaryStream(String p0, InputStream p1, int p2) throws SQLException { throw unsupported(); }
    @Override public void updateBinaryStream(String p0, InputStream p1, long p2) throws SQLException { throw unsupported(); }
    @Override public void updateBinaryStream(String p0, InputStream p1) throws SQLException { throw unsupported(); }
    @Override public void updateBinaryStream(int p0, InputStream p1, int p2) throws SQLException { throw unsupported(); }
    @Override public void updateBinaryStream(int p0, InputStream p1, long p2) throws SQLException { throw unsupported(); }
    @Override public void updateBinaryStream(int p0, InputStream p1) throws SQLException { throw unsupported(); }
    @Override public void updateBlob(String p0, InputStream p1, long p2) throws SQLException { throw unsupported(); }
    @Override public void updateBlob(String p0, InputStream p1) throws SQLException { throw unsupported(); }
    @Override public void updateBlob(String p0, Blob p1) throws SQLException { throw unsupported(); }
    @Override public void updateBlob(int p0, InputStream p1, long p2) throws SQLException { throw unsupported(); }
    @Override public void updateBlob(int p0, InputStream p1) throws SQLException { throw unsupported(); }
    @Override public void updateBlob(int p0, Blob p1) throws SQLException { throw unsupported(); }
    @Override public void updateBoolean(String p0, boolean p1) throws SQLException { throw unsupported(); }
    @Override public void updateBoolean(int p0, boolean p1) throws SQLException { throw unsupported(); }
    @Override public void updateByte(String p0, byte p1) throws SQLException { throw unsupported(); }
    @Override public void updateByte(int p0, byte p1) throws SQLException { throw unsupported(); }
    @Override public void updateBytes(String p0, byte[] p1) throws SQLException { throw unsupported(); }
    @Override public void updateBytes(int p0, byte[] p1) throws SQLException { throw unsupported(); }
    @Override public void updateCharacterStream(String p0, Reader p1, int p2) throws SQLException { throw unsupported(); }
    @Override public void updateCharacterStream(String p0, Reader p1, long p2) throws SQLException { throw unsupported(); }
    @Override public void updateCharacterStream(String p0, Reader p1) throws SQLException { throw unsupported(); }
    @Override public void updateCharacterStream(int p0, Reader p1, int p2) throws SQLException { throw unsupported(); }
    @Override public void updateCharacterStream(int p0, Reader p1, long p2) throws SQLException { throw unsupported(); }
    @Override public void updateCharacterStream(int p0, Reader p1) throws SQLException { throw unsupported(); }
    @Override public void updateClob(String p0, Reader p1, long p2) throws SQLException { throw unsupported(); }
    @Override public void updateClob(String p0, Reader p1) throws SQLException { throw unsupported(); }
    @Override public void updateClob(String p0, Clob p1) throws SQLException { throw unsupported(); }
    @Override public void updateClob(int p0, Reader p1, long p2) throws SQLException { throw unsupported(); }
    @Override public void updateClob(int p0, Reader p1) throws SQLException { throw unsupported(); }
    @Override public void updateClob(int p0, Clob p1) throws SQLException { throw unsupported(); }
    @Override public void updateDate(String p0, Date p1) throws SQLException { throw unsupported(); }
    @Override public void updateDate(int p0, Date p1) throws SQLException { throw unsupported(); }
    @Override public void updateDouble(String p0, double p1) throws SQLException { throw unsupported(); }
    @Override public void updateDouble(int p0, double p1) throws SQLException { throw unsupported(); }
    @Override public void updateFloat(String p0, float p1) throws SQLException { throw unsupported(); }
    @Override public void updateFloat(int p0, float p1) throws SQLException { throw unsupported(); }
    @Override public void updateInt(String p0, int p1) throws SQLException { throw unsupported(); }
    @Override public void updateInt(int p0, int p1) throws SQLException { throw unsupported(); }
    @Override public void updateLong(String p0, long p1) throws SQLException { throw unsupported(); }
    @Override public void updateLong(int p0, long p1) throws SQLException { throw unsupported(); }
    @Override public void updateNCharacterStream(String p0, Reader p1, long p2) throws SQLException { throw unsupported(); }
    @Override public void updateNCharacterStream(String p0, Reader p1) throws SQLException { throw unsupported(); }
    @Override public void updateNCharacterStream(int p0, Reader p1, long p2) throws SQLException { throw unsupported(); }
    @Override public void updateNCharacterStream(int p0, Reader p1) throws SQLException { throw unsupported(); }
    @Override public void updateNClob(String p0, Reader p1, long p2) throws SQLException { throw unsupported(); }
    @Override public void updateNClob(String p0, Reader p1) throws SQLException { throw unsupported(); }
    @Override public void updateNClob(String p0, NClob p1) throws SQLException { throw unsupported(); }
    @Override public void updateNClob(int p0, Reader p1, long p2) throws SQLException { throw unsupported(); }
    @Override public void updateNClob(int p0, Reader p1) throws SQLException { throw unsupported(); }
    @Override public void updateNClob(int p0, NClob p1) throws SQLException { throw unsupported(); }
    @Override public void updateNString(String p0, String p1) throws SQLException { throw unsupported(); }
    @Override public void updateNString(int p0, String p1) throws SQLException { throw unsupported(); }
    @Override public void updateNull(String p0) throws SQLException { throw unsupported(); }
    @Override public void updateNull(int p0) throws SQLException { throw unsupported(); }
    @Override public void updateObject(String p0, Object p1, int p2) throws SQLException { throw unsupported(); }
    @Override public void updateObject(String p0, Object p1) throws SQLException { throw unsupported(); }
    @Override public void updateObject(int p0, Object p1, int p2) throws SQLException { throw unsupported(); }
    @Override public void updateObject(int p0, Object p1) throws SQLException { throw unsupported(); }
    @Override public void updateRef(String p0, Ref p1) throws SQLException { throw unsupported(); }
    @Override public void updateRef(int p0, Ref p1) throws SQLException { throw unsupported(); }
    @Override public void updateRow() throws SQLException { throw unsupported(); }
    @Override public void updateRowId(String p0, RowId p1) throws SQLException { throw unsupported(); }
    @Override public void updateRowId(int p0, RowId p1) throws SQLException { throw unsupported(); }
    @Override public void updateSQLXML(String p0, SQLXML p1) throws SQLException { throw unsupported(); }
    @Override public void updateSQLXML(int p0, SQLXML p1) throws SQLException { throw unsupported(); }
    @Override public void updateShort(String p0, short p1) throws SQLException { throw unsupported(); }
    @Override public void updateShort(int p0, short p1) throws SQLException { throw unsupported(); }
    @Override public void updateString(String p0, String p1) throws SQLException { throw unsupported(); }
    @Override public void updateString(int p0, String p1) throws SQLException { throw unsupported(); }
    @Override public void updateTime(String p0, Time p1) throws SQLException { throw unsupported(); }
    @Override public void updateTime(int p0, Time p1) throws SQLException { throw unsupported(); }
    @Override public void updateTimestamp(String p0, Timestamp p1) throws SQLException { throw unsupported(); }
    @Override public void updateTimestamp(int p0, Timestamp p1) throws SQLException { throw unsupported(); }
}
