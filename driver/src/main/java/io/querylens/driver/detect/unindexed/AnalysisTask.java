package io.querylens.driver.detect.unindexed;

import io.querylens.driver.recording.AnalysisConnections;
import io.querylens.driver.sql.Dialect;
import io.querylens.driver.sql.QueryShape;

/**
 * One shape to analyse against one data source. Holds the connection opener of the connection that first ran the
 * shape, never that connection itself: analysis must not be able to touch the application's connection.
 * {@code sentSql} is the text the application sent the first time (literals included) or null: it stays in memory,
 * is parsed and explained, never logged, and reaches a finding only as the constants of an expression index.
 */
record AnalysisTask(QueryShape shape, String sentSql, String dataSource, Dialect dialect,
                    AnalysisConnections connections) {

    /** Longer texts are not kept: the shape (kept anyway) is analysed instead, so memory stays bounded per shape. */
    static final int MAX_SENT_SQL_CHARS = 10_000;

    /** The text to parse and explain: the sent text when it was kept, else the shape's. */
    String analysedSql() {
        return sentSql != null ? sentSql : shape.text();
    }

    static String keptSentSql(String sql) {
        return sql == null || sql.length() > MAX_SENT_SQL_CHARS ? null : sql;
    }
}
