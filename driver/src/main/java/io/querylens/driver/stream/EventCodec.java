package io.querylens.driver.stream;

import io.querylens.driver.sql.StatementKind;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The event stream's wire format, version 1: one event per queue excerpt, as a byte blob we encode ourselves (not
 * Chronicle's self-describing wire) so that the format is ours to document, test with golden files
 * ({@code driver/src/test/resources/stream/v1/}) and read without Chronicle.
 *
 * <p>All integers big-endian; a string is an int byte length followed by that many UTF-8 bytes, length -1 for null.
 * <pre>
 * byte   format version (1)
 * byte   event type: 1 process started, 2 shape seen, 3 shape interval, 4 finding, 5 DDL executed
 * long   event time, epoch milliseconds
 * string app; string host; long pid; long process start, epoch milliseconds
 * then, by type:
 *   1: string QueryLens version
 *   2: string data source; long shape id; string statement kind (StatementKind name); string shape text
 *   3: string data source; long shape id; long interval start, epoch millis; long errors; long rows;
 *      int length, bytes: HdrHistogram compressed encoding of the interval's latencies in microseconds
 *   4: string finding as one findings-file JSON line (without the newline)
 *   5: string data source; long shape id; string shape text
 * </pre>
 * Compatibility: a later version may append fields to a type (readers ignore trailing bytes) or add types (readers
 * skip types they do not know, {@link #decode} returns null); it never changes or removes a field. An event whose
 * version byte is higher than a reader knows is still read by its version-1 prefix.
 */
public final class EventCodec {
    public static final byte VERSION = 1;
    static final byte PROCESS_STARTED = 1;
    static final byte SHAPE_SEEN = 2;
    static final byte SHAPE_INTERVAL = 3;
    static final byte FINDING = 4;
    static final byte DDL_EXECUTED = 5;

    /** Longer shape texts are cut: one excerpt stays small, and the collector shows texts, it does not run them. */
    public static final int MAX_TEXT_CHARS = 16_384;

    private EventCodec() {
    }

    public static byte[] encode(StreamEvent event) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeByte(typeOf(event));
            out.writeLong(event.epochMillis());
            StreamEvent.Origin origin = event.origin();
            writeString(out, origin.app());
            writeString(out, origin.host());
            out.writeLong(origin.pid());
            out.writeLong(origin.processStartMillis());
            if (event instanceof StreamEvent.ProcessStarted started) {
                writeString(out, started.queryLensVersion());
            } else if (event instanceof StreamEvent.ShapeSeen seen) {
                writeString(out, seen.dataSource());
                out.writeLong(seen.shapeId());
                writeString(out, seen.kind().name());
                writeString(out, cut(seen.text()));
            } else if (event instanceof StreamEvent.ShapeInterval interval) {
                writeString(out, interval.dataSource());
                out.writeLong(interval.shapeId());
                out.writeLong(interval.intervalStartMillis());
                out.writeLong(interval.errors());
                out.writeLong(interval.rows());
                out.writeInt(interval.compressedHistogram().length);
                out.write(interval.compressedHistogram());
            } else if (event instanceof StreamEvent.FindingReported finding) {
                writeString(out, finding.findingJson());
            } else if (event instanceof StreamEvent.DdlExecuted ddl) {
                writeString(out, ddl.dataSource());
                out.writeLong(ddl.shapeId());
                writeString(out, cut(ddl.text()));
            }
        } catch (IOException impossible) {
            throw new IllegalStateException("writing to memory failed", impossible);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads one event; null for an event type this version does not know (a newer writer's), which readers skip.
     *
     * @throws IOException when the bytes are cut short or are not an event
     */
    public static StreamEvent decode(byte[] bytes) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version < 1) {
                throw new IOException("not a QueryLens event (version byte " + version + ")");
            }
            byte type = in.readByte();
            long epochMillis = in.readLong();
            StreamEvent.Origin origin = new StreamEvent.Origin(readString(in), readString(in), in.readLong(),
                    in.readLong());
            switch (type) {
                case PROCESS_STARTED:
                    return new StreamEvent.ProcessStarted(origin, epochMillis, readString(in));
                case SHAPE_SEEN:
                    return new StreamEvent.ShapeSeen(origin, epochMillis, readString(in), in.readLong(),
                            kindOf(readString(in)), readString(in));
                case SHAPE_INTERVAL: {
                    String dataSource = readString(in);
                    long shapeId = in.readLong();
                    long start = in.readLong();
                    long errors = in.readLong();
                    long rows = in.readLong();
                    byte[] histogram = new byte[in.readInt()];
                    in.readFully(histogram);
                    return new StreamEvent.ShapeInterval(origin, epochMillis, dataSource, shapeId, start, errors,
                            rows, histogram);
                }
                case FINDING:
                    return new StreamEvent.FindingReported(origin, epochMillis, readString(in));
                case DDL_EXECUTED:
                    return new StreamEvent.DdlExecuted(origin, epochMillis, readString(in), in.readLong(),
                            readString(in));
                default:
                    return null;
            }
        } catch (EOFException cut) {
            throw new IOException("event cut short", cut);
        }
    }

    private static byte typeOf(StreamEvent event) {
        if (event instanceof StreamEvent.ProcessStarted) {
            return PROCESS_STARTED;
        } else if (event instanceof StreamEvent.ShapeSeen) {
            return SHAPE_SEEN;
        } else if (event instanceof StreamEvent.ShapeInterval) {
            return SHAPE_INTERVAL;
        } else if (event instanceof StreamEvent.FindingReported) {
            return FINDING;
        }
        return DDL_EXECUTED;
    }

    private static StatementKind kindOf(String name) {
        try {
            return StatementKind.valueOf(name);
        } catch (RuntimeException unknown) {
            return StatementKind.OTHER; // a kind added by a newer writer
        }
    }

    private static String cut(String text) {
        return text != null && text.length() > MAX_TEXT_CHARS ? text.substring(0, MAX_TEXT_CHARS) : text;
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        if (length > in.available()) {
            throw new EOFException("string of " + length + " bytes");
        }
        byte[] utf8 = new byte[length];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
