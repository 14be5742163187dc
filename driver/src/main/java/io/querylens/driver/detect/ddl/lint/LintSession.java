package io.querylens.driver.detect.ddl.lint;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What earlier statements of the same migration run established: tables created (so work on them locks nothing
 * anyone waits for), whether a lock_timeout is set, and NOT NULL check constraints added and validated (so a later
 * SET NOT NULL skips its scan). One per application connection in-process, one per folder in the CLI.
 *
 * <p>Not thread-safe: a connection is used by one thread at a time, and the detector guards its session map.
 */
public final class LintSession {
    private final Set<String> createdTables = new HashSet<>();
    private final Set<String> temporaryTables = new HashSet<>();
    /** table.constraint → column, for CHECK (column IS NOT NULL) constraints added on this session. */
    private final Map<String, String> notNullChecks = new HashMap<>();
    private final Set<String> validatedNotNullColumns = new HashSet<>();
    private boolean sessionLockTimeout;
    private boolean transactionLockTimeout;

    public boolean createdHere(String table) {
        return table != null && createdTables.contains(table);
    }

    /** A temporary table this session created: dropping it is not a schema change. */
    public void temporaryTableCreated(String table) {
        temporaryTables.add(table);
    }

    public boolean isTemporary(String table) {
        return temporaryTables.contains(table);
    }

    void tableCreated(String table) {
        createdTables.add(table);
    }

    void tableRenamed(String from, String to) {
        if (createdTables.remove(from)) {
            createdTables.add(to);
        }
    }

    void notNullCheckAdded(String table, String constraint, String column) {
        notNullChecks.put(table + '.' + constraint, column);
    }

    void constraintValidated(String table, String constraint) {
        String column = notNullChecks.get(table + '.' + constraint);
        if (column != null) {
            validatedNotNullColumns.add(table + '.' + column);
        }
    }

    boolean notNullProven(String table, String column) {
        return validatedNotNullColumns.contains(table + '.' + column);
    }

    /** {@code SET lock_timeout} ({@code local} for {@code SET LOCAL}, which lasts until the transaction ends). */
    public void lockTimeoutSet(boolean local, boolean enabled) {
        if (local) {
            transactionLockTimeout = enabled;
        } else {
            sessionLockTimeout = enabled;
        }
    }

    /** Forgets {@code SET LOCAL} values; returns true when one was set. */
    public boolean transactionEnded() {
        boolean had = transactionLockTimeout;
        transactionLockTimeout = false;
        return had;
    }

    public boolean hasTransactionLockTimeout() {
        return transactionLockTimeout;
    }

    public boolean lockTimeoutActive() {
        return sessionLockTimeout || transactionLockTimeout;
    }
}
