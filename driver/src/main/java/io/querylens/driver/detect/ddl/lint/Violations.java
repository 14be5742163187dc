package io.querylens.driver.detect.ddl.lint;

import io.querylens.driver.finding.Severity;
import io.querylens.driver.sql.Dialect;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Collects the violations of one statement, applying dialect, disabled rules, suppressions and references. */
final class Violations {
    private static final String ALLOW_ALL = "unsafe_migration";

    private final Dialect dialect;
    private final Set<LintRule> disabled;
    private final Set<String> allowedNames;
    private final ReferencingShapes references;
    private final List<LintViolation> found = new ArrayList<>();

    Violations(Dialect dialect, Set<LintRule> disabled, Set<String> allowedNames, ReferencingShapes references) {
        this.dialect = dialect;
        this.disabled = disabled;
        this.allowedNames = allowedNames;
        this.references = references;
    }

    Dialect dialect() {
        return dialect;
    }

    void add(LintRule rule, String table, String column) {
        if (!rule.appliesTo(dialect) || disabled.contains(rule)) {
            return;
        }
        boolean suppressed = allowedNames.contains(rule.ruleName()) || allowedNames.contains(ALLOW_ALL);
        List<String> referencing = List.of();
        if (rule == LintRule.DROP_COLUMN || rule == LintRule.RENAME_COLUMN
                || rule == LintRule.DROP_TABLE || rule == LintRule.RENAME_TABLE) {
            referencing = references.referencing(table, column);
        }
        Severity severity = referencing.isEmpty() ? rule.severity() : Severity.CRITICAL;
        found.add(new LintViolation(rule, severity, table, column, suppressed, referencing));
    }

    List<LintViolation> list() {
        return found;
    }
}
