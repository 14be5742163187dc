package io.querylens.driver.detect.unindexed;

import java.util.Locale;

/**
 * A table as the statement names it: an optional schema and the name, unquoted. Unquoted identifiers are folded to
 * lower case, as PostgreSQL folds them (and as MySQL on Linux stores the names our tests and most schemas use);
 * quoted ones keep their case.
 */
public record TableName(String schema, String name) {

    public static TableName of(String schema, String name) {
        return new TableName(schema == null ? null : identifier(schema), identifier(name));
    }

    /** Removes {@code "…"} or backtick quotes; folds unquoted names to lower case. */
    public static String identifier(String raw) {
        if (raw == null) {
            return null;
        }
        String text = raw.trim();
        if (text.length() >= 2 && (text.charAt(0) == '"' || text.charAt(0) == '`')
                && text.charAt(text.length() - 1) == text.charAt(0)) {
            return text.substring(1, text.length() - 1);
        }
        return text.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return schema == null ? name : schema + '.' + name;
    }
}
