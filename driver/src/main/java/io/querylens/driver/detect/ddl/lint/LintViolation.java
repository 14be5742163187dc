package io.querylens.driver.detect.ddl.lint;

import io.querylens.driver.finding.Severity;

import java.util.List;

/**
 * One rule broken by one statement. {@code suppressed} when the statement carries a matching
 * {@code querylens:allow} comment (it is still reported, marked, and never fails a build); {@code referencingShapes}
 * lists query shapes seen by this process that still use a dropped or renamed column or table (empty in the CLI),
 * which makes the violation critical.
 */
public record LintViolation(LintRule rule, Severity severity, String table, String column, boolean suppressed,
                            List<String> referencingShapes) {

    public String reason() {
        return rule.reason(table, column);
    }

    public String safeAlternative() {
        return rule.safeAlternative(table, column);
    }
}
