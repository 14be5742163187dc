package io.querylens.driver.detect.nplusone;

/**
 * How many statements of each kind were executed, JVM-wide, while counting was on. An {@code executeBatch} counts as
 * one execution of its statement (one round trip), whatever the batch size. Immutable.
 */
public record StatementCounts(long selects, long inserts, long updates, long deletes, long others) {
    public static final StatementCounts ZERO = new StatementCounts(0, 0, 0, 0, 0);

    public long total() {
        return selects + inserts + updates + deletes + others;
    }

    /** The executions between {@code earlier} and this snapshot. */
    public StatementCounts minus(StatementCounts earlier) {
        return new StatementCounts(selects - earlier.selects, inserts - earlier.inserts, updates - earlier.updates,
                deletes - earlier.deletes, others - earlier.others);
    }

    @Override
    public String toString() {
        return selects + " selects, " + inserts + " inserts, " + updates + " updates, " + deletes + " deletes, "
                + others + " other statements";
    }
}
