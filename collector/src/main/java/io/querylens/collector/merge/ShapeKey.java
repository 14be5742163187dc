package io.querylens.collector.merge;

/** One series of the merged view: an application's query shape against one data source. */
public record ShapeKey(String app, String dataSource, long shapeId) {
}
