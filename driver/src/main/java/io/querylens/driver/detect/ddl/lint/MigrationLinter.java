package io.querylens.driver.detect.ddl.lint;

import io.querylens.driver.sql.Dialect;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks DDL statements for changes that hurt a zero-downtime deploy (see {@link LintRule}), one statement at a
 * time, remembering in a {@link LintSession} what earlier statements did. Used in-process for DDL that a migration
 * tool runs, and by the command-line linter before deploy. A heuristic reader of leading keywords and ALTER TABLE
 * actions, not a full parser: what it does not recognise it leaves alone.
 *
 * <p>Thread-safe (no state of its own); the session is the caller's.
 */
public final class MigrationLinter {
    private final Dialect dialect;
    private final Set<LintRule> disabled;
    private final ReferencingShapes references;

    public MigrationLinter(Dialect dialect, Set<LintRule> disabled, ReferencingShapes references) {
        this.dialect = dialect;
        this.disabled = disabled.isEmpty() ? EnumSet.noneOf(LintRule.class) : EnumSet.copyOf(disabled);
        this.references = references;
    }

    public Dialect dialect() {
        return dialect;
    }

    /**
     * Lints one statement and records its effects in {@code session}.
     *
     * @param extraAllowed names excused outside the statement's text (a trailing comment, the shape's allow list)
     */
    public List<LintViolation> lint(String statement, Set<String> extraAllowed, LintSession session)
            throws UnparsableSqlException {
        LexedStatement lexed = DdlLexer.lex(statement, dialect);
        Set<String> allowed = new HashSet<>(lexed.allowedNames());
        allowed.addAll(extraAllowed);
        Violations violations = new Violations(dialect, disabled, allowed, references);
        TokenCursor cursor = new TokenCursor(lexed.tokens());
        lintStatement(cursor, session, violations);
        return violations.list();
    }

    private void lintStatement(TokenCursor cursor, LintSession session, Violations violations) {
        DdlToken first = cursor.next();
        if (first == null || first.type() != DdlToken.Type.WORD) {
            return;
        }
        switch (first.text()) {
            case "create" -> create(cursor, session, violations);
            case "drop" -> drop(cursor, session, violations);
            case "alter" -> {
                if (cursor.accept("table")) {
                    new AlterTableRules(cursor, session, violations).lint();
                }
            }
            case "rename" -> renameTables(cursor, session, violations);
            case "vacuum" -> vacuum(cursor, session, violations);
            case "cluster" -> cluster(cursor, session, violations);
            case "truncate" -> {
                cursor.accept("table");
                cursor.accept("only");
                lockTimeout(cursor.name(), session, violations);
            }
            case "set" -> set(cursor, session);
            case "reset" -> {
                if (cursor.accept("lock_timeout") || cursor.accept("all")) {
                    session.lockTimeoutSet(false, false);
                }
            }
            default -> {
            }
        }
    }

    private void create(TokenCursor cursor, LintSession session, Violations violations) {
        cursor.accept("or", "replace");
        if (cursor.peekWord("temp") || cursor.peekWord("temporary")) {
            return;
        }
        cursor.accept("unlogged");
        if (cursor.accept("table")) {
            cursor.accept("if", "not", "exists");
            String table = cursor.name();
            if (table != null) {
                session.tableCreated(table);
            }
            return;
        }
        boolean unique = cursor.accept("unique");
        boolean fullTextOrSpatial = !unique && (cursor.accept("fulltext") || cursor.accept("spatial"));
        if (!cursor.accept("index")) {
            return;
        }
        boolean concurrently = cursor.accept("concurrently");
        String table = tableAfterOn(cursor);
        if (session.createdHere(table)) {
            return;
        }
        if (violations.dialect() == Dialect.MYSQL) {
            mysqlIndexOptions(cursor, fullTextOrSpatial, table, violations);
            return;
        }
        if (!concurrently) {
            violations.add(LintRule.CREATE_INDEX_NOT_CONCURRENTLY, table, null);
            lockTimeout(table, session, violations);
        }
    }

    private static String tableAfterOn(TokenCursor cursor) {
        while (!cursor.atEnd() && !cursor.peekWord("on")) {
            cursor.next();
        }
        if (!cursor.accept("on")) {
            return null;
        }
        cursor.accept("only");
        return cursor.name();
    }

