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
    private final SingleChronicleQueue queue;
    private final ExcerptAppender appender;
    private final Bytes<byte[]> buffer = Bytes.allocateElasticOnHeap(512);
    private final CycleRetention retention;

    private ChronicleEventQueue(SingleChronicleQueue queue, CycleRetention retention) {
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
        SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(directory)
                .rollCycle(rollCycleNamed(rollCycle))
                .build();
        try {
            return new ChronicleEventQueue(queue, new CycleRetention(directory, retainCycles));
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
