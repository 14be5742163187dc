package io.querylens.driver.recording;

import io.querylens.driver.sql.Dialect;
import io.querylens.driver.sql.Fingerprinter;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Statement text to its shape's statistics, so that preparing or executing the same text again costs one hash lookup
 * (the application usually passes the same String instance, whose hash is cached) instead of lexing it again.
 *
 * <p>Bounded: at {@code maxEntries} it evicts an arbitrary eighth of the entries, which keeps a hot working set
 * mostly cached without an LRU's bookkeeping on every hit. Texts over {@code maxCachedSqlChars} are fingerprinted each
 * time and never cached (OpenTelemetry's SqlQueryAnalyzer does the same for the same reason: a few huge generated
 * statements would otherwise pin megabytes). Thread-safe; hits neither lock nor allocate.
 */
public final class SqlTextCache {
    private final Dialect dialect;
    private final ShapeRegistry registry;
    private final int maxEntries;
    private final int maxCachedSqlChars;
    private final ConcurrentHashMap<String, ShapeStats> byText;

    public SqlTextCache(Dialect dialect, ShapeRegistry registry, int maxEntries, int maxCachedSqlChars) {
        this.dialect = dialect;
        this.registry = registry;
        this.maxEntries = maxEntries;
        this.maxCachedSqlChars = maxCachedSqlChars;
        this.byText = new ConcurrentHashMap<>(Math.min(maxEntries, 1024));
    }

    public ShapeStats statsFor(String sql) {
        if (sql == null) {
            return registry.statsFor(Fingerprinter.fingerprint(null, dialect));
        }
        ShapeStats cached = byText.get(sql);
        if (cached != null) {
            return cached;
        }
        ShapeStats stats = registry.statsFor(Fingerprinter.fingerprint(sql, dialect));
        if (sql.length() <= maxCachedSqlChars && maxEntries > 0) {
            if (byText.size() >= maxEntries) {
                evictSome();
            }
            byText.put(sql, stats);
        }
        return stats;
    }

    public int size() {
        return byText.size();
    }

    private void evictSome() {
        int toEvict = Math.max(1, maxEntries / 8);
        Iterator<String> keys = byText.keySet().iterator();
        while (toEvict-- > 0 && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }
}
