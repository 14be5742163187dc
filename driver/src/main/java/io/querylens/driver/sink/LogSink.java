package io.querylens.driver.sink;

import io.querylens.driver.finding.Finding;
import io.querylens.driver.finding.Severity;
import io.querylens.driver.internal.Log;

import java.util.Objects;

/**
 * Writes one readable line per emitted finding to QueryLens's log ({@code io.querylens.findings}): info findings at
 * INFO, the rest at WARN.
 */
public final class LogSink implements FindingSink {
    /** A log line is for reading: longer statement shapes are cut here (the findings file keeps them whole). */
    static final int MAX_SQL_CHARS = 500;

    private final Log log;

    public LogSink() {
        this(Log.forName("io.querylens.findings"));
    }

    public LogSink(Log log) {
        this.log = Objects.requireNonNull(log, "log");
    }

    @Override
    public void accept(Finding finding) {
        String line = format(finding);
        if (finding.severity() == Severity.INFO) {
            log.info(line);
        } else {
            log.warn(line);
        }
    }

    /**
     * {@code QueryLens n_plus_one [warning] count=12 occurrences=3 table=orders sql="select … where id = ?"
     * at com.example.Orders.load(Orders.java:42) suggestion: load the orders in one query with a join}
     */
    static String format(Finding finding) {
        StringBuilder line = new StringBuilder(160)
                .append("QueryLens ").append(finding.kind().wireName())
                .append(" [").append(finding.severity().wireName()).append(']')
                .append(" count=").append(finding.count())
                .append(" occurrences=").append(finding.occurrences());
        if (finding.table() != null) {
            line.append(" table=").append(finding.table());
        }
        if (finding.sql() != null) {
            line.append(" sql=\"");
            appendShortened(line, finding.sql());
            line.append('"');
        }
        if (finding.callSite() != null) {
            line.append(" at ").append(finding.callSite());
        }
        if (finding.suggestion() != null) {
            line.append(" suggestion: ").append(finding.suggestion());
        }
        return line.toString();
    }

    private static void appendShortened(StringBuilder line, String sql) {
        // Fingerprinted shapes are already one line, but a finding may carry raw DDL text: keep the log line one line.
        int end = Math.min(sql.length(), MAX_SQL_CHARS);
        for (int i = 0; i < end; i++) {
            char c = sql.charAt(i);
            line.append(c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
        }
        if (sql.length() > MAX_SQL_CHARS) {
            line.append('…');
        }
    }
}
