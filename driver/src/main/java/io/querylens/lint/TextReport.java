package io.querylens.lint;

import java.io.PrintWriter;

/** One line per finding, compiler style ({@code file:line: severity rule: reason}), then the safe alternative. */
final class TextReport {
    private TextReport() {
    }

    static void write(LintReport report, PrintWriter out) {
        for (LintReport.Located located : report.violations()) {
            var violation = located.violation();
            out.println(located.file() + ":" + located.line() + ": " + violation.severity().wireName() + " "
                    + violation.rule().ruleName() + (violation.suppressed() ? " (suppressed)" : "") + ": "
                    + violation.reason());
            out.println("    safe alternative: " + violation.safeAlternative());
        }
        for (LintReport.Unparsable unparsable : report.unparsable()) {
            out.println(unparsable.file() + ":" + unparsable.line() + ": error unparsable: " + unparsable.message());
        }
        long suppressed = report.violations().stream().filter(v -> v.violation().suppressed()).count();
        out.println(report.violations().size() + " finding(s), " + suppressed + " suppressed, "
                + report.unparsable().size() + " unparsable");
        out.flush();
    }
}
