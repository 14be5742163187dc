package io.querylens.collector.bench;

import io.querylens.collector.ingest.QueueTailer;
import io.querylens.collector.merge.CollectorState;
import io.querylens.driver.sql.StatementKind;
import io.querylens.driver.stream.EventCodec;
import io.querylens.driver.stream.StreamEvent;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * Measures collector ingest (decode + merge of shape-interval events read from a Chronicle queue) and the producer's
 * cost per event (encode + append), single-threaded. A harness rather than JMH: the unit of work is a whole queue.
 * Run: {@code mvn -pl collector -am test-compile} then
 * {@code java <chronicle flags> -cp <test class path> io.querylens.collector.bench.IngestHarness [events] [shapes]}.
 */
public final class IngestHarness {
    public static void main(String[] args) throws Exception {
        System.setProperty("chronicle.analytics.disable", "true");
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        int shapes = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        Path directory = Files.createTempDirectory("querylens-ingest-harness");
        byte[][] encodedHistograms = new byte[16][];
        Random random = new Random(42);
        for (int i = 0; i < encodedHistograms.length; i++) {
            Histogram histogram = new Histogram(1, 3_600_000_000L, 2);
            for (int v = 0; v < 200; v++) {
                histogram.recordValue(100 + random.nextInt(50_000));
            }
            ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
            encodedHistograms[i] = Arrays.copyOf(buffer.array(), histogram.encodeIntoCompressedByteBuffer(buffer));
        }
        StreamEvent.Origin origin = new StreamEvent.Origin("bench", "host", 1, 1);
        long writeStart = System.nanoTime();
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(directory)
                .rollCycle(RollCycles.FAST_HOURLY).build(); ExcerptAppender appender = queue.createAppender()) {
            Bytes<byte[]> bytes = Bytes.allocateElasticOnHeap();
            for (int i = 0; i < shapes; i++) {
                bytes.clear();
                bytes.write(EventCodec.encode(new StreamEvent.ShapeSeen(origin, i, "ds", i, StatementKind.SELECT,
                        "select * from t" + i + " where id = ?")));
                appender.writeBytes(bytes);
            }
            for (int i = 0; i < events; i++) {
                bytes.clear();
                bytes.write(EventCodec.encode(new StreamEvent.ShapeInterval(origin, i, "ds", i % shapes, i, 0, 10,
                        encodedHistograms[i % encodedHistograms.length])));
                appender.writeBytes(bytes);
            }
        }
        double writeSeconds = (System.nanoTime() - writeStart) / 1e9;
        CollectorState state = new CollectorState();
        long readStart = System.nanoTime();
        long read = 0;
        try (QueueTailer tailer = new QueueTailer(directory, QueueTailer.NONE)) {
            byte[] event;
            while ((event = tailer.next()) != null) {
                state.apply(EventCodec.decode(event));
                read++;
            }
        }
        double readSeconds = (System.nanoTime() - readStart) / 1e9;
        System.out.printf("producer: %,d events in %.2f s = %,.0f events/s (%.1f µs/event, encode + append)%n",
                events + shapes, writeSeconds, (events + shapes) / writeSeconds, writeSeconds * 1e6 / (events + shapes));
        System.out.printf("collector ingest: %,d events, %,d shapes in %.2f s = %,.0f events/s on one thread%n",
                read, shapes, readSeconds, read / readSeconds);
        System.out.printf("merged executions: %,d%n", state.shapes().totals().values().stream()
                .mapToLong(t -> t.executions()).sum());
    }
}
