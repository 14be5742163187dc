package io.querylens.collector.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.querylens.collector.merge.CollectorState;
import io.querylens.collector.merge.ShapeKey;
import io.querylens.collector.merge.ShapeText;
import io.querylens.collector.merge.ShapeTotals;
import io.querylens.driver.finding.Finding;
import io.querylens.driver.sink.FindingsFileFormat;
import io.querylens.driver.sql.StatementKind;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;

/**
 * The collector's merged state and, in the same file, the index of the last event each queue contributed to it.
 * Written as JSON to a temporary file, forced to disk, then atomically renamed over the previous checkpoint: a crash
 * (kill -9 included) leaves either the old or the new checkpoint, never a mix, so after a restart every event after
 * the recorded index is applied exactly once.
 *
 * <p>Called by the ingest thread only. Format version 1: {@code version}, {@code positions} (queue folder → last
 * index), {@code events} (type → count), {@code processes} (key → last seen), {@code shapes} (app, dataSource,
 * shapeId, errors, rows, lastSeen, histogram as base64 HdrHistogram compressed encoding), {@code texts},
 * {@code applicationDdl} (shape id → last seen), {@code findings} (process, findings-file line).
 */
public final class Checkpoint {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;

    public Checkpoint(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public void write(CollectorState state, Map<String, Long> positions) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 1);
        ObjectNode positionNode = root.putObject("positions");
        positions.forEach(positionNode::put);
        ObjectNode events = root.putObject("events");
        state.eventsByType().forEach(events::put);
        ObjectNode processes = root.putObject("processes");
        state.processesLastSeen().forEach(processes::put);
        ArrayNode shapes = root.putArray("shapes");
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        for (Map.Entry<ShapeKey, ShapeTotals> e : state.shapes().totals().entrySet()) {
            Histogram histogram = e.getValue().latencyMicros();
            if (buffer.capacity() < histogram.getNeededByteBufferCapacity()) {
                buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
            }
            buffer.clear();
            int length = histogram.encodeIntoCompressedByteBuffer(buffer);
            ObjectNode shape = shapes.addObject();
            shape.put("app", e.getKey().app());
            shape.put("dataSource", e.getKey().dataSource());
            shape.put("shapeId", e.getKey().shapeId());
            shape.put("errors", e.getValue().errors());
            shape.put("rows", e.getValue().rows());
            shape.put("lastSeen", e.getValue().lastSeenEpochMillis());
            shape.put("histogram", Base64.getEncoder().encodeToString(
                    java.util.Arrays.copyOf(buffer.array(), length)));
        }
        ArrayNode texts = root.putArray("texts");
        for (ShapeText text : state.shapes().texts().values()) {
            texts.addObject().put("shapeId", text.shapeId()).put("kind", text.kind().name()).put("text", text.text());
        }
        ObjectNode ddl = root.putObject("applicationDdl");
        state.shapes().applicationDdl().forEach((id, millis) -> ddl.put(Long.toString(id), millis));
        ArrayNode findings = root.putArray("findings");
        for (Map.Entry<String, List<Finding>> e : state.findings().byProcess().entrySet()) {
            for (Finding finding : e.getValue()) {
                byte[] line = FindingsFileFormat.toLine(finding);
                findings.addObject().put("process", e.getKey())
                        .put("line", new String(line, 0, line.length - 1, StandardCharsets.UTF_8));
            }
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        byte[] bytes = JSON.writeValueAsBytes(root);
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(bytes));
            channel.force(true);
        }
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException unsupported) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Restores {@code state} and returns the positions; empty when there is no checkpoint yet. */
    public Map<String, Long> restore(CollectorState state) throws IOException {
        if (!Files.exists(file)) {
            return Map.of();
        }
        JsonNode root = JSON.readTree(file.toFile());
        Map<String, Long> positions = new LinkedHashMap<>();
        root.path("positions").fields().forEachRemaining(e -> positions.put(e.getKey(), e.getValue().asLong()));
        Map<String, Long> events = new LinkedHashMap<>();
        root.path("events").fields().forEachRemaining(e -> events.put(e.getKey(), e.getValue().asLong()));
        Map<String, Long> processes = new LinkedHashMap<>();
        root.path("processes").fields().forEachRemaining(e -> processes.put(e.getKey(), e.getValue().asLong()));
        state.restoreCounters(events, processes);

        Map<ShapeKey, Histogram> histograms = new HashMap<>();
        Map<ShapeKey, long[]> extras = new HashMap<>();
        for (JsonNode shape : root.path("shapes")) {
            ShapeKey key = new ShapeKey(shape.path("app").asText(), shape.path("dataSource").asText(),
                    shape.path("shapeId").asLong());
            try {
                histograms.put(key, Histogram.decodeFromCompressedByteBuffer(
                        ByteBuffer.wrap(Base64.getDecoder().decode(shape.path("histogram").asText())), 0));
            } catch (DataFormatException corrupt) {
                throw new IOException("checkpoint " + file + " has a corrupt histogram for " + key, corrupt);
            }
            extras.put(key, new long[] {shape.path("errors").asLong(), shape.path("rows").asLong(),
                    shape.path("lastSeen").asLong()});
        }
        Map<Long, ShapeText> texts = new HashMap<>();
        for (JsonNode text : root.path("texts")) {
            long id = text.path("shapeId").asLong();
            texts.put(id, new ShapeText(id, StatementKind.valueOf(text.path("kind").asText()),
                    text.path("text").asText()));
        }
        Map<Long, Long> ddl = new HashMap<>();
        root.path("applicationDdl").fields().forEachRemaining(
                e -> ddl.put(Long.parseLong(e.getKey()), e.getValue().asLong()));
        state.shapes().restore(histograms, extras, texts, ddl);
        state.findings().clear();
        for (JsonNode finding : root.path("findings")) {
            state.findings().put(finding.path("process").asText(),
                    FindingsFileFormat.fromLine(finding.path("line").asText()));
        }
        return positions;
    }
}
