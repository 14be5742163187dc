package io.querylens.driver.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Collects the finding kinds named by {@code querylens:allow} in a statement's comments, in any comment form:
 * {@code /* querylens:allow n_plus_one *}{@code /}, {@code -- querylens:allow rename_column, drop_column}. Names are
 * separated by commas or spaces and stored in lower case. The list allocates only when such a comment exists, and is
 * capped ({@value #MAX_KINDS} names of up to {@value #MAX_NAME_CHARS} chars) so a hostile comment cannot make the
 * de-duplication quadratic.
 */
final class SuppressionComments {
    static final String MARKER = "querylens:allow";
    static final int MAX_KINDS = 16;
    static final int MAX_NAME_CHARS = 64;

    private List<String> kinds;
    private long steps;

    /** Reads the comment {@code sql[start, end)}. */
    void scan(String sql, int start, int end) {
        int from = start;
        while (from < end) {
            int marker = indexOfMarker(sql, from, end);
            if (marker < 0) {
                return;
            }
            from = readNames(sql, marker + MARKER.length(), end);
        }
    }

    String[] kinds() {
        return kinds == null ? null : kinds.toArray(new String[0]);
    }

    long steps() {
        return steps;
    }

    private int indexOfMarker(String sql, int from, int end) {
        for (int i = from; i + MARKER.length() <= end; i++) {
            steps++;
            char c = sql.charAt(i);
            if ((c == 'q' || c == 'Q') && sql.regionMatches(true, i, MARKER, 0, MARKER.length())) {
                return i;
            }
        }
        return -1;
    }

    private int readNames(String sql, int from, int end) {
        int i = from;
        while (i < end) {
            steps++;
            char c = sql.charAt(i);
            if (c == ',' || SqlLexer.isSpace(c)) {
                i++;
            } else if (isNameChar(c)) {
                int nameStart = i;
                while (i < end && isNameChar(sql.charAt(i))) {
                    steps++;
                    i++;
                }
                add(sql, nameStart, i);
            } else {
                return i;
            }
        }
        return i;
    }

    private void add(String sql, int start, int end) {
        if (end - start > MAX_NAME_CHARS || (kinds != null && kinds.size() >= MAX_KINDS)) {
            return;
        }
        String name = sql.substring(start, end).toLowerCase(Locale.ROOT);
        if (kinds == null) {
            kinds = new ArrayList<>(4);
        }
        if (!kinds.contains(name)) {
            kinds.add(name);
        }
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }
}
