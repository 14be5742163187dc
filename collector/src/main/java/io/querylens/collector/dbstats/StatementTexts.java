package io.querylens.collector.dbstats;

import io.querylens.driver.sql.Dialect;
import io.querylens.driver.sql.Fingerprinter;
import io.querylens.driver.sql.QueryShape;

import java.util.regex.Pattern;

/**
 * Turns the database's own statement text (pg_stat_statements.query, performance_schema DIGEST_TEXT) into the shape
 * the drivers compute for the application's text, so both sides meet on one shape id without injecting comments into
 * the application's statements. The drivers' {@link Fingerprinter} does the work; before it, PostgreSQL's {@code $n}
 * parameters become {@code ?} and MySQL's backtick quoting is dropped, which the lexer-based fingerprinter does
 * itself (this step then changes nothing) but the interim one does not.
 */
final class StatementTexts {
    private static final Pattern NUMBERED_PARAMETER = Pattern.compile("\\$\\d+");

    private StatementTexts() {
    }

    /**
     * The shape text of a statement the database shows as it ran (pg_stat_activity, the MySQL processlist), with
     * its literals: that raw text holds whatever values the application sent, so it never leaves the collector.
     */
    static String withoutLiterals(String databaseText, Dialect dialect) {
        return databaseText == null ? null : shapeOf(databaseText, dialect).text();
    }

    static QueryShape shapeOf(String databaseText, Dialect dialect) {
        String text = databaseText == null ? "" : databaseText;
        if (dialect == Dialect.POSTGRESQL) {
            text = NUMBERED_PARAMETER.matcher(text).replaceAll("?");
        } else if (dialect == Dialect.MYSQL) {
            text = text.replace("`", "").replace("( ", "(").replace(" )", ")").replace(" ,", ",");
        }
        return Fingerprinter.fingerprint(text, dialect);
    }
}
