package io.querylens.driver.detect.unindexed;

import io.querylens.driver.recording.AnalysisConnections;
import io.querylens.driver.sql.Dialect;
import io.querylens.driver.sql.QueryShape;

/**
 * One shape to analyse against one data source. Holds the connection opener of the connection that first ran the
 * shape, never that connection itself: analysis must not be able to touch the application's connection.
 */
record AnalysisTask(QueryShape shape, String dataSource, Dialect dialect, AnalysisConnections connections) {
}
