package io.querylens.driver.stream;

import io.querylens.driver.sql.StatementKind;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The stream's wire format. The golden files under {@code src/test/resources/stream/v1/} were written by version 1 of
 * {@link EventCodec} and are never regenerated: every later version must still read them (HdrHistogram's habit with
 * its {@code .hlog} fixtures). To add a golden file for a new event type, run with
 * {@code -Dquerylens.writeMissingGoldenFiles=true}; existing files are never overwritten.
 */
class EventCodecTest {
    private static final Path GOLDEN = Path.of("src/test/resources/stream/v1");
    private static final StreamEvent.Origin ORIGIN =
            new StreamEvent.Origin("orders", "web-1", 4242, 1_764_000_000_000L);

    static Map<String, StreamEvent> goldenEvents() {
        Histogram latencies = new Histogram(1, 3_600_000_000L, 2);
        latencies.recordValue(150);
        latencies.recordValue(150);
        latencies.recordValue(9_000);
        ByteBuffer buffer = ByteBuffer.allocate(latencies.getNeededByteBufferCapacity());
        int length = latencies.encodeIntoCompressedByteBuffer(buffer);
        Map<String, StreamEvent> events = new LinkedHashMap<>();
        events.put("process-started.bin", new StreamEvent.ProcessStarted(ORIGIN, 1_764_000_001_000L, "0.1.0"));
        events.put("shape-seen.bin", new StreamEvent.ShapeSeen(ORIGIN, 1_764_000_002_000L,
                "jdbc:postgresql://db:5432/orders", 0x1234_5678_9abc_def0L, StatementKind.SELECT,
                "select * from orders where customer_id = ?"));
        events.put("shape-interval.bin", new StreamEvent.ShapeInterval(ORIGIN, 1_764_000_010_000L,
                "jdbc:postgresql://db:5432/orders", 0x1234_5678_9abc_def0L, 1_764_000_000_000L, 1, 30,
                Arrays.copyOf(buffer.array(), length)));
        events.put("finding.bin", new StreamEvent.FindingReported(ORIGIN, 1_764_000_011_000L,
                "{\"kind\":\"n_plus_one\",\"severity\":\"warning\",\"fingerprint\":\"123456789abcdef0\"}"));
        events.put("ddl-executed.bin", new StreamEvent.DdlExecuted(ORIGIN, 1_764_000_012_000L,
                "jdbc:postgresql://db:5432/orders", 42L, "alter table orders add column note text"));
        return events;
    }

    @Test
    void everyVersionOneGoldenFileStillDecodesToTheEventItWasWrittenFrom() throws IOException {
        boolean writeMissing = Boolean.getBoolean("querylens.writeMissingGoldenFiles");
        for (Map.Entry<String, StreamEvent> golden : goldenEvents().entrySet()) {
            Path file = GOLDEN.resolve(golden.getKey());
            if (writeMissing && !Files.exists(file)) {
                Files.write(file, EventCodec.encode(golden.getValue()));
            }
            assertThat(file).as("golden file %s", file).exists();
            StreamEvent decoded = EventCodec.decode(Files.readAllBytes(file));
            assertSameEvent(decoded, golden.getValue());
        }
    }

    @Test
    void histogramInAnIntervalEventDecodesToTheSameCounts() throws Exception {
        StreamEvent.ShapeInterval interval = (StreamEvent.ShapeInterval) EventCodec.decode(
                Files.readAllBytes(GOLDEN.resolve("shape-interval.bin")));
        Histogram histogram = Histogram.decodeFromCompressedByteBuffer(
                ByteBuffer.wrap(interval.compressedHistogram()), 0);
        assertThat(histogram.getTotalCount()).isEqualTo(3);
        assertThat(histogram.getValueAtPercentile(50)).isBetween(149L, 151L);
        assertThat(histogram.getMaxValue()).isBetween(8_900L, 9_100L);
    }

    @Test
    void aLaterVersionsAppendedFieldsAreIgnored() throws IOException {
        byte[] v1 = EventCodec.encode(goldenEvents().get("shape-seen.bin"));
        byte[] v2 = Arrays.copyOf(v1, v1.length + 8);
        v2[0] = 2;
        assertSameEvent(EventCodec.decode(v2), goldenEvents().get("shape-seen.bin"));
    }

    @Test
    void anUnknownEventTypeDecodesToNullSoReadersSkipIt() throws IOException {
        byte[] bytes = EventCodec.encode(goldenEvents().get("process-started.bin"));
        bytes[1] = 99;
        assertThat(EventCodec.decode(bytes)).isNull();
    }

    @Test
    void aTruncatedEventIsAnIOException() {
        byte[] bytes = EventCodec.encode(goldenEvents().get("shape-seen.bin"));
        assertThatThrownBy(() -> EventCodec.decode(Arrays.copyOf(bytes, bytes.length - 5)))
                .isInstanceOf(IOException.class);
    }

    @Test
    void veryLongShapeTextIsCutToTheLimit() throws IOException {
        String longText = "select " + "x, ".repeat(10_000) + "y from t";
        StreamEvent.ShapeSeen seen = (StreamEvent.ShapeSeen) EventCodec.decode(EventCodec.encode(
                new StreamEvent.ShapeSeen(ORIGIN, 1, "ds", 1, StatementKind.SELECT, longText)));
        assertThat(seen.text()).hasSize(EventCodec.MAX_TEXT_CHARS).isEqualTo(longText.substring(0, EventCodec.MAX_TEXT_CHARS));
    }

    static void assertSameEvent(StreamEvent actual, StreamEvent expected) {
        if (expected instanceof StreamEvent.ShapeInterval interval) {
            assertThat(actual).usingRecursiveComparison().ignoringFields("compressedHistogram").isEqualTo(interval);
            assertThat(((StreamEvent.ShapeInterval) actual).compressedHistogram())
                    .isEqualTo(interval.compressedHistogram());
        } else {
            assertThat(actual).isEqualTo(expected);
        }
    }
}
