package io.querylens.driver.detect.advisor;

import io.querylens.driver.detect.unindexed.TableName;

/**
 * A {@code left.leftColumn = right.rightColumn} condition the application ran, with the shape that showed it
 * ({@code evidenceFingerprint}, {@code evidenceSql}: the normalised text, never bind values). Sides are ordered
 * ({@link #of}) so that {@code a.x = b.y} and {@code b.y = a.x} are one join.
 */
public record ObservedJoin(TableName left, String leftColumn, TableName right, String rightColumn,
                           String evidenceFingerprint, String evidenceSql) {

    public static ObservedJoin of(TableName a, String aColumn, TableName b, String bColumn, String fingerprint,
                                  String sql) {
        String first = a + "." + aColumn;
        String second = b + "." + bColumn;
        return first.compareTo(second) <= 0
                ? new ObservedJoin(a, aColumn, b, bColumn, fingerprint, sql)
                : new ObservedJoin(b, bColumn, a, aColumn, fingerprint, sql);
    }

    /** Identifies the join regardless of which shape showed it first. */
    public String key() {
        return left + "." + leftColumn + "=" + right + "." + rightColumn;
    }
}
