package io.querylens.driver.sql;

import java.util.Locale;

/** PLACEHOLDER: replaced by the real lexer-based fingerprinter. */
public final class Fingerprinter {
    private Fingerprinter() {
    }

    public static QueryShape fingerprint(String sql, Dialect dialect) {
        String text = sql == null ? "" : sql.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            h ^= text.charAt(i);
            h *= 0x100000001b3L;
        }
        StatementKind kind = text.startsWith("select") ? StatementKind.SELECT
                : text.startsWith("insert") ? StatementKind.INSERT
                : text.startsWith("update") ? StatementKind.UPDATE
                : text.startsWith("delete") ? StatementKind.DELETE
                : text.startsWith("create") || text.startsWith("alter") || text.startsWith("drop") ? StatementKind.DDL
                : StatementKind.OTHER;
        return new QueryShape(h, text, kind, null);
    }
}
