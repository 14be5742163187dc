package io.querylens.driver.detect.ddl.lint;

import io.querylens.driver.finding.Severity;
import io.querylens.driver.sql.Dialect;

import java.util.Locale;

/**
 * The zero-downtime rules for DDL run by migrations. The rule name (lower snake case) is what
 * {@code querylens.ddl.disabledRules}, {@code --disable} and {@code -- querylens:allow <rule>} comments use, and the
 * {@code rule} detail of {@code unsafe_migration} findings: never rename one. Reasons and alternatives may name
 * {@code {table}} and {@code {column}}, filled in per finding.
 */
public enum LintRule {
    // PostgreSQL (ADD_COLUMN_NOT_NULL_WITHOUT_DEFAULT: every dialect; strict MySQL rejects old inserts too)
    CREATE_INDEX_NOT_CONCURRENTLY(Dialect.POSTGRESQL, Severity.WARNING,
            "CREATE INDEX without CONCURRENTLY blocks every write to {table} until the index is built.",
            "CREATE INDEX CONCURRENTLY (outside a transaction; in Flyway a migration of its own)."),
    DROP_INDEX_NOT_CONCURRENTLY(Dialect.POSTGRESQL, Severity.WARNING,
            "DROP INDEX without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the index's table, blocking reads and writes.",
            "DROP INDEX CONCURRENTLY (outside a transaction)."),
    ADD_COLUMN_VOLATILE_DEFAULT(Dialect.POSTGRESQL, Severity.CRITICAL,
            "Adding {column} with a volatile default (or a serial type) rewrites all of {table} under an ACCESS EXCLUSIVE lock.",
            "Add the column without a default (or with a constant one), set the default for new rows, then backfill existing rows in batches."),
    ADD_COLUMN_NOT_NULL_WITHOUT_DEFAULT(null, Severity.CRITICAL,
            "Adding NOT NULL column {column} without a default fails on a non-empty {table}, and breaks inserts from the version still running.",
            "Add the column nullable (or with a constant default), backfill it, then add NOT NULL through a NOT VALID check constraint."),
    SET_NOT_NULL(Dialect.POSTGRESQL, Severity.WARNING,
            "SET NOT NULL on {table}.{column} scans the whole table under an ACCESS EXCLUSIVE lock.",
            "ADD CONSTRAINT c CHECK ({column} IS NOT NULL) NOT VALID; VALIDATE CONSTRAINT c; then SET NOT NULL (PostgreSQL 12+ skips the scan) and drop c."),
    CHANGE_COLUMN_TYPE(Dialect.POSTGRESQL, Severity.CRITICAL,
            "Changing the type of {table}.{column} rewrites the table and its indexes under an ACCESS EXCLUSIVE lock.",
            "Expand and contract: add a column of the new type, write both, backfill in batches, switch reads, drop the old column."),
    FOREIGN_KEY_WITHOUT_NOT_VALID(Dialect.POSTGRESQL, Severity.WARNING,
            "Adding a foreign key to {table} validates every row while locking both tables against writes.",
            "ADD CONSTRAINT … FOREIGN KEY … NOT VALID, then VALIDATE CONSTRAINT in a separate step (it locks less)."),
    CHECK_CONSTRAINT_WITHOUT_NOT_VALID(Dialect.POSTGRESQL, Severity.WARNING,
            "Adding a check constraint to {table} scans every row under an ACCESS EXCLUSIVE lock.",
            "ADD CONSTRAINT … CHECK (…) NOT VALID, then VALIDATE CONSTRAINT in a separate step."),
    UNIQUE_CONSTRAINT_WITHOUT_INDEX(Dialect.POSTGRESQL, Severity.WARNING,
            "Adding a UNIQUE or PRIMARY KEY constraint to {table} builds its index while blocking reads and writes.",
            "CREATE UNIQUE INDEX CONCURRENTLY first, then ADD CONSTRAINT … UNIQUE USING INDEX (or PRIMARY KEY USING INDEX)."),
    VACUUM_FULL(Dialect.POSTGRESQL, Severity.CRITICAL,
            "VACUUM FULL rewrites {table} under an ACCESS EXCLUSIVE lock for as long as the copy takes.",
            "Plain VACUUM, or pg_repack / pg_squeeze to reclaim space online."),
    CLUSTER(Dialect.POSTGRESQL, Severity.CRITICAL,
            "CLUSTER rewrites {table} under an ACCESS EXCLUSIVE lock for as long as the copy takes.",
            "pg_repack with an ORDER BY, run outside the deploy."),
    MISSING_LOCK_TIMEOUT(Dialect.POSTGRESQL, Severity.WARNING,
            "DDL on {table} runs without a lock_timeout: while it waits behind a long transaction, every query on {table} queues behind it.",
            "SET lock_timeout = '5s' (or SET LOCAL in the migration's transaction) before the DDL, and retry on timeout."),
    // MySQL and MariaDB
    MYSQL_ALGORITHM_COPY(Dialect.MYSQL, Severity.CRITICAL,
            "This ALTER on {table} may copy the whole table (ALGORITHM=COPY), blocking writes until it ends.",
            "State ALGORITHM=INSTANT or ALGORITHM=INPLACE, LOCK=NONE so the server refuses instead of copying, or use gh-ost / pt-online-schema-change."),
    MYSQL_TABLE_LOCK(Dialect.MYSQL, Severity.WARNING,
            "This ALTER on {table} takes a shared or exclusive table lock where an online algorithm exists.",
            "Use LOCK=NONE with ALGORITHM=INPLACE (or INSTANT), or an online schema change tool."),
    // Every dialect
    RENAME_COLUMN(null, Severity.WARNING,
            "Renaming {table}.{column} breaks the application version still running during a rolling deploy.",
            "Expand and contract: add the new column, write both, backfill, move reads, and drop the old one in a later release."),
    RENAME_TABLE(null, Severity.WARNING,
            "Renaming {table} breaks the application version still running during a rolling deploy.",
            "Expand and contract: create the new table (or a view under the new name), move readers and writers, drop the old name later."),
    DROP_COLUMN(null, Severity.WARNING,
            "Dropping {table}.{column} breaks the application version still running if it reads or writes the column.",
            "Stop using the column in one release (ignore it in the ORM), drop it in a later one."),
    DROP_TABLE(null, Severity.WARNING,
            "Dropping {table} breaks the application version still running if it uses the table.",
            "Stop using the table in one release, drop it in a later one.");

