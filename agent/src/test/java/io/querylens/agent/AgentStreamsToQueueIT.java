package io.querylens.agent;

import io.querylens.agent.apps.DriverManagerApp;
import io.querylens.driver.stream.EventCodec;
import io.querylens.driver.stream.StreamEvent;
import io.querylens.testkit.TestDatabase;
import io.querylens.testkit.TestDatabases;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent carries its own (relocated) Chronicle Queue: an application with a plain {@code jdbc:postgresql:} URL,
 * no Chronicle and no QueryLens on its class path and no {@code --add-opens} flags streams its executions to
 * {@code querylens.queue.dir}, and this JVM reads them back with the collector's format (plain Chronicle and
 * {@link EventCodec}), so the two copies of Chronicle agree on the files.
 */
class AgentStreamsToQueueIT {
    static {
        System.setProperty("chronicle.analytics.disable", "true");
    }

    @TempDir
    Path queue;

    @ParameterizedTest
    @ValueSource(strings = {"17", "25"})
    void anApplicationWithoutChronicleStreamsItsExecutionsThroughTheAgentsCopy(String javaVersion) throws Exception {
        TestDatabase postgres = TestDatabases.postgres();
        String table = "agent_stream_" + javaVersion;
        ChildJvm.Result result = ChildJvm.on(javaVersion.equals("25") ? ChildJvm.JAVA_25 : ChildJvm.JAVA_17)
                .withAgent("queue.dir=" + queue + ",flushSeconds=1,app=agent-stream")
                .withLibraries("postgresql-")
                .run(DriverManagerApp.class, postgres.jdbcUrl(), postgres.user(), postgres.password(), table,
                        "org.postgresql.PGConnection");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stderr()).as("no warning that streaming is off").doesNotContain("cannot stream");

        List<StreamEvent> events = readAll(queue);

        assertThat(events).as("events in " + queue + "\n" + result).isNotEmpty();
        assertThat(events).allSatisfy(event -> assertThat(event.origin().app()).isEqualTo("agent-stream"));
        assertThat(executionsOf(events, "select name from " + table + " where id = ?"))
                .isEqualTo(result.executions("agent", "select name from " + table));
        assertThat(executionsOf(events, "select name from " + table + " where id = ?")).isEqualTo(7);
    }

    /**
     * The other way to stream: the application carries querylens-driver and Chronicle itself and uses the URL prefix,
     * but starts with neither the JVM flags Chronicle needs nor the agent. Streaming cannot work; that is one warning
     * naming the flags, and detection and in-process statistics go on with the application's results unchanged.
     * Issue 8.
     */
    @ParameterizedTest
    @ValueSource(strings = {"17", "25"})
    void withoutTheFlagsOrTheAgentStreamingIsOneWarningAndDetectionGoesOn(String javaVersion) throws Exception {
        TestDatabase postgres = TestDatabases.postgres();
        String table = "no_flags_" + javaVersion;
        ChildJvm.Result result = ChildJvm.on(javaVersion.equals("25") ? ChildJvm.JAVA_25 : ChildJvm.JAVA_17)
                .withSystemProperty("querylens.queue.dir", queue.toString())
                .withLibraries("postgresql-", "querylens-driver", "HdrHistogram-", "jackson-core-", "jsqlparser-",
                        "chronicle-queue-", "slf4j-api-", "slf4j-simple-")
                .withLibraries(AgentInChildJvmIT.CHRONICLE_BESIDE_THE_QUEUE)
                .run(DriverManagerApp.class, postgres.querylensUrl(), postgres.user(), postgres.password(), table,
                        "org.postgresql.PGConnection");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.line("ROWS")).isEqualTo("b,c,a,b,c,a,b");
        assertThat(result.executions("application", "select")).as(result.toString()).isEqualTo(7);
        assertThat(result.findings()).as(result.toString())
                .anySatisfy(line -> assertThat(line).contains("\"kind\":\"ddl_outside_migration\"", table));
        // Besides the findings it logs (the application has SLF4J), QueryLens says one thing: why it cannot stream.
        assertThat(result.stderr().lines()
                .filter(line -> line.contains("QueryLens") && !line.contains("io.querylens.findings")))
                .as(result.toString())
                .singleElement().asString()
                .contains("cannot stream events to " + queue)
                .contains("--add-exports=java.base/sun.nio.ch=ALL-UNNAMED")
                .contains("or the QueryLens agent");
    }

    private static List<StreamEvent> readAll(Path directory) throws Exception {
        List<StreamEvent> events = new ArrayList<>();
        try (SingleChronicleQueue chronicle = SingleChronicleQueueBuilder.binary(directory).readOnly(true).build();
             ExcerptTailer tailer = chronicle.createTailer()) {
            Bytes<byte[]> buffer = Bytes.allocateElasticOnHeap(1024);
            try {
                while (true) {
                    buffer.clear();
                    if (!tailer.readBytes(buffer)) {
                        break;
                    }
                    events.add(EventCodec.decode(buffer.toByteArray()));
                }
            } finally {
                buffer.releaseLast();
            }
        }
        return events;
    }

    private static long executionsOf(List<StreamEvent> events, String sql) throws Exception {
        Map<Long, String> texts = new HashMap<>();
        for (StreamEvent event : events) {
            if (event instanceof StreamEvent.ShapeSeen seen) {
                texts.put(seen.shapeId(), seen.text());
            }
        }
        long executions = 0;
        for (StreamEvent event : events) {
            if (event instanceof StreamEvent.ShapeInterval interval && sql.equals(texts.get(interval.shapeId()))) {
                executions += Histogram.decodeFromCompressedByteBuffer(
                        ByteBuffer.wrap(interval.compressedHistogram()), 0).getTotalCount();
            }
        }
        return executions;
    }
}
