package io.querylens.driver.detect.unindexed;

import io.querylens.driver.sql.Dialect;

/**
 * Turns a shape's text into something EXPLAIN accepts, or refuses. Every {@code ?} outside quotes and comments is a
 * bind marker or a literal the fingerprint replaced: PostgreSQL gets {@code $1…$n} (planned generically, see
 * {@link PlanInspector}); MySQL, which cannot EXPLAIN a statement with markers, gets the string {@code '1'} (a string
 * constant keeps an index usable on numeric and string columns alike, where the number {@code 1} would turn a string
 * comparison into a numeric one and defeat the index), {@code 1} after LIMIT and OFFSET, which take only integers, and
 * {@code '%1'} after LIKE.
 *
 * <p>A text holding a statement separator is refused: JDBC drivers run {@code a; b} as two statements, and the
 * second one would run for real.
 */
final class ExplainableText {
    private final String text;
    private final int placeholders;

    private ExplainableText(String text, int placeholders) {
        this.text = text;
        this.placeholders = placeholders;
    }

    String text() { return text; }

    int placeholders() { return placeholders; }

    /** The rewritten text, or null when the text holds more than one statement or ends inside a quote. */
    static ExplainableText of(String shapeText, Dialect dialect) {
        String sql = shapeText.strip();
        while (sql.endsWith(";")) {
            sql = sql.substring(0, sql.length() - 1).strip();
        }
        StringBuilder out = new StringBuilder(sql.length() + 16);
        int count = 0;
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int end = closingQuote(sql, i, c);
                if (end < 0) {
                    return null;
                }
                out.append(sql, i, end + 1);
                i = end + 1;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
                out.append(' ');
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                if (end < 0) {
                    return null;
                }
                i = end + 2;
                out.append(' ');
            } else if (c == ';') {
                return null;
            } else if (c == '?') {
                count++;
                if (dialect == Dialect.POSTGRESQL) {
                    out.append('$').append(count);
                } else {
                    out.append(afterLimitOrOffset(out) ? "1" : afterLike(out) ? "'%1'" : "'1'");
                }
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        return new ExplainableText(out.toString(), count);
    }

    private static int closingQuote(String sql, int open, char quote) {
        for (int i = open + 1; i < sql.length(); i++) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i++; // doubled quote inside the literal
                } else {
                    return i;
                }
            } else if (sql.charAt(i) == '\\' && quote == '\'') {
                i++; // MySQL backslash escape; harmless for PostgreSQL standard strings here
            }
        }
        return -1;
    }

    /**
     * True after LIKE: MySQL would plan {@code LIKE '1'} as an index range, while the unknown pattern may start with a
     * wildcard; {@code '%1'} plans the read the database must be ready to do.
     */
    private static boolean afterLike(StringBuilder out) {
        String tail = out.substring(Math.max(0, out.length() - 8)).toLowerCase(java.util.Locale.ROOT).stripTrailing();
        return tail.endsWith("like") && (tail.length() == 4 || !Character.isLetterOrDigit(tail.charAt(tail.length() - 5))
                && tail.charAt(tail.length() - 5) != '_');
    }

    /** True when the last word written is LIMIT or OFFSET, or a "LIMIT x," prefix ends the text. */
    private static boolean afterLimitOrOffset(StringBuilder out) {
        String tail = out.substring(Math.max(0, out.length() - 24)).toLowerCase(java.util.Locale.ROOT).stripTrailing();
        return tail.endsWith("limit") || tail.endsWith("offset") || tail.matches("(?s).*limit\\s+\\S+\\s*,$");
    }
}
