package io.querylens.driver.detect.unindexed;

import io.querylens.driver.sql.Dialect;
import io.querylens.driver.sql.SqlLexer;
import io.querylens.driver.sql.TokenType;

/**
 * Decides, in one linear pass of our own lexer, whether a shape's text may go to JSqlParser at all. JSqlParser 5.4's
 * lookahead is super-linear in nesting depth: measured on this project's machines, a WHERE clause nested 512
 * parentheses deep took ~1.5 s to parse, 2,000 deep ~18 s and 8,000 deep over 4 minutes, all on the one analysis
 * thread. Real statements nest a handful of levels; generated ones rarely pass 20. Texts over
 * {@value #MAX_PARSED_CHARS} chars (and truncated shapes, which end in an ellipsis and parse as nothing) are refused
 * too: at the depth cap, parse time was roughly linear in length, up to ~1-3 s at 16 K chars under load.
 */
final class ParseBudget {
    static final int MAX_PARSED_CHARS = 16_384;
    static final int MAX_NESTING_DEPTH = 32;

    private ParseBudget() {
    }

    /** Why the text must not be parsed, or null when it may be. */
    static String refusal(String sql) {
        return check(sql, new SqlLexer(sql, Dialect.GENERIC));
    }

    /** The lexer steps one check costs: what the linear-work test bounds. */
    static long stepsToCheck(String sql) {
        SqlLexer lexer = new SqlLexer(sql, Dialect.GENERIC);
        check(sql, lexer);
        return lexer.steps();
    }

    private static String check(String sql, SqlLexer lexer) {
        if (sql == null || sql.isEmpty()) {
            return "empty statement";
        }
        if (sql.length() > MAX_PARSED_CHARS) {
            return "statement of " + sql.length() + " chars is longer than " + MAX_PARSED_CHARS + "; not parsed";
        }
        int depth = 0;
        while (lexer.next()) {
            if (lexer.type() != TokenType.PUNCTUATION) {
                continue;
            }
            if (lexer.isPunctuation('(') || lexer.isPunctuation('[')) {
                if (++depth > MAX_NESTING_DEPTH) {
                    return "statement nested deeper than " + MAX_NESTING_DEPTH + " brackets; not parsed";
                }
            } else if (lexer.isPunctuation(')') || lexer.isPunctuation(']')) {
                depth = Math.max(0, depth - 1);
            }
        }
        return null;
    }
}
