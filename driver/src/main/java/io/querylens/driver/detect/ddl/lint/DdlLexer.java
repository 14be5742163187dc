package io.querylens.driver.detect.ddl.lint;

import io.querylens.driver.sql.Dialect;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns one statement into {@link DdlToken}s for the lint rules, dropping comments but keeping the names of their
 * {@code querylens:allow} markers. Runs only for DDL inside migrations and in the command-line linter: it allocates
 * freely. Linear in the text's length.
 */
final class DdlLexer {
    static final String ALLOW_MARKER = "querylens:allow";

    private DdlLexer() {
    }

    static LexedStatement lex(String sql, Dialect dialect) throws UnparsableSqlException {
        List<DdlToken> tokens = new ArrayList<>();
        Set<String> allowed = new LinkedHashSet<>();
        int i = 0;
        int length = sql.length();
        while (i < length) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (SqlScanner.startsLineComment(sql, i, dialect)) {
                int end = SqlScanner.endOfLineComment(sql, i);
                collectAllowed(sql.substring(i, end), allowed);
                i = end;
            } else if (SqlScanner.startsBlockComment(sql, i)) {
                int end = SqlScanner.endOfBlockComment(sql, i, dialect != Dialect.MYSQL);
                if (end < 0) {
                    throw unterminated("comment", sql, i);
                }
                collectAllowed(sql.substring(i, end), allowed);
                i = end;
            } else {
                int quotedEnd = SqlScanner.skipQuoted(sql, i, dialect);
                if (quotedEnd < 0) {
                    throw unterminated(c == '$' ? "dollar-quoted string" : "quoted text", sql, i);
                }
                if (quotedEnd > i) {
                    tokens.add(quotedToken(sql, i, quotedEnd, dialect));
                    i = quotedEnd;
                } else if (c == '$' && i + 1 < length && Character.isDigit(sql.charAt(i + 1))) {
                    int end = i + 1;
                    while (end < length && Character.isDigit(sql.charAt(end))) {
                        end++;
                    }
                    tokens.add(new DdlToken(DdlToken.Type.PLACEHOLDER, sql.substring(i, end)));
                    i = end;
                } else if (c == '?') {
                    tokens.add(new DdlToken(DdlToken.Type.PLACEHOLDER, "?"));
                    i++;
                } else if (Character.isDigit(c)) {
                    int end = i;
                    while (end < length && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '.')) {
                        end++;
                    }
                    tokens.add(new DdlToken(DdlToken.Type.NUMBER, sql.substring(i, end)));
                    i = end;
                } else if (Character.isLetter(c) || c == '_') {
                    int end = i;
                    while (end < length && SqlScanner.isWordChar(sql.charAt(end))) {
                        end++;
                    }
                    tokens.add(new DdlToken(DdlToken.Type.WORD, sql.substring(i, end).toLowerCase(Locale.ROOT)));
                    i = end;
                } else {
                    tokens.add(new DdlToken(DdlToken.Type.SYMBOL, String.valueOf(c)));
                    i++;
                }
            }
        }
        return new LexedStatement(tokens, allowed);
    }

    /** Adds the names after each {@code querylens:allow} in a comment (separated by spaces or commas). */
    static void collectAllowed(String comment, Set<String> allowed) {
        String lower = comment.toLowerCase(Locale.ROOT);
        int marker = lower.indexOf(ALLOW_MARKER);
        while (marker >= 0) {
            int i = marker + ALLOW_MARKER.length();
            while (i < lower.length()) {
                char c = lower.charAt(i);
                if (c == ' ' || c == ',' || c == '\t') {
                    i++;
                } else if (Character.isLetterOrDigit(c) || c == '_') {
                    int start = i;
                    while (i < lower.length() && (Character.isLetterOrDigit(lower.charAt(i)) || lower.charAt(i) == '_')) {
                        i++;
                    }
                    allowed.add(lower.substring(start, i));
                } else {
                    break;
                }
            }
            marker = lower.indexOf(ALLOW_MARKER, i);
        }
    }

    private static DdlToken quotedToken(String sql, int start, int end, Dialect dialect) {
        char quote = sql.charAt(start);
        boolean identifier = quote == '`' || (quote == '"' && dialect != Dialect.MYSQL);
        if (identifier) {
            String inner = sql.substring(start + 1, end - 1).replace(String.valueOf(quote) + quote, String.valueOf(quote));
            return new DdlToken(DdlToken.Type.QUOTED_IDENTIFIER, inner);
        }
        return new DdlToken(DdlToken.Type.STRING, "");
    }

    private static UnparsableSqlException unterminated(String what, String sql, int offset) {
        return new UnparsableSqlException("unterminated " + what, SqlScanner.lineOf(sql, offset, 0, 1));
    }
}
