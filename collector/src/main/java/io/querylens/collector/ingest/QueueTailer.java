package io.querylens.collector.ingest;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads one queue with the named tailer {@value #TAILER_NAME}, whose position Chronicle keeps in the queue across
 * restarts. The collector's checkpoint is the source of truth, though: its merged totals and the index of the last
 * event they include are written together, so on start the tailer is moved to just after that index, and events
 * with an index at or below it are skipped. Indexes grow monotonically (cycle in the high bits), so the skip also
 * holds when retention deleted the checkpoint's cycle and the tailer had to start from the oldest remaining one.
 *
 * <p>Thread-confined to the ingest thread.
 */
public final class QueueTailer implements AutoCloseable {
    public static final String TAILER_NAME = "querylens-collector";
    /** No event yet. */
    public static final long NONE = -1;

    private final Path directory;
    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final Bytes<byte[]> buffer = Bytes.allocateElasticOnHeap(1024);
    private long lastIndex;

    public QueueTailer(Path directory, long resumeAfterIndex) throws IOException {
        this.directory = directory;
        Files.createDirectories(directory);
        // Same roll cycle as the writers' default (querylens.queue.rollCycle=hourly); an existing queue keeps its own.
        this.queue = SingleChronicleQueueBuilder.binary(directory).rollCycle(RollCycles.FAST_HOURLY).build();
        this.tailer = queue.createTailer(TAILER_NAME);
        this.lastIndex = resumeAfterIndex;
        if (resumeAfterIndex == NONE) {
            tailer.toStart();
        } else if (!tailer.moveToIndex(resumeAfterIndex)) {
            tailer.toStart();
        }
    }

    public Path directory() {
        return directory;
    }

    /** The index of the last event returned by {@link #next()} (or restored), {@link #NONE} before any. */
    public long lastIndex() {
        return lastIndex;
    }

    /** The next unread event's bytes, or null when the queue has nothing new. */
    public byte[] next() {
        while (true) {
            buffer.clear();
            if (!tailer.readBytes(buffer)) {
                return null;
            }
            long index = tailer.lastReadIndex();
            if (lastIndex != NONE && index <= lastIndex) {
                continue; // already merged before the checkpoint
            }
            lastIndex = index;
            return buffer.toByteArray();
        }
    }

    @Override
    public void close() {
        try {
            tailer.close();
        } finally {
            queue.close();
            buffer.releaseLast();
        }
    }
}
