package io.querylens.driver.stream;

import io.querylens.driver.config.ConfigKey;
import io.querylens.driver.config.QueryLensConfig;
import io.querylens.driver.finding.Deduplicator;
import io.querylens.driver.finding.Finding;
import io.querylens.driver.finding.FindingKind;
import io.querylens.driver.finding.Severity;
import io.querylens.driver.internal.Faults;
import io.querylens.driver.recording.ConnectionContext;
import io.querylens.driver.recording.Execution;
import io.querylens.driver.recording.ShapeRegistry;
import io.querylens.driver.recording.ShapeStats;
import io.querylens.driver.sink.RecordingLog;
import io.querylens.driver.sql.Dialect;
import io.querylens.driver.sql.QueryShape;
import io.querylens.driver.sql.StatementKind;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class EventStreamTest {
    private static final StreamEvent.Origin ORIGIN = new StreamEvent.Origin("app", "host", 1, 2);
    private final QueryLensConfig config = QueryLensConfig.builder().set(ConfigKey.FLUSH_SECONDS, 1).build();
    private final ShapeRegistry shapes = new ShapeRegistry(100);
    private final ConnectionContext connection =
            new ConnectionContext("jdbc:postgresql://db/orders", Dialect.POSTGRESQL, 1, null);

    @Test
    void shippedIntervalsAddUpToEveryRecordedExecution() throws Exception {
        MemoryQueue queue = new MemoryQueue();
        Deduplicator findings = Deduplicator.builder(new Faults()).drainInBackground(false).closeAtShutdown(false)
                .build();
        EventStream stream = new EventStream(config, new Faults(), shapes, findings, () -> queue, ORIGIN);
        QueryShape select = new QueryShape(7, "select * from t where id = ?", StatementKind.SELECT, null);
        ShapeStats stats = shapes.statsFor(select);
        stream.onNewShape(select, connection);
        Execution thisThread = new Execution();
        for (int i = 0; i < 1_000; i++) {
            stats.record(50_000, i % 100 == 0, 2, thisThread);
        }
        Thread.sleep(1_200); // at least one flush in between, so the total spans several intervals
        for (int i = 0; i < 500; i++) {
            stats.record(80_000, false, 0, thisThread);
        }
        stream.close();

        long executions = 0;
        long errors = 0;
        long rows = 0;
        int shapeSeen = 0;
        for (StreamEvent event : queue.events()) {
            if (event instanceof StreamEvent.ShapeInterval interval) {
                assertThat(interval.shapeId()).isEqualTo(7);
                assertThat(interval.dataSource()).isEqualTo("jdbc:postgresql://db/orders");
                executions += Histogram.decodeFromCompressedByteBuffer(
                        ByteBuffer.wrap(interval.compressedHistogram()), 0).getTotalCount();
                errors += interval.errors();
                rows += interval.rows();
            } else if (event instanceof StreamEvent.ShapeSeen seen) {
                shapeSeen++;
                assertThat(seen.text()).isEqualTo("select * from t where id = ?");
            }
        }
        assertThat(executions).isEqualTo(1_500);
        assertThat(errors).isEqualTo(10);
        assertThat(rows).isEqualTo(2_000);
        assertThat(shapeSeen).as("shape text is shipped once").isEqualTo(1);
        assertThat(queue.events().get(0)).isInstanceOf(StreamEvent.ProcessStarted.class);
    }

    @Test
    void everyExecutedDdlStatementIsStreamed() throws Exception {
        MemoryQueue queue = new MemoryQueue();
        EventStream stream = new EventStream(config, new Faults(), shapes, null, () -> queue, ORIGIN);
        QueryShape ddl = new QueryShape(9, "alter table t add column c int", StatementKind.DDL, null);
        QueryShape select = new QueryShape(10, "select 1", StatementKind.SELECT, null);
        Execution execution = new Execution();
        execution.fill(ddl, shapes.statsFor(ddl), connection, 0, 10, 0, 0, null);
        stream.onExecution(execution);
        execution.fill(select, shapes.statsFor(select), connection, 0, 10, 0, 0, null);
        stream.onExecution(execution);
        stream.close();
        List<StreamEvent.DdlExecuted> ddls = queue.events().stream()
                .filter(StreamEvent.DdlExecuted.class::isInstance).map(StreamEvent.DdlExecuted.class::cast).toList();
        assertThat(ddls).singleElement().satisfies(d -> {
            assertThat(d.shapeId()).isEqualTo(9);
            assertThat(d.text()).isEqualTo("alter table t add column c int");
            assertThat(d.dataSource()).isEqualTo("jdbc:postgresql://db/orders");
        });
    }

    @Test
    void findingsAreStreamedOnceAndAgainWhenTheyGrow() throws Exception {
        MemoryQueue queue = new MemoryQueue();
        Deduplicator findings = Deduplicator.builder(new Faults()).drainInBackground(false).closeAtShutdown(false)
                .build();
        Finding finding = Finding.builder(FindingKind.N_PLUS_ONE, Severity.WARNING).fingerprint("00000000000000aa")
                .sql("select * from t where id = ?").count(12).build();
        findings.report(finding);
        findings.flush();
        EventStream stream = new EventStream(config, new Faults(), shapes, findings, () -> queue, ORIGIN);
        Thread.sleep(1_300);
        findings.report(finding);
        findings.flush();
        stream.close();
        List<String> shipped = queue.events().stream().filter(StreamEvent.FindingReported.class::isInstance)
                .map(e -> ((StreamEvent.FindingReported) e).findingJson()).toList();
        assertThat(shipped).hasSize(2);
        assertThat(shipped.get(0)).contains("\"kind\":\"n_plus_one\"", "\"occurrences\":1");
        assertThat(shipped.get(1)).contains("\"occurrences\":2");
    }

    @Test
    void anUnusableQueueIsReportedOnceAndNothingReachesTheCaller() throws Exception {
        RecordingLog log = new RecordingLog();
        Faults faults = new Faults(log);
        EventStream stream = new EventStream(config, faults, shapes, null, () -> {
            throw new IllegalAccessError("member is private: sun.nio.ch.FileChannelImpl.map0");
        }, ORIGIN);
        QueryShape ddl = new QueryShape(9, "drop table t", StatementKind.DDL, null);
        Execution execution = new Execution();
        execution.fill(ddl, shapes.statsFor(ddl), connection, 0, 10, 0, 0, null);
        stream.onExecution(execution);
        stream.close();
        assertThat(log.warningsAndErrors()).singleElement().asString()
                .contains("cannot stream events", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED");
    }

    @Test
    void aQueueThatFailsWhileWritingWarnsOnceKeepsTheIntervalsAndResumesWhenWritableAgain() throws Exception {
        RecordingLog log = new RecordingLog();
        Faults faults = new Faults(log);
        MemoryQueue queue = new MemoryQueue();
        java.util.concurrent.atomic.AtomicBoolean full = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger opens = new java.util.concurrent.atomic.AtomicInteger();
        EventQueue disk = new EventQueue() {
            @Override
            public void append(byte[] event) {
                if (full.get()) {
                    throw new IllegalStateException(new IOException("No space left on device"));
                }
                queue.append(event);
            }

            @Override
            public void close() {
            }
        };
        EventStream stream = new EventStream(config, faults, shapes, null, () -> {
            opens.incrementAndGet();
            return disk;
        }, ORIGIN);
        QueryShape select = new QueryShape(7, "select * from t where id = ?", StatementKind.SELECT, null);
        ShapeStats stats = shapes.statsFor(select);
        stream.onNewShape(select, connection);
        Execution thisThread = new Execution();
        for (int i = 0; i < 300; i++) {
            stats.record(50_000, false, 0, thisThread);
        }
        full.set(true);
        for (int i = 0; i < 700; i++) {
            stats.record(50_000, false, 0, thisThread);
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> stream.writeFailures() >= 2);
        full.set(false);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> executions(queue) == 1_000);
        stream.close();

        assertThat(executions(queue)).isEqualTo(1_000);
        assertThat(opens.get()).as("reopened after each failure").isGreaterThanOrEqualTo(3);
        assertThat(log.warningsAndErrors()).singleElement().asString()
                .contains("cannot write events", "No space left on device", "logged once");
        assertThat(queue.events()).filteredOn(StreamEvent.ShapeSeen.class::isInstance).hasSize(1);
        assertThat(queue.events()).filteredOn(StreamEvent.ProcessStarted.class::isInstance).hasSize(1);
    }

    private static long executions(MemoryQueue queue) throws Exception {
        long executions = 0;
        for (StreamEvent event : queue.events()) {
            if (event instanceof StreamEvent.ShapeInterval interval) {
                executions += Histogram.decodeFromCompressedByteBuffer(
                        ByteBuffer.wrap(interval.compressedHistogram()), 0).getTotalCount();
            }
        }
        return executions;
    }

    static final class MemoryQueue implements EventQueue {
        private final List<byte[]> appended = new CopyOnWriteArrayList<>();

        @Override
        public void append(byte[] event) {
            appended.add(event);
        }

        @Override
        public void close() {
        }

        List<StreamEvent> events() throws IOException {
            List<StreamEvent> events = new ArrayList<>();
            for (byte[] bytes : appended) {
                events.add(EventCodec.decode(bytes));
            }
            return events;
        }
    }
}