    private final String ruleName = name().toLowerCase(Locale.ROOT);
    private final Dialect dialect;
    private final Severity severity;
    private final String reason;
    private final String safeAlternative;

    LintRule(Dialect dialect, Severity severity, String reason, String safeAlternative) {
        this.dialect = dialect;
        this.severity = severity;
        this.reason = reason;
        this.safeAlternative = safeAlternative;
    }

    public String ruleName() {
        return ruleName;
    }

    /** True when the rule concerns {@code dialect} (null: every dialect). */
    public boolean appliesTo(Dialect target) {
        return dialect == null || dialect == target;
    }

    public Severity severity() {
        return severity;
    }

    /** The reason template, with {@code {table}} and {@code {column}} placeholders. */
    public String reasonTemplate() {
        return reason;
    }

    public String safeAlternativeTemplate() {
        return safeAlternative;
    }

    public String reason(String table, String column) {
        return fill(reason, table, column);
    }

    public String safeAlternative(String table, String column) {
        return fill(safeAlternative, table, column);
    }

    public static LintRule fromRuleName(String name) {
        for (LintRule rule : values()) {
            if (rule.ruleName.equals(name)) {
                return rule;
            }
        }
        return null;
    }

    private static String fill(String template, String table, String column) {
        return template.replace("{table}", table == null ? "the table" : table)
                .replace("{column}", column == null ? "the column" : column);
    }
}
