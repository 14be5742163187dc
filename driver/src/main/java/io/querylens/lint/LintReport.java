package io.querylens.lint;

import io.querylens.driver.detect.ddl.lint.LintViolation;
import io.querylens.driver.finding.Severity;

import java.util.List;

/** What linting a set of migration files found: violations with their place, and files that could not be read. */
record LintReport(List<Located> violations, List<Unparsable> unparsable) {

    /** A violation in {@code file} (as given to the report, forward slashes) at the statement's first line. */
    record Located(String file, int line, String statement, LintViolation violation) {
    }

    /** A file (or a statement in it) the linter could not read. */
    record Unparsable(String file, int line, String message) {
    }

    /** True when an unsuppressed violation at or above {@code threshold} remains, or a file was unreadable. */
    boolean fails(Severity threshold) {
        if (threshold == null) {
            return false;
        }
        if (!unparsable.isEmpty()) {
            return true;
        }
        return violations.stream().anyMatch(v -> !v.violation().suppressed()
                && v.violation().severity().compareTo(threshold) >= 0);
    }
}
