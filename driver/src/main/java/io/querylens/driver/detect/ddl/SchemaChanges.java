package io.querylens.driver.detect.ddl;

import java.util.Locale;

/**
 * A second look at a statement the shape calls DDL, by its leading keywords: session-local objects (temporary
 * tables, which only this connection sees) and maintenance without a rewrite are not schema changes. Runs only for
 * DDL shapes, so it may allocate; it guards against a fingerprinter that classifies more broadly than this guard
 * should act on.
 */
final class SchemaChanges {
    private SchemaChanges() {
    }

    static boolean isSchemaChange(String text) {
        String[] words = leadingWords(text, 5);
        if (words.length == 0) {
            return false;
        }
        switch (words[0]) {
            case "create": {
                int i = 1;
                if (i < words.length && words[i].equals("or")) {
                    i += 2;
                }
                if (i < words.length && (words[i].equals("global") || words[i].equals("local"))) {
                    i++;
                }
                return !(i < words.length && (words[i].equals("temp") || words[i].equals("temporary")));
            }
            case "drop":
                return !(words.length > 1 && words[1].equals("temporary"));
            case "alter": case "truncate": case "rename": case "grant": case "revoke": case "comment": case "cluster":
                return true;
            case "vacuum":
                return text.toLowerCase(Locale.ROOT).contains("full");
            default:
                return false;
        }
    }

    /** The table of {@code CREATE [GLOBAL|LOCAL] TEMP[ORARY] TABLE [IF NOT EXISTS] name}, or null. */
    static String temporaryTableCreated(String text) {
        String[] words = leadingWords(text, 9);
        int i = 1;
        if (words.length < 4 || !words[0].equals("create")) {
            return null;
        }
        if (words[i].equals("global") || words[i].equals("local")) {
            i++;
        }
        if (!(words[i].equals("temp") || words[i].equals("temporary")) || !words[i + 1].equals("table")) {
            return null;
        }
        return nameAfter(words, i + 2, "not");
    }

    /** The single table of {@code DROP TABLE [IF EXISTS] name}, or null. */
    static String droppedTable(String text) {
        String[] words = leadingWords(text, 6);
        if (words.length < 3 || !words[0].equals("drop") || !words[1].equals("table")) {
            return null;
        }
        return nameAfter(words, 2, null);
    }

    /** Skips {@code IF [NOT] EXISTS} and a {@code pg_temp} schema, returns the next word. */
    private static String nameAfter(String[] words, int start, String not) {
        int i = start;
        if (i < words.length && words[i].equals("if")) {
            i += not == null ? 2 : 3;
        }
        if (i < words.length && words[i].equals("pg_temp") && i + 1 < words.length) {
            i++;
        }
        return i < words.length ? words[i] : null;
    }

    /** Up to {@code max} leading words, lower case, skipping whitespace, comments and parentheses. */
    static String[] leadingWords(String text, int max) {
        String[] words = new String[max];
        int count = 0;
        int i = 0;
        while (i < text.length() && count < max) {
            char c = text.charAt(i);
            if (c == '-' && i + 1 < text.length() && text.charAt(i + 1) == '-') {
                int newline = text.indexOf('\n', i);
                i = newline < 0 ? text.length() : newline;
            } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? text.length() : end + 2;
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                    i++;
                }
                words[count++] = text.substring(start, i).toLowerCase(Locale.ROOT);
            } else {
                i++;
            }
        }
        String[] result = new String[count];
        System.arraycopy(words, 0, result, 0, count);
        return result;
    }
}
