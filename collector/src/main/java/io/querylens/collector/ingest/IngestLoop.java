package io.querylens.collector.ingest;

import io.querylens.collector.merge.CollectorState;
import io.querylens.collector.merge.InternalErrors;
import io.querylens.driver.stream.EventCodec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The collector's one ingest thread, {@value #THREAD_NAME}: restores the checkpoint, then tails every queue, applies
 * each event to the {@link CollectorState} and writes a checkpoint every {@code checkpointMillis} (and at stop).
 * Applying and checkpointing on one thread is what keeps the checkpoint's totals and positions consistent.
 */
public final class IngestLoop implements AutoCloseable {
    public static final String THREAD_NAME = "querylens-collector-ingest";
    private static final Logger LOG = Logger.getLogger(IngestLoop.class.getName());
    private static final int BATCH = 1_000;
    private static final long IDLE_SLEEP_MILLIS = 50;

    private final List<Path> queues;
    private final CollectorState state;
    private final Checkpoint checkpoint;
    private final long checkpointMillis;
    private final Thread thread;
    private volatile boolean stopped;
    private volatile boolean caughtUp;

    public IngestLoop(List<Path> queues, CollectorState state, Checkpoint checkpoint, long checkpointMillis) {
        this.queues = List.copyOf(queues);
        this.state = state;
        this.checkpoint = checkpoint;
        this.checkpointMillis = checkpointMillis;
        this.thread = new Thread(this::run, THREAD_NAME);
    }

    public void start() {
        thread.start();
    }

    /** True once every queue was read to its end at least once since start. */
    public boolean caughtUp() {
        return caughtUp;
    }

    private void run() {
        List<QueueTailer> tailers = new ArrayList<>();
        try {
            Map<String, Long> positions = checkpoint.restore(state);
            for (Path queue : queues) {
                String name = queue.toAbsolutePath().normalize().toString();
                tailers.add(new QueueTailer(queue, positions.getOrDefault(name, QueueTailer.NONE)));
            }
            long nextCheckpoint = System.currentTimeMillis() + checkpointMillis;
            while (!stopped) {
                boolean read = false;
                for (QueueTailer tailer : tailers) {
                    read |= drain(tailer);
                }
                if (!read) {
                    caughtUp = true;
                }
                if (System.currentTimeMillis() >= nextCheckpoint) {
                    writeCheckpoint(tailers);
                    nextCheckpoint = System.currentTimeMillis() + checkpointMillis;
                }
                if (!read) {
                    TimeUnit.MILLISECONDS.sleep(IDLE_SLEEP_MILLIS);
                }
            }
        } catch (InterruptedException stopping) {
            // close() interrupts a sleeping loop.
        } catch (Throwable failed) {
            state.internalErrors().count(InternalErrors.INGEST);
            LOG.log(Level.SEVERE, "QueryLens collector: ingest stopped", failed);
        } finally {
            if (!tailers.isEmpty()) {
                writeCheckpoint(tailers);
            }
            tailers.forEach(QueueTailer::close);
        }
    }

    private boolean drain(QueueTailer tailer) {
        boolean read = false;
        for (int i = 0; i < BATCH; i++) {
            byte[] bytes = tailer.next();
            if (bytes == null) {
                break;
            }
            read = true;
            try {
                state.apply(EventCodec.decode(bytes));
            } catch (IOException unreadable) {
                state.countUnreadable();
            }
        }
        return read;
    }

    private void writeCheckpoint(List<QueueTailer> tailers) {
        Map<String, Long> positions = new LinkedHashMap<>();
        for (QueueTailer tailer : tailers) {
            positions.put(tailer.directory().toAbsolutePath().normalize().toString(), tailer.lastIndex());
        }
        try {
            checkpoint.write(state, positions);
        } catch (IOException failed) {
            state.internalErrors().count(InternalErrors.CHECKPOINT);
            LOG.log(Level.WARNING, "QueryLens collector: cannot write checkpoint " + checkpoint.file(), failed);
        }
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
