package io.querylens.collector.dbstats;

import java.util.List;

/**
 * One poll of one database's own statistics. Immutable; the latest per database is what metrics and the API show.
 * Ratios are null when the database could not say; {@code unavailable} lists what could not be read and how to
 * enable it.
 */
public record DatabaseStatistics(String name, String product, long polledAtEpochMillis, List<StatementStats> statements,
                                 List<TableStats> tables, List<UnusedIndex> unusedIndexes, List<IndexStats> indexes,
                                 List<LockWait> lockWaits,
                                 long connections, long maxConnections, Double cacheHitRatio,
                                 List<String> unavailable) {

    /** A statement as the database counts it, with the shape id the drivers would give the same text. */
    public record StatementStats(long shapeId, boolean ddl, String text, String role, long calls,
                                 double totalMillis, double meanMillis, long rows, long sharedBlocksHit,
                                 long sharedBlocksRead) {
    }

    /** Per-table counters; PostgreSQL fills scans, tuples and maintenance times, MySQL/MariaDB the I/O waits. */
    public record TableStats(String schema, String table, long seqScans, long indexScans, long liveTuples,
                             long deadTuples, String lastVacuum, String lastAnalyze, long ioWaits,
                             double ioWaitMillis) {
    }

    public record UnusedIndex(String schema, String table, String index) {
    }

    /**
     * Scans of one index that enforces no constraint (unique and primary-key indexes are needed even when never
     * scanned, so they are left out: these are the indexes one could drop).
     */
    public record IndexStats(String schema, String table, String index, long scans) {
    }

    /**
     * A session waiting on a lock, and the sessions that block it (with their current or last statement), each
     * statement as its shape text: the database shows them with their literals, which never leave the collector.
     */
    public record LockWait(long pid, String query, double waitingSeconds, List<Long> blockingPids,
                           List<String> blockingQueries) {
    }

    /** How long the longest current lock wait has lasted; 0 when no session waits. */
    public double longestLockWaitSeconds() {
        double longest = 0;
        for (LockWait wait : lockWaits) {
            longest = Math.max(longest, wait.waitingSeconds());
        }
        return longest;
    }

    public Double connectionsUsedRatio() {
        return maxConnections <= 0 ? null : (double) connections / maxConnections;
    }
}
