package io.querylens.bench.stub;

import java.util.Arrays;

/**
 * The arrays {@code executeBatch} returns (every row counts 1), made once per batch size and handed out again, so a
 * steady-state batch allocates nothing. Confined to one statement, like the statement itself; callers must not write
 * into the arrays, which the wrappers under test do not.
 */
final class UpdateCounts {

    private static final int MAX_CACHED_BATCH_SIZE = 4096;

    private final int[][] intCounts = new int[MAX_CACHED_BATCH_SIZE + 1][];
    private final long[][] longCounts = new long[MAX_CACHED_BATCH_SIZE + 1][];

    int[] of(int batchSize) {
        if (batchSize > MAX_CACHED_BATCH_SIZE) {
            return filled(batchSize);
        }
        int[] counts = intCounts[batchSize];
        if (counts == null) {
            counts = filled(batchSize);
            intCounts[batchSize] = counts;
        }
        return counts;
    }

    long[] largeOf(int batchSize) {
        if (batchSize > MAX_CACHED_BATCH_SIZE) {
            return largeFilled(batchSize);
        }
        long[] counts = longCounts[batchSize];
        if (counts == null) {
            counts = largeFilled(batchSize);
            longCounts[batchSize] = counts;
        }
        return counts;
    }

    private static int[] filled(int batchSize) {
        int[] counts = new int[batchSize];
        Arrays.fill(counts, 1);
        return counts;
    }

    private static long[] largeFilled(int batchSize) {
        long[] counts = new long[batchSize];
        Arrays.fill(counts, 1L);
        return counts;
    }
}
