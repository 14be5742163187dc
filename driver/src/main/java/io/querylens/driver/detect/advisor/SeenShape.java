package io.querylens.driver.detect.advisor;

import io.querylens.driver.recording.AnalysisConnections;
import io.querylens.driver.sql.Dialect;
import io.querylens.driver.sql.QueryShape;

/** A new shape and where it ran; holds the connection opener, never the application's connection. */
record SeenShape(QueryShape shape, String dataSource, Dialect dialect, AnalysisConnections connections) {
}
