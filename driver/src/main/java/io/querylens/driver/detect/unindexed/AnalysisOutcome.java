package io.querylens.driver.detect.unindexed;

/** How the latest analysis of one shape ended; tests and diagnostics read it through the detector. */
public enum AnalysisOutcome {
    /** At least one unindexed_predicate finding was reported. */
    FLAGGED,
    /** Analysed: every predicate is served by an index, the plan uses one, or the tables are small. */
    CLEAN,
    /** Not a SELECT, UPDATE or DELETE, or a statement the parser cannot read (logged at debug level). */
    SKIPPED,
    /** The catalog read or EXPLAIN failed (permissions, timeout, a dropped table); logged once per shape. */
    FAILED
}
