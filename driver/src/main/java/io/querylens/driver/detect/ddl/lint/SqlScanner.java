package io.querylens.driver.detect.ddl.lint;

import io.querylens.driver.sql.Dialect;

/**
 * Small static scanners over a SQL text (after pgjdbc's {@code Parser}): each takes the offset of an opening quote
 * or comment marker and returns the offset just past its end, or -1 when the text ends first. The splitter and the
 * lexer share them, so a semicolon or a {@code querylens:allow} inside a string is never mistaken for syntax.
 *
 * <p>Hand-written rather than JSqlParser because migrations are full of statements JSqlParser does not model
 * (VACUUM, CLUSTER, CREATE INDEX CONCURRENTLY options, dollar-quoted function bodies), and a linter must keep going
 * past any of them.
 */
final class SqlScanner {
    private SqlScanner() {
    }

    /** {@code '…'} with doubled quotes; MySQL also escapes with backslashes, as does PostgreSQL's {@code E'…'}. */
    static int endOfSingleQuoted(String sql, int quote, boolean backslashEscapes) {
        return endOfQuoted(sql, quote, '\'', backslashEscapes);
    }

    /** {@code "…"} or {@code `…`} identifiers (and MySQL's double-quoted strings), doubled quote as escape. */
    static int endOfQuoted(String sql, int quote, char quoteChar, boolean backslashEscapes) {
        int i = quote + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
                continue;
            }
            if (c == quoteChar) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quoteChar) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return -1;
    }

    /** The tag of a PostgreSQL dollar quote starting at {@code dollar} ({@code $$} or {@code $tag$}), or null. */
    static String dollarTag(String sql, int dollar) {
        int i = dollar + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '$') {
                return sql.substring(dollar, i + 1);
            }
            boolean tagChar = Character.isLetter(c) || c == '_' || (i > dollar + 1 && Character.isDigit(c));
            if (!tagChar) {
                return null;
            }
            i++;
        }
        return null;
    }

    static int endOfDollarQuoted(String sql, int dollar, String tag) {
        int close = sql.indexOf(tag, dollar + tag.length());
        return close < 0 ? -1 : close + tag.length();
    }

    /** {@code /* … *}{@code /}; PostgreSQL nests them, MySQL does not. */
    static int endOfBlockComment(String sql, int slash, boolean nested) {
        int depth = 1;
        int i = slash + 2;
        while (i < sql.length() - 1) {
            char c = sql.charAt(i);
            if (c == '*' && sql.charAt(i + 1) == '/') {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
                continue;
            }
            if (nested && c == '/' && sql.charAt(i + 1) == '*') {
                depth++;
                i += 2;
                continue;
            }
            i++;
        }
        return -1;
    }

    /** A {@code --} or {@code #} comment ends at the end of its line (the newline is not part of it). */
    static int endOfLineComment(String sql, int start) {
        int newline = sql.indexOf('\n', start);
        return newline < 0 ? sql.length() : newline;
    }

    static boolean startsLineComment(String sql, int i, Dialect dialect) {
        char c = sql.charAt(i);
        if (c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
            return true;
        }
        return c == '#' && dialect == Dialect.MYSQL;
    }

    static boolean startsBlockComment(String sql, int i) {
        return sql.charAt(i) == '/' && i + 1 < sql.length() && sql.charAt(i + 1) == '*';
    }

    /**
     * If a quoted construct (string, quoted identifier, dollar quote) starts at {@code i}, returns its end offset;
     * -1 when it is unterminated; {@code i} itself when nothing quoted starts there.
     */
    static int skipQuoted(String sql, int i, Dialect dialect) {
        char c = sql.charAt(i);
        boolean mysql = dialect == Dialect.MYSQL;
        if (c == '\'') {
            boolean escaped = mysql || (i > 0 && (sql.charAt(i - 1) == 'e' || sql.charAt(i - 1) == 'E')
                    && (i < 2 || !Character.isLetterOrDigit(sql.charAt(i - 2))));
            return endOfSingleQuoted(sql, i, escaped);
        }
        if (c == '"') {
            return endOfQuoted(sql, i, '"', mysql);
        }
        if (c == '`' && mysql) {
            return endOfQuoted(sql, i, '`', false);
        }
        if (c == '$' && dialect != Dialect.MYSQL && (i == 0 || !isWordChar(sql.charAt(i - 1)))) {
            String tag = dollarTag(sql, i);
            if (tag != null) {
                return endOfDollarQuoted(sql, i, tag);
            }
        }
        return i;
    }

    static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    /** 1-based line number of {@code offset}. */
    static int lineOf(String text, int offset, int fromOffset, int fromLine) {
        int line = fromLine;
        for (int i = fromOffset; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
