package io.querylens.driver.detect.ddl.lint;

import io.querylens.driver.sql.Dialect;

import java.util.List;
import java.util.Set;

/**
 * The rules for one {@code ALTER TABLE} statement, action by action ({@code ADD COLUMN …, ALTER COLUMN …}). A table
 * created earlier in the same session is new: nothing waits on it and nobody reads it yet, so its actions are only
 * recorded, never reported.
 */
final class AlterTableRules {
    /** PostgreSQL functions whose default forces a table rewrite when a column is added (PostgreSQL 11+ otherwise stores the value once). */
    private static final Set<String> VOLATILE_FUNCTIONS = Set.of("random", "clock_timestamp", "timeofday",
            "gen_random_uuid", "uuid_generate_v1", "uuid_generate_v1mc", "uuid_generate_v4", "nextval", "uuidv4",
            "uuidv7");
    private static final Set<String> SERIAL_TYPES = Set.of("serial", "bigserial", "smallserial", "serial2", "serial4",
            "serial8");
    private static final Set<String> COLUMN_CONSTRAINT_WORDS = Set.of("not", "null", "constraint", "references",
            "check", "unique", "primary", "generated", "collate", "default", "first", "after", "comment", "auto_increment");

    private final TokenCursor cursor;
    private final LintSession session;
    private final Violations violations;
    private final boolean mysql;
    private String table;

    AlterTableRules(TokenCursor cursor, LintSession session, Violations violations) {
        this.cursor = cursor;
        this.session = session;
        this.violations = violations;
        this.mysql = violations.dialect() == Dialect.MYSQL;
    }

    void lint() {
        cursor.accept("if", "exists");
        cursor.accept("only");
        table = cursor.name();
        if (table == null) {
            return;
        }
        if (cursor.peek() != null && cursor.peek().isSymbol('*')) {
            cursor.next();
        }
        boolean algorithmStated = MigrationLinter.containsOption(cursor, "algorithm", "inplace")
                || MigrationLinter.containsOption(cursor, "algorithm", "instant");
        boolean newTable = session.createdHere(table);
        List<List<DdlToken>> actions = cursor.remainingCommaSeparated();
        Violations target = newTable ? new Violations(violations.dialect(), Set.of(), Set.of(), ReferencingShapes.NONE)
                : violations;
        boolean anyAction = false;
        for (List<DdlToken> action : actions) {
            anyAction |= action(new TokenCursor(action), algorithmStated, target);
        }
        if (anyAction && !newTable) {
            MigrationLinter.lockTimeout(table, session, violations);
        }
    }

    /** Returns true when the action locks the table (everything but MySQL's bare options). */
    private boolean action(TokenCursor action, boolean algorithmStated, Violations out) {
        DdlToken first = action.next();
        if (first == null || first.type() != DdlToken.Type.WORD) {
            return false;
        }
        switch (first.text()) {
            case "add" -> add(action, out);
            case "drop" -> drop(action, out);
            case "alter" -> alterColumn(action, out);
            case "rename" -> rename(action, out);
            case "validate" -> {
                if (action.accept("constraint")) {
                    session.constraintValidated(table, action.name());
                }
            }
            case "modify" -> {
                action.accept("column");
                copyUnlessAlgorithmStated(algorithmStated, out);
            }
            case "change" -> {
                action.accept("column");
                String from = action.name();
                String to = action.name();
                if (from != null && to != null && !from.equals(to)) {
                    out.add(LintRule.RENAME_COLUMN, table, from);
                }
                copyUnlessAlgorithmStated(algorithmStated, out);
            }
            case "convert" -> out.add(LintRule.MYSQL_ALGORITHM_COPY, table, null);
            case "algorithm" -> {
                skipEquals(action);
                if (action.accept("copy")) {
                    out.add(LintRule.MYSQL_ALGORITHM_COPY, table, null);
                }
                return false;
            }
            case "lock" -> {
                skipEquals(action);
                if (action.accept("shared") || action.accept("exclusive")) {
                    out.add(LintRule.MYSQL_TABLE_LOCK, table, null);
                }
                return false;
            }
            default -> {
            }
        }
        return true;
    }

    private void copyUnlessAlgorithmStated(boolean algorithmStated, Violations out) {
        if (!algorithmStated) {
            out.add(LintRule.MYSQL_ALGORITHM_COPY, table, null);
        }
    }

    private void add(TokenCursor action, Violations out) {
        if (action.accept("column")) {
            action.accept("if", "not", "exists");
            addColumn(action, out);
            return;
        }
        String constraintName = null;
        if (action.accept("constraint")) {
            constraintName = action.name();
        }
        if (action.peekWord("foreign")) {
            if (!action.containsAhead("not", "valid")) {
                out.add(LintRule.FOREIGN_KEY_WITHOUT_NOT_VALID, table, null);
            }
        } else if (action.accept("check")) {
            addCheck(action, constraintName, out);
        } else if (action.peekWord("unique") || action.peekWord("primary")) {
            if (!mysql && !action.containsAhead("using", "index")) {
                out.add(LintRule.UNIQUE_CONSTRAINT_WITHOUT_INDEX, table, null);
            }
        } else if (action.peekWord("fulltext") || action.peekWord("spatial")) {
            out.add(LintRule.MYSQL_TABLE_LOCK, table, null);
        } else if (!(action.peekWord("index") || action.peekWord("key") || action.peekWord("exclude")
                || action.peekWord("partition"))) {
            if (constraintName == null) {
                addColumn(action, out);
            }
        }
    }

