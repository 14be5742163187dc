package io.querylens.driver.sink;

import io.querylens.driver.finding.Finding;
import io.querylens.driver.internal.Faults;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Appends each finding it receives to a JSON Lines file in {@link FindingsFileFormat} (v1). Never rewrites or
 * truncates the file: readers keep the last line per problem.
 *
 * <p>Several processes may append to one file. The channel is opened with {@code APPEND} (O_APPEND), and each line
 * goes out as one {@code write} of one buffer: on local POSIX file systems the kernel positions and writes an O_APPEND
 * write as a unit, so lines of other processes land before or after it, never inside (network file systems such as
 * NFS do not promise this).
 *
 * <p>An unusable file (unwritable path, full disk) is warned about once through {@link Faults}; the findings that
 * could not be written are kept (the latest per problem, at most {@value #MAX_UNWRITTEN}) and written when a later
 * finding or {@link #close()} finds the file usable again. Nothing is thrown to the caller.
 *
 * <p>Thread-safe (synchronized); in QueryLens only the findings thread calls it.
 */
public final class JsonLinesSink implements FindingSink {
    static final int MAX_UNWRITTEN = 10_000;

    private final Path file;
    private final Faults faults;
    private final String warningKey;
    /** Serialised lines not yet written, by finding key, oldest first. */
    private final Map<String, byte[]> unwritten = new LinkedHashMap<>();
    private FileChannel channel;
    /** A write failed part-way: the file ends inside a line, which the next write must terminate first. */
    private boolean endsInsideLine;
    private long droppedUnwritten;

    public JsonLinesSink(Path file, Faults faults) {
        this.file = Objects.requireNonNull(file, "file");
        this.faults = Objects.requireNonNull(faults, "faults");
        this.warningKey = "findings.file|" + file.toAbsolutePath();
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void accept(Finding finding) {
        byte[] line;
        try {
            line = FindingsFileFormat.toLine(finding);
        } catch (Throwable t) {
            faults.report("findings file", t);
            return;
        }
        // Re-inserting moves the problem to the end: lines stay in the order the updates happened.
        unwritten.remove(finding.key());
        unwritten.put(finding.key(), line);
        if (unwritten.size() > MAX_UNWRITTEN) {
            Iterator<byte[]> oldest = unwritten.values().iterator();
            oldest.next();
            oldest.remove();
            droppedUnwritten++;
        }
        writeUnwritten();
    }

    /** Findings kept because the file could not be written; 0 while the file works. */
    public synchronized int unwrittenCount() {
        return unwritten.size();
    }

    /** Unwritten findings dropped because more than {@value #MAX_UNWRITTEN} problems were waiting. */
    public synchronized long droppedUnwritten() {
        return droppedUnwritten;
    }

    @Override
    public synchronized void close() {
        writeUnwritten();
        closeChannel();
    }

    private void writeUnwritten() {
        Iterator<byte[]> lines = unwritten.values().iterator();
        while (lines.hasNext()) {
            if (!write(lines.next())) {
                return;
            }
            lines.remove();
        }
    }

    private boolean write(byte[] line) {
        try {
            if (channel == null) {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND);
            }
            ByteBuffer buffer = endsInsideLine ? terminatedFirst(line) : ByteBuffer.wrap(line);
            try {
                channel.write(buffer);
                // A regular file takes the whole buffer unless the disk is full; the rest follows as best it can.
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            } finally {
                if (!buffer.hasRemaining()) {
                    endsInsideLine = false;
                } else if (buffer.position() > 0) {
                    endsInsideLine = true;
                }
            }
            return true;
        } catch (Throwable t) {
            closeChannel();
            faults.warnOnce(warningKey, "QueryLens cannot write findings to " + file.toAbsolutePath() + " (" + t
                    + "); the application is not affected, findings stay in memory and are written when the file "
                    + "works again");
            return false;
        }
    }

    /** Ends the torn line left by a failed write, so that only it is lost and not the line written after it. */
    private static ByteBuffer terminatedFirst(byte[] line) {
        ByteBuffer buffer = ByteBuffer.allocate(line.length + 1);
        buffer.put((byte) '\n').put(line).flip();
        return buffer;
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Nothing left to do with a channel that cannot even close.
            }
            channel = null;
        }
    }

    @Override
    public String toString() {
        return "JsonLinesSink[" + file + "]";
    }
}
