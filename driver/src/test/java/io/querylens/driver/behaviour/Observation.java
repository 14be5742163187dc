package io.querylens.driver.behaviour;

import java.sql.BatchUpdateException;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a case saw, as an ordered list of {@code label = value} lines, so a raw run and a QueryLens run can be compared
 * line by line and a difference printed as the first line that differs.
 *
 * <p>Only values that do not depend on which physical connection ran the case are recorded. The two normalisations
 * below remove the ones that drivers put into messages: MariaDB Connector/J's {@code (conn=17)} thread id and
 * identity hash codes in {@code toString()}s.
 */
final class Observation {
    private static final Pattern MARIADB_CONNECTION_ID = Pattern.compile("\\(conn=\\d+\\)");
    private static final Pattern IDENTITY_HASH = Pattern.compile("@[0-9a-f]{4,8}\\b");
    private static final Pattern MILLISECONDS_AGO = Pattern.compile("\\d+ milliseconds");
    private static final int MAX_ROWS = 50;

    private final List<String> lines = new ArrayList<>();
    private final List<String> unmetExpectations = new ArrayList<>();

    /** An action against the JDBC API that may throw. */
    @FunctionalInterface
    interface SqlAction {
        void run() throws Exception;
    }

    /** A read from the JDBC API that may throw. */
    @FunctionalInterface
    interface SqlRead<T> {
        T get() throws Exception;
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    List<String> unmetExpectations() {
        return List.copyOf(unmetExpectations);
    }

    Observation value(String label, Object value) {
        lines.add(label + " = " + describe(value));
        return this;
    }

    /**
     * Records a condition the case relies on (for example that unwrap reached the vendor class). A differential
     * comparison alone cannot catch a case that fails the same way on both sides and so proves nothing.
     */
    Observation expect(String condition, boolean holds) {
        value("expect " + condition, holds);
        if (!holds) {
            unmetExpectations.add(condition);
        }
        return this;
    }

    /** Runs the action and records "ok" or the exception it threw; either outcome is a legitimate observation. */
    Observation attempt(String label, SqlAction action) {
        try {
            action.run();
            lines.add(label + " -> ok");
        } catch (Exception e) {
            failure(label, e);
        }
        return this;
    }

    /** Reads a value and records it, or the exception the read threw. */
    <T> Observation attemptValue(String label, SqlRead<T> read) {
        try {
            value(label, read.get());
        } catch (Exception e) {
            failure(label, e);
        }
        return this;
    }

    Observation failure(String label, Throwable thrown) {
        lines.add(label + " threw " + thrown.getClass().getName());
        if (thrown instanceof SQLException sql) {
            lines.add(label + " SQLState = " + sql.getSQLState());
            lines.add(label + " vendor code = " + sql.getErrorCode());
        }
        if (thrown instanceof BatchUpdateException batch) {
            lines.add(label + " update counts = " + Arrays.toString(batch.getUpdateCounts()));
        }
        lines.add(label + " message = " + normalise(thrown.getMessage()));
        int depth = 0;
        for (Throwable cause = thrown.getCause(); cause != null && depth < 5; cause = cause.getCause(), depth++) {
            lines.add(label + " cause " + depth + " = " + cause.getClass().getName() + ": "
                    + normalise(cause.getMessage()));
        }
        if (thrown instanceof SQLException sql && sql.getNextException() != null
                && sql.getNextException() != sql.getCause()) {
            SQLException next = sql.getNextException();
            lines.add(label + " next = " + next.getClass().getName() + " " + next.getSQLState() + ": "
                    + normalise(next.getMessage()));
        }
        return this;
    }

    Observation warnings(String label, SQLWarning first) {
        if (first == null) {
            return value(label, "none");
        }
        int index = 0;
        for (SQLWarning warning = first; warning != null && index < 10; warning = warning.getNextWarning(), index++) {
            lines.add(label + " " + index + " = " + warning.getClass().getName() + " " + warning.getSQLState() + " "
                    + warning.getErrorCode() + ": " + normalise(warning.getMessage()));
        }
        return this;
    }

    Observation metadata(String label, ResultSetMetaData metadata) throws SQLException {
        if (metadata == null) {
            return value(label + " metadata", null);
        }
        int columns = metadata.getColumnCount();
        lines.add(label + " columns = " + columns);
        for (int column = 1; column <= columns; column++) {
            lines.add(label + " column " + column + " = " + metadata.getColumnLabel(column)
                    + " name=" + metadata.getColumnName(column)
                    + " type=" + metadata.getColumnType(column)
                    + " typeName=" + metadata.getColumnTypeName(column)
                    + " class=" + metadata.getColumnClassName(column)
                    + " precision=" + metadata.getPrecision(column)
                    + " scale=" + metadata.getScale(column)
                    + " nullable=" + metadata.isNullable(column)
                    + " table=" + metadata.getTableName(column)
                    + " autoIncrement=" + metadata.isAutoIncrement(column));
        }
        return this;
    }

    /** Metadata, then every row (up to a cap) with each value's Java class. Leaves the result set after its end. */
    Observation rows(String label, ResultSet rows) throws SQLException {
        if (rows == null) {
            return value(label, null);
        }
        metadata(label, rows.getMetaData());
        int columns = rows.getMetaData().getColumnCount();
        int count = 0;
        while (rows.next()) {
            if (count < MAX_ROWS) {
                StringBuilder row = new StringBuilder();
                for (int column = 1; column <= columns; column++) {
                    row.append(column == 1 ? "" : " | ").append(describe(rows.getObject(column)));
                }
                lines.add(label + " row " + count + " = " + row);
            }
            count++;
        }
        lines.add(label + " row count = " + count);
        return this;
    }

    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof byte[] bytes) {
            return "byte[]" + Arrays.toString(bytes);
        }
        if (value instanceof int[] ints) {
            return "int[]" + Arrays.toString(ints);
        }
        if (value instanceof long[] longs) {
            return "long[]" + Arrays.toString(longs);
        }
        if (value instanceof Boolean || value instanceof String) {
            return normalise(value.toString());
        }
        return value.getClass().getName() + ":" + normalise(value.toString());
    }

    static String normalise(String message) {
        if (message == null) {
            return "null";
        }
        String withoutConnectionId = MARIADB_CONNECTION_ID.matcher(message).replaceAll("(conn=N)");
        String withoutHash = IDENTITY_HASH.matcher(withoutConnectionId).replaceAll("@HASH");
        return MILLISECONDS_AGO.matcher(withoutHash).replaceAll("N milliseconds");
    }
}
