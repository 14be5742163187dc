package io.querylens.driver.finding;

import java.util.Locale;

/**
 * Every kind of finding QueryLens reports. The wire name (lower snake case) is part of the findings-file contract,
 * the suppression comment syntax ({@code querylens:allow n_plus_one}) and the metric labels: never rename one.
 */
public enum FindingKind {
    N_PLUS_ONE,
    REPEATED_QUERY,
    UNBATCHED_WRITES,
    UNINDEXED_PREDICATE,
    DDL_OUTSIDE_MIGRATION,
    UNSAFE_MIGRATION,
    DDL_LOCK_WAIT,
    MISSING_FOREIGN_KEY,
    UNINDEXED_FOREIGN_KEY,
    IMPRECISE_MONEY_TYPE,
    UNUSED_INDEX,
    DUPLICATE_INDEX,
    TABLE_HEALTH,
    SCHEMA_DRIFT;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    public String wireName() {
        return wireName;
    }

    /** Returns the kind for a wire name, or null when there is none. */
    public static FindingKind fromWireName(String wireName) {
        for (FindingKind kind : values()) {
            if (kind.wireName.equals(wireName)) {
                return kind;
            }
        }
        return null;
    }
}
