package io.querylens.driver.sql;

import java.util.concurrent.ConcurrentHashMap;

/** PLACEHOLDER: replaced by the real bounded cache. */
public final class ShapeCache {
    private final Dialect dialect;
    private final int maxEntries;
    private final int maxCachedSqlChars;
    private final ConcurrentHashMap<String, QueryShape> shapes = new ConcurrentHashMap<>();

    public ShapeCache(Dialect dialect, int maxEntries, int maxCachedSqlChars) {
        this.dialect = dialect;
        this.maxEntries = maxEntries;
        this.maxCachedSqlChars = maxCachedSqlChars;
    }

    public QueryShape shapeOf(String sql) {
        QueryShape shape = shapes.get(sql);
        if (shape != null) {
            return shape;
        }
        shape = Fingerprinter.fingerprint(sql, dialect);
        if (sql.length() <= maxCachedSqlChars && shapes.size() < maxEntries) {
            shapes.put(sql, shape);
        }
        return shape;
    }
}