    private void addCheck(TokenCursor action, String constraintName, Violations out) {
        if (!action.containsAhead("not", "valid")) {
            out.add(LintRule.CHECK_CONSTRAINT_WITHOUT_NOT_VALID, table, null);
            return;
        }
        // CHECK (column IS NOT NULL) NOT VALID: the first step of the safe SET NOT NULL.
        DdlToken open = action.next();
        String column = action.name();
        if (open != null && open.isSymbol('(') && column != null && action.accept("is", "not", "null")
                && action.peek() != null && action.peek().isSymbol(')') && constraintName != null) {
            session.notNullCheckAdded(table, constraintName, column);
        }
    }

    private void addColumn(TokenCursor action, Violations out) {
        String column = action.name();
        if (column == null) {
            return;
        }
        DdlToken type = action.peek();
        if (type != null && type.type() == DdlToken.Type.WORD && SERIAL_TYPES.contains(type.text())) {
            out.add(LintRule.ADD_COLUMN_VOLATILE_DEFAULT, table, column);
        }
        boolean hasDefault = false;
        boolean volatileDefault = false;
        boolean notNull = false;
        boolean inDefault = false;
        boolean identity = false;
        int depth = 0;
        while (!action.atEnd()) {
            DdlToken token = action.next();
            if (token.isSymbol('(')) {
                depth++;
            } else if (token.isSymbol(')')) {
                depth--;
            }
            if (depth == 0 && token.type() == DdlToken.Type.WORD && COLUMN_CONSTRAINT_WORDS.contains(token.text())) {
                inDefault = token.isWord("default");
                hasDefault |= inDefault;
                if (token.isWord("not") && action.peekWord("null")) {
                    notNull = true;
                }
                if (token.isWord("generated") || token.isWord("auto_increment")) {
                    identity = true;
                }
            } else if (inDefault && token.type() == DdlToken.Type.WORD && VOLATILE_FUNCTIONS.contains(token.text())
                    && action.peek() != null && action.peek().isSymbol('(')) {
                volatileDefault = true;
            }
        }
        if (volatileDefault) {
            out.add(LintRule.ADD_COLUMN_VOLATILE_DEFAULT, table, column);
        }
        if (notNull && !hasDefault && !identity) {
            out.add(LintRule.ADD_COLUMN_NOT_NULL_WITHOUT_DEFAULT, table, column);
        }
    }

    private void drop(TokenCursor action, Violations out) {
        if (action.peekWord("constraint") || action.peekWord("index") || action.peekWord("key")
                || action.peekWord("foreign") || action.peekWord("check") || action.peekWord("partition")) {
            return;
        }
        if (action.accept("primary")) {
            if (mysql) {
                out.add(LintRule.MYSQL_ALGORITHM_COPY, table, null);
            }
            return;
        }
        action.accept("column");
        action.accept("if", "exists");
        String column = action.name();
        if (column != null) {
            out.add(LintRule.DROP_COLUMN, table, column);
        }
    }

    private void alterColumn(TokenCursor action, Violations out) {
        action.accept("column");
        String column = action.name();
        if (column == null) {
            return;
        }
        if (action.accept("type") || action.accept("set", "data", "type")) {
            DdlToken type = action.next();
            boolean sizeGiven = action.peek() != null && action.peek().isSymbol('(');
            boolean keepsRows = type != null && !action.containsAhead("using")
                    && (type.isWord("text") || type.isWord("citext") || (type.isWord("varchar") && !sizeGiven)
                    || (type.isWord("character") && action.accept("varying") && !isOpenParenthesis(action.peek())));
            if (!keepsRows) {
                out.add(LintRule.CHANGE_COLUMN_TYPE, table, column);
            }
        } else if (action.accept("set", "not", "null")) {
            if (!session.notNullProven(table, column)) {
                out.add(LintRule.SET_NOT_NULL, table, column);
            }
        }
    }

    private static boolean isOpenParenthesis(DdlToken token) {
        return token != null && token.isSymbol('(');
    }

    private void rename(TokenCursor action, Violations out) {
        if (action.accept("to") || action.accept("as")) {
            String to = action.name();
            out.add(LintRule.RENAME_TABLE, table, null);
            session.tableRenamed(table, to);
            return;
        }
        if (action.peekWord("constraint") || action.peekWord("index") || action.peekWord("key")) {
            return;
        }
        action.accept("column");
        String column = action.name();
        if (column != null && action.accept("to")) {
            out.add(LintRule.RENAME_COLUMN, table, column);
        }
    }

    private static void skipEquals(TokenCursor action) {
        if (action.peek() != null && action.peek().isSymbol('=')) {
            action.next();
        }
    }
}
