package io.querylens.driver.stream;

/**
 * Where encoded events go. One implementation writes a Chronicle Queue ({@link ChronicleEventQueue}); tests may
 * collect in memory. Called by the stream's own thread only.
 */
interface EventQueue extends AutoCloseable {

    /** Appends one encoded event. May throw when the disk is full or the queue broke: the caller stops streaming. */
    void append(byte[] event);

    /**
     * Throws when the queue's disk has too little room to write safely; called before every write step. Default: no
     * check (in-memory queues).
     */
    default void requireSpace() {
    }

    /** Deletes what the retention allows; called after each flush. */
    default void enforceRetention() {
    }

    @Override
    void close();
}
