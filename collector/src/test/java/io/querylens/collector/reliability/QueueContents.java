package io.querylens.collector.reliability;

import io.querylens.driver.stream.EventCodec;
import io.querylens.driver.stream.StreamEvent;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** Reads a whole queue in the test's JVM, independently of the collector: what the applications really wrote. */
record QueueContents(long executions, Map<String, Long> eventsByType, long unreadable, String indexes) {

    static QueueContents read(Path directory) {
        long executions = 0;
        long unreadable = 0;
        String indexes;
        Map<String, Long> byType = new TreeMap<>();
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(directory).readOnly(true)
                .rollCycle(RollCycles.FAST_HOURLY).build()) {
            ExcerptTailer tailer = queue.createTailer();
            Bytes<byte[]> buffer = Bytes.allocateElasticOnHeap(512);
            long last = -1;
            StringBuilder regressions = new StringBuilder();
            while (true) {
                buffer.clear();
                if (!tailer.readBytes(buffer)) {
                    break;
                }
                long index = tailer.lastReadIndex();
                if (index <= last) {
                    regressions.append(Long.toHexString(last)).append("->").append(Long.toHexString(index)).append(' ');
                }
                last = index;
                try {
                    StreamEvent event = EventCodec.decode(buffer.toByteArray());
                    byType.merge(event.getClass().getSimpleName(), 1L, Long::sum);
                    if (event instanceof StreamEvent.ShapeInterval interval) {
                        executions += Histogram.decodeFromCompressedByteBuffer(
                                ByteBuffer.wrap(interval.compressedHistogram()), 0).getTotalCount();
                    }
                } catch (Exception broken) {
                    unreadable++;
                }
            }
            buffer.releaseLast();
            indexes = regressions.toString();
        }
        return new QueueContents(executions, byType, unreadable, indexes);
    }
}
