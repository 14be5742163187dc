package io.querylens.driver.stream;

import io.querylens.driver.sql.StatementKind;

/**
 * What a driver or agent tells the collector, one event per queue excerpt. Every event names the process that wrote
 * it ({@link Origin}) and when; {@link EventCodec} defines the bytes.
 */
public sealed interface StreamEvent {

    Origin origin();

    long epochMillis();

    /**
     * The writing process: {@code app} from {@code querylens.app}, the host name, the pid and the process start time
     * (pids are reused; the pair is unique on a host).
     */
    record Origin(String app, String host, long pid, long processStartMillis) {
        /** A stable text key for this process, e.g. {@code orders@web-1:4242:1764000000000}. */
        public String key() {
            return app + '@' + host + ':' + pid + ':' + processStartMillis;
        }
    }

    /** Written once when the stream opens: lets the collector list the processes it has heard from. */
    record ProcessStarted(Origin origin, long epochMillis, String queryLensVersion) implements StreamEvent {
    }

    /** The first time this process ships a shape: its normalised text (never bind values) and kind. */
    record ShapeSeen(Origin origin, long epochMillis, String dataSource, long shapeId, StatementKind kind,
                     String text) implements StreamEvent {
    }

    /**
     * What one shape did in one interval of this process: executions (the histogram's count), errors and rows in the
     * interval, and the latency histogram in microseconds as HdrHistogram's compressed encoding.
     */
    record ShapeInterval(Origin origin, long epochMillis, String dataSource, long shapeId, long intervalStartMillis,
                         long errors, long rows, byte[] compressedHistogram) implements StreamEvent {
    }

    /** A finding as the findings file writes it ({@link io.querylens.driver.sink.FindingsFileFormat}, one line). */
    record FindingReported(Origin origin, long epochMillis, String findingJson) implements StreamEvent {
    }

    /**
     * A DDL statement this process executed, inside a migration or not: the collector compares these with the DDL the
     * database itself saw, to catch changes made behind every application's back.
     */
    record DdlExecuted(Origin origin, long epochMillis, String dataSource, long shapeId, String text)
            implements StreamEvent {
    }
}