    private static void mysqlIndexOptions(TokenCursor cursor, boolean fullTextOrSpatial, String table,
                                          Violations violations) {
        if (containsOption(cursor, "algorithm", "copy")) {
            violations.add(LintRule.MYSQL_ALGORITHM_COPY, table, null);
        }
        if (fullTextOrSpatial || containsOption(cursor, "lock", "shared") || containsOption(cursor, "lock", "exclusive")) {
            violations.add(LintRule.MYSQL_TABLE_LOCK, table, null);
        }
    }

    /** {@code option = value} or {@code option value} among the remaining tokens. */
    static boolean containsOption(TokenCursor cursor, String option, String value) {
        for (int i = 0; cursor.peek(i) != null; i++) {
            if (cursor.peek(i).isWord(option)) {
                DdlToken next = cursor.peek(i + 1);
                if (next != null && next.isSymbol('=')) {
                    next = cursor.peek(i + 2);
                }
                if (next != null && next.isWord(value)) {
                    return true;
                }
            }
        }
        return false;
    }

    private void drop(TokenCursor cursor, LintSession session, Violations violations) {
        if (cursor.accept("index")) {
            boolean concurrently = cursor.accept("concurrently");
            if (violations.dialect() != Dialect.MYSQL && !concurrently) {
                violations.add(LintRule.DROP_INDEX_NOT_CONCURRENTLY, null, null);
                lockTimeout(null, session, violations);
            }
            return;
        }
        if (!cursor.accept("table")) {
            return;
        }
        cursor.accept("if", "exists");
        boolean locked = false;
        while (!cursor.atEnd()) {
            String table = cursor.name();
            if (table == null) {
                break;
            }
            if (!session.createdHere(table)) {
                violations.add(LintRule.DROP_TABLE, table, null);
                if (!locked) {
                    lockTimeout(table, session, violations);
                    locked = true;
                }
            }
            if (cursor.peek() == null || !cursor.peek().isSymbol(',')) {
                break;
            }
            cursor.next();
        }
    }

    /** MySQL's {@code RENAME TABLE a TO b, c TO d}. */
    private void renameTables(TokenCursor cursor, LintSession session, Violations violations) {
        if (!cursor.accept("table")) {
            return;
        }
        while (!cursor.atEnd()) {
            String from = cursor.name();
            if (from == null || !cursor.accept("to")) {
                return;
            }
            String to = cursor.name();
            if (!session.createdHere(from)) {
                violations.add(LintRule.RENAME_TABLE, from, null);
            }
            session.tableRenamed(from, to);
            if (cursor.peek() == null || !cursor.peek().isSymbol(',')) {
                return;
            }
            cursor.next();
        }
    }

    private void vacuum(TokenCursor cursor, LintSession session, Violations violations) {
        boolean full = false;
        String table = null;
        while (!cursor.atEnd()) {
            DdlToken token = cursor.next();
            if (token.isWord("full")) {
                DdlToken value = cursor.peek();
                full = value == null || !(value.isWord("false") || value.isWord("off") || value.text().equals("0"));
            } else if (token.isName() && !isVacuumOption(token.text())) {
                table = token.text();
            }
        }
        if (full) {
            violations.add(LintRule.VACUUM_FULL, table, null);
            lockTimeout(table, session, violations);
        }
    }

    private static boolean isVacuumOption(String word) {
        return switch (word) {
            case "verbose", "analyze", "freeze", "true", "false", "on", "off", "disable_page_skipping",
                 "skip_locked", "index_cleanup", "process_toast", "process_main", "truncate", "parallel",
                 "auto", "buffer_usage_limit" -> true;
            default -> false;
        };
    }

    private void cluster(TokenCursor cursor, LintSession session, Violations violations) {
        cursor.accept("verbose");
        String table = cursor.name();
        violations.add(LintRule.CLUSTER, table, null);
        lockTimeout(table, session, violations);
    }

    /** {@code SET [SESSION | LOCAL] lock_timeout { = | TO } value}; 0 and DEFAULT switch it off. */
    private static void set(TokenCursor cursor, LintSession session) {
        boolean local = cursor.accept("local");
        cursor.accept("session");
        if (!cursor.accept("lock_timeout")) {
            return;
        }
        if (!cursor.accept("to") && cursor.peek() != null && cursor.peek().isSymbol('=')) {
            cursor.next();
        }
        DdlToken value = cursor.next();
        boolean off = value == null || value.isWord("default")
                || (value.type() == DdlToken.Type.NUMBER && value.text().matches("0+"));
        session.lockTimeoutSet(local, !off);
    }

    static void lockTimeout(String table, LintSession session, Violations violations) {
        if (!session.lockTimeoutActive() && !session.createdHere(table)) {
            violations.add(LintRule.MISSING_LOCK_TIMEOUT, table, null);
        }
    }
}
