package io.querylens.collector.merge;

import io.querylens.driver.sql.StatementKind;

/** A shape's normalised text and kind as the first process that shipped it described it. */
public record ShapeText(long shapeId, StatementKind kind, String text) {
}
