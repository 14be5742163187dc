package io.querylens.driver.detect.ddl;

import io.querylens.driver.detect.CallSites;
import io.querylens.driver.detect.Detector;
import io.querylens.driver.detect.ddl.lint.LintRule;
import io.querylens.driver.detect.ddl.lint.LintViolation;
import io.querylens.driver.detect.ddl.lint.MigrationLinter;
import io.querylens.driver.detect.ddl.lint.UnparsableSqlException;
import io.querylens.driver.finding.Finding;
import io.querylens.driver.finding.FindingKind;
import io.querylens.driver.finding.FindingReporter;
import io.querylens.driver.finding.Severity;
import io.querylens.driver.internal.Faults;
import io.querylens.driver.recording.ConnectionContext;
import io.querylens.driver.recording.Execution;
import io.querylens.driver.recording.ShapeRegistry;
import io.querylens.driver.sql.Dialect;
import io.querylens.driver.sql.Fingerprinter;
import io.querylens.driver.sql.QueryShape;
import io.querylens.driver.sql.StatementKind;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * The DDL guard (issue "DDL guard: block schema changes made outside migrations, and lint the ones made inside
 * them"). For each DDL statement, one stack walk decides whether a migration tool runs it: outside a migration it is
 * reported ({@code warn}) or refused ({@code block}); inside one it is linted for zero-downtime hazards and the
 * violations are reported as {@code unsafe_migration} findings, never blocked.
 *
 * <p>Threading: every callback runs on the application's thread. Non-DDL statements cost {@link #onExecution}'s
 * few comparisons (it looks only for {@code SET lock_timeout} on PostgreSQL); the stack walk, the lint and the
 * session map's lock happen only for DDL, which is rare. Linting runs on the DDL's own thread because it must see the
 * session's earlier statements in order, and its cost is small next to the DDL itself.
 */
public final class DdlOutsideMigrationDetector implements Detector {
    public static final String NAME = "ddl";
    private static final String OUTSIDE_KIND = FindingKind.DDL_OUTSIDE_MIGRATION.wireName();

    private final DdlMode mode;
    private final boolean lintEnabled;
    private final MigrationCallers callers;
    private final CallSites callSites;
    private final FindingReporter findings;
    private final Faults faults;
    private final MigrationLinter[] lintersByDialect;
    private final ConnectionSessions sessions = new ConnectionSessions();
    private final LongAdder suppressedOutside = new LongAdder();

    DdlOutsideMigrationDetector(DdlMode mode, boolean lintEnabled, List<String> allowedCallers,
                                List<String> skippedCallSitePrefixes, Set<LintRule> disabledRules,
                                ShapeRegistry shapes, FindingReporter findings, Faults faults) {
        this.mode = mode;
        this.lintEnabled = lintEnabled;
        this.callers = new MigrationCallers(allowedCallers);
        this.callSites = new CallSites(skippedCallSitePrefixes);
        this.findings = findings;
        this.faults = faults;
        ShapeReferenceFinder references = new ShapeReferenceFinder(shapes);
        Dialect[] dialects = Dialect.values();
        this.lintersByDialect = new MigrationLinter[dialects.length];
        for (Dialect dialect : dialects) {
            lintersByDialect[dialect.ordinal()] = new MigrationLinter(dialect, disabledRules, references);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * DDL outside a migration that ran unreported (and unblocked) because it carries a
     * {@code querylens:allow ddl_outside_migration} comment.
     */
    public long suppressedOutsideMigration() {
        return suppressedOutside.sum();
    }

    @Override
    public void beforeDdl(Execution execution) throws SQLException {
        QueryShape shape = execution.shape();
        ConnectionContext connection = execution.connection();
        List<String> changes = schemaChanges(shape, connection);
        if (changes.isEmpty()) {
            return;
        }
        MigrationCallers.Origin origin = callers.current();
        if (origin.insideMigration()) {
            if (lintEnabled) {
                for (String change : changes) {
                    lint(shape, change, connection, origin.migrationTool());
                }
            }
            return;
        }
        if (mode == DdlMode.OFF) {
            return;
        }
        if (shape.allows(OUTSIDE_KIND)) {
            // Accepted in the statement itself, like every other kind: it runs even in block mode, counted.
            suppressedOutside.increment();
            return;
        }
        String callSite = callSites.current();
        boolean block = mode == DdlMode.BLOCK;
        reportOutsideMigration(shape, connection, callSite, origin.issuedBy(), block);
        if (block) {
            throw new DdlBlockedException(shape.text(), callSite);
        }
    }

    /**
     * The statements of the shape's text that change the schema. A multi-statement text ({@code select 1; drop
     * table t}, run whole by MySQL's allowMultiQueries or PostgreSQL's simple protocol) is split, so a DROP behind a
     * SELECT is seen; temporary tables are noted on the way. Runs only for texts holding DDL, so it may allocate.
     */
    private List<String> schemaChanges(QueryShape shape, ConnectionContext connection) {
        List<String> statements = shape.text().indexOf(';') < 0
                ? List.of(shape.text())
                : Fingerprinter.splitStatements(shape.text(), connection.dialect());
        List<String> changes = new ArrayList<>(1);
        for (String statement : statements) {
            if (!SchemaChanges.isSchemaChange(statement)) {
                noteTemporaryTable(statement, connection);
            } else if (!dropsOnlyTemporaryTable(statement, connection)) {
                changes.add(statement);
            }
        }
        return changes;
    }

    /** {@link #onExecution} acts on {@code SET}/{@code RESET}/{@code CREATE TEMP TABLE} only, all of kind OTHER. */
    @Override
    public boolean watches(StatementKind kind) {
        return kind == StatementKind.OTHER;
    }

    /** Watches for {@code SET [LOCAL] lock_timeout} and {@code RESET}, which the lock_timeout rule depends on. */
    @Override
    public void onExecution(Execution execution) {
        QueryShape shape = execution.shape();
        if (shape.kind() != StatementKind.OTHER || execution.failed()) {
            return;
        }
        if (shape.text().regionMatches(true, 0, "create", 0, 6)) {
            noteTemporaryTable(shape.text(), execution.connection());
            return;
        }
        if (!lintEnabled
                || execution.connection().dialect() != Dialect.POSTGRESQL || !mentionsLockTimeout(shape.text())) {
            return;
        }
        ConnectionContext connection = execution.connection();
        MigrationLinter linter = lintersByDialect[connection.dialect().ordinal()];
        try {
            sessions.update(connection, session -> linter.lint(shape.text(), Set.of(), session));
        } catch (Exception unreadable) {
            faults.report("detector " + NAME, unreadable);
        }
    }

    /** Remembers {@code CREATE TEMP[ORARY] TABLE name} on this connection, so that dropping it is not reported. */
    private void noteTemporaryTable(String text, ConnectionContext connection) {
        String table = SchemaChanges.temporaryTableCreated(text);
        if (table != null) {
            try {
                sessions.update(connection, session -> session.temporaryTableCreated(table));
            } catch (Exception impossible) {
                faults.report("detector " + NAME, impossible);
            }
        }
    }

    private boolean dropsOnlyTemporaryTable(String text, ConnectionContext connection) {
        String table = SchemaChanges.droppedTable(text);
        return table != null && sessions.of(connection).isTemporary(table);
    }

    @Override
    public void onTransactionEnd(ConnectionContext connection) {
        sessions.transactionEnded(connection);
    }

    static boolean mentionsLockTimeout(String text) {
        String trimmed = text.stripLeading();
        boolean set = trimmed.regionMatches(true, 0, "set", 0, 3) || trimmed.regionMatches(true, 0, "reset", 0, 5);
        if (!set) {
            return false;
        }
        return containsIgnoreCase(trimmed, "lock_timeout") || containsIgnoreCase(trimmed, "reset all");
    }

    private static boolean containsIgnoreCase(String text, String part) {
        for (int i = 0; i + part.length() <= text.length(); i++) {
            if (text.regionMatches(true, i, part, 0, part.length())) {
                return true;
            }
        }
        return false;
    }

    private void lint(QueryShape shape, String statement, ConnectionContext connection, String migrationTool) {
        MigrationLinter linter = lintersByDialect[connection.dialect().ordinal()];
        Set<String> allowed = Set.of(shape.allowedFindingKinds());
        List<List<LintViolation>> result = new ArrayList<>(1);
        try {
            sessions.update(connection, session -> result.add(linter.lint(statement, allowed, session)));
        } catch (UnparsableSqlException unreadable) {
            return; // the database will reject it too; nothing to lint
        } catch (Exception failure) {
            faults.report("detector " + NAME, failure);
            return;
        }
        if (result.isEmpty() || result.get(0).isEmpty()) {
            return;
        }
        String callSite = callSites.current();
        for (LintViolation violation : result.get(0)) {
            findings.report(unsafeMigration(shape, connection, callSite, migrationTool, violation));
        }
    }

    private static Finding unsafeMigration(QueryShape shape, ConnectionContext connection, String callSite,
                                           String migrationTool, LintViolation violation) {
        Finding.Builder finding = Finding.builder(FindingKind.UNSAFE_MIGRATION, violation.severity())
                .fingerprint(shape.hexId())
                .sql(shape.text())
                .table(violation.table())
                .columns(violation.column() == null ? List.of() : List.of(violation.column()))
                .callSite(callSite)
                .reason(violation.reason())
                .suggestion(violation.safeAlternative())
                .dataSource(connection.dataSource())
                .detail("rule", violation.rule().ruleName())
                .detail("suppressed", violation.suppressed())
                .detail("migrationTool", migrationTool);
        if (!violation.referencingShapes().isEmpty()) {
            finding.detail("referencingShapes", violation.referencingShapes());
        }
        return finding.build();
    }

    private void reportOutsideMigration(QueryShape shape, ConnectionContext connection, String callSite,
                                        String issuedBy, boolean blocked) {
        findings.report(Finding.builder(FindingKind.DDL_OUTSIDE_MIGRATION,
                        blocked ? Severity.CRITICAL : Severity.WARNING)
                .fingerprint(shape.hexId())
                .sql(shape.text())
                .callSite(callSite)
                .reason("Schema change issued by " + issuedBy + ", not by a migration tool: environments drift and"
                        + " the change is neither reviewed nor repeatable.")
                .suggestion("Write it as a Flyway or Liquibase migration, or allow this caller with"
                        + " querylens.ddl.allowedCallers=" + DdlBlockedException.packageOf(callSite))
                .dataSource(connection.dataSource())
                .detail("mode", mode.name().toLowerCase(java.util.Locale.ROOT))
                .detail("blocked", blocked)
                .detail("issuedBy", issuedBy)
                .build());
    }
}
