package io.querylens.junit;

import io.querylens.driver.finding.Finding;

import java.util.List;

/** The text of a failed QueryLens assertion: everything needed to find and fix the loop without a debugger. */
final class FailureMessages {
    private FailureMessages() {
    }

    static String nPlusOne(String where, List<Finding> findings) {
        StringBuilder message = new StringBuilder();
        message.append(findings.size() == 1 ? "N+1 query" : findings.size() + " N+1 queries")
                .append(" in ").append(where).append(':');
        for (Finding finding : findings) {
            message.append("\n  ").append(finding.sql())
                    .append("\n    ran ").append(finding.count()).append(" times with different parameters")
                    .append(" at ").append(finding.callSite())
                    .append("\n    after: ").append(finding.details().get("parentSql"));
            if (finding.table() != null) {
                message.append("\n    repeated lookup: ").append(finding.table()).append(finding.columns());
            }
            message.append("\n    fix: ").append(finding.suggestion())
                    .append("\n    fingerprint: ").append(finding.fingerprint());
        }
        return message.toString();
    }

    static String budget(String where, String kind, String relation, long expected, long actual) {
        return "Expected " + relation + expected + " " + kind + " in " + where + " but " + actual + " ran";
    }
}
