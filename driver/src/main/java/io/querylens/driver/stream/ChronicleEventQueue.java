package io.querylens.driver.stream;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The only class of the driver that touches Chronicle Queue, which is an optional dependency: {@link EventStream}
 * checks that Chronicle is on the class path before loading this class, and catches whatever opening it throws
 * (missing JVM flags surface here as {@link IllegalAccessError}, {@code InaccessibleObjectException} or an
 * {@link ExceptionInInitializerError}).
 *
 * <p>Thread-confined: opened, appended to and closed by the {@code querylens-stream} thread (Chronicle appenders
 * belong to one thread). Several processes may append to the same queue directory.
 */
final class ChronicleEventQueue implements EventQueue {
    /**
     * Below this much free space nothing is written. Chronicle writes through memory-mapped files, and on a full
     * disk such a write does not fail at once: the kernel raises SIGBUS, the JVM skips the store and throws an
     * {@link InternalError} a little later, by which time an excerpt with missing bytes may have been completed (we
     * measured one corrupt interval per fill on a tmpfs). Stopping early keeps every event whole; 8 MB is far more
     * than one flush of 10,000 shapes needs.
     */
    static final long MIN_FREE_BYTES = 8L << 20;

    private final Path directory;
    private final SingleChronicleQueue queue;
    private final ExcerptAppender appender;
    private final Bytes<byte[]> buffer = Bytes.allocateElasticOnHeap(512);
    private final CycleRetention retention;

    private ChronicleEventQueue(Path directory, SingleChronicleQueue queue, CycleRetention retention) {
        this.directory = directory;
        this.queue = queue;
        this.appender = queue.createAppender();
        this.retention = retention;
    }

    static ChronicleEventQueue open(Path directory, String rollCycle, int retainCycles) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        requireSpace(directory);
        SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(directory)
                .rollCycle(rollCycleNamed(rollCycle))
                .build();
        try {
            return new ChronicleEventQueue(directory, queue, new CycleRetention(directory, retainCycles));
        } catch (RuntimeException | Error failed) {
            queue.close();
            throw failed;
        }
    }

    /** The roll cycle for a {@code querylens.queue.rollCycle} value; the collector uses the same mapping. */
    static RollCycle rollCycleNamed(String name) {
        switch (name) {
            case "five_minutely":
                return RollCycles.FIVE_MINUTELY;
            case "daily":
                return RollCycles.FAST_DAILY;
            default:
                return RollCycles.FAST_HOURLY;
        }
    }

    @Override
    public void append(byte[] event) {
        buffer.clear();
        buffer.write(event);
        appender.writeBytes(buffer);
    }

    @Override
    public void requireSpace() {
        requireSpace(directory);
    }

    private static void requireSpace(Path directory) {
        long usable;
        try {
            usable = Files.getFileStore(directory).getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (usable < MIN_FREE_BYTES) {
            throw new UncheckedIOException(new IOException("No space left on device: " + usable / 1024
                    + " KB free on the queue's disk, QueryLens writes only with at least " + (MIN_FREE_BYTES >> 20)
                    + " MB free"));
        }
    }

    @Override
    public void enforceRetention() {
        try {
            if (retention.deleteOldCycles() > 0) {
                queue.refreshDirectoryListing();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            appender.close();
        } finally {
            queue.close();
            buffer.releaseLast();
        }
    }
}
