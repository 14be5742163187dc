package io.querylens.driver.detect.ddl.lint;

import io.querylens.driver.sql.Dialect;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits a migration script (Flyway SQL migration, Liquibase formatted-SQL changelog) into statements at top-level
 * delimiters, never inside strings, quoted identifiers, comments or PostgreSQL dollar quotes. MySQL scripts may
 * change the delimiter with a {@code DELIMITER //} line, as Flyway and the mysql client allow.
 */
public final class ScriptSplitter {
    private ScriptSplitter() {
    }

    public static List<ScriptStatement> split(String script, Dialect dialect) throws UnparsableSqlException {
        List<ScriptStatement> statements = new ArrayList<>();
        String delimiter = ";";
        int statementStart = 0;
        int firstTokenOffset = -1;
        int i = 0;
        int length = script.length();
        // Line numbers are counted on from the previous statement's, not from the top: counting from 0 each time
        // made a 512 KB script of short ALTERs take seconds (quadratic).
        int lineCountedTo = 0;
        int line = 1;
        while (i < length) {
            char c = script.charAt(i);
            if (dialect == Dialect.MYSQL && firstTokenOffset < 0 && (c == 'd' || c == 'D') && atLineStart(script, i)
                    && script.regionMatches(true, i, "delimiter ", 0, 10)) {
                int end = SqlScanner.endOfLineComment(script, i);
                delimiter = script.substring(i + 10, end).trim();
                i = end;
                statementStart = i;
                continue;
            }
            if (Character.isWhitespace(c)) {
                i++;
            } else if (SqlScanner.startsLineComment(script, i, dialect)) {
                i = SqlScanner.endOfLineComment(script, i);
            } else if (SqlScanner.startsBlockComment(script, i)) {
                int end = SqlScanner.endOfBlockComment(script, i, dialect != Dialect.MYSQL);
                if (end < 0) {
                    throw new UnparsableSqlException("unterminated comment", SqlScanner.lineOf(script, i, 0, 1));
                }
                i = end;
            } else if (script.startsWith(delimiter, i)) {
                if (firstTokenOffset >= 0) {
                    int afterDelimiter = i + delimiter.length();
                    Set<String> trailing = trailingAllowedNames(script, afterDelimiter, dialect);
                    line = SqlScanner.lineOf(script, firstTokenOffset, lineCountedTo, line);
                    lineCountedTo = firstTokenOffset;
                    statements.add(new ScriptStatement(script.substring(statementStart, i).strip(), line, trailing));
                }
                i += delimiter.length();
                statementStart = i;
                firstTokenOffset = -1;
            } else {
                if (firstTokenOffset < 0) {
                    firstTokenOffset = i;
                }
                int quotedEnd = SqlScanner.skipQuoted(script, i, dialect);
                if (quotedEnd < 0) {
                    String what = c == '$' ? "dollar-quoted string" : "quoted text";
                    throw new UnparsableSqlException("unterminated " + what, SqlScanner.lineOf(script, i, 0, 1));
                }
                i = quotedEnd > i ? quotedEnd : i + 1;
            }
        }
        if (firstTokenOffset >= 0) {
            statements.add(new ScriptStatement(script.substring(statementStart).strip(),
                    SqlScanner.lineOf(script, firstTokenOffset, lineCountedTo, line), Set.of()));
        }
        return statements;
    }

    /** Allow names in a comment that follows the delimiter on the same line. */
    private static Set<String> trailingAllowedNames(String script, int from, Dialect dialect) {
        int i = from;
        while (i < script.length() && (script.charAt(i) == ' ' || script.charAt(i) == '\t')) {
            i++;
        }
        if (i >= script.length()) {
            return Set.of();
        }
        int end;
        if (SqlScanner.startsLineComment(script, i, dialect)) {
            end = SqlScanner.endOfLineComment(script, i);
        } else if (SqlScanner.startsBlockComment(script, i)) {
            end = SqlScanner.endOfBlockComment(script, i, dialect != Dialect.MYSQL);
            if (end < 0) {
                return Set.of();
            }
        } else {
            return Set.of();
        }
        Set<String> names = new LinkedHashSet<>();
        DdlLexer.collectAllowed(script.substring(i, end).toLowerCase(Locale.ROOT), names);
        return names;
    }

    private static boolean atLineStart(String script, int i) {
        int j = i - 1;
        while (j >= 0 && (script.charAt(j) == ' ' || script.charAt(j) == '\t')) {
            j--;
        }
        return j < 0 || script.charAt(j) == '\n' || script.charAt(j) == '\r';
    }
}
