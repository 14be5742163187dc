package io.querylens.driver.sink;

import io.querylens.driver.finding.Finding;
import io.querylens.driver.finding.FindingKind;
import io.querylens.driver.finding.Severity;
import io.querylens.driver.internal.Faults;

import java.nio.file.Path;
import java.time.Instant;

/**
 * Run in a child JVM by {@link JsonLinesSinkConcurrentProcessesTest}: appends {@code count} distinct findings to
 * {@code file}, each with a long statement so that torn lines would show. Arguments: file, process name, count.
 */
public final class AppendFindingsMain {
    /** Long enough that two processes' writes would interleave if a line were not written at once. */
    static final String PADDING = "x".repeat(1_500);

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        String process = args[1];
        int count = Integer.parseInt(args[2]);
        Faults faults = new Faults();
        JsonLinesSink sink = new JsonLinesSink(file, faults);
        for (int i = 0; i < count; i++) {
            sink.accept(Finding.builder(FindingKind.N_PLUS_ONE, Severity.WARNING)
                    .fingerprint(process + "-" + i)
                    .sql("select " + PADDING + " from t where id = ?")
                    .count(i).callSite(process + ".run(Main.java:" + i + ")")
                    .firstSeen(Instant.parse("2026-11-25T10:00:00Z")).build());
        }
        sink.close();
        if (faults.total() > 0 || sink.unwrittenCount() > 0) {
            System.exit(2);
        }
    }
}
