package io.querylens.examples.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.querylens.driver.finding.Finding;
import io.querylens.driver.sink.FindingsFileFormat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report as JSON Lines: {@code findings.jsonl} in the findings-file format (version 1, readable with
 * {@code FindingsFileReader} and by anything that reads an application's findings file), and {@code queries.jsonl},
 * one object per query shape with its percentiles and histogram buckets.
 */
public final class JsonLinesReport {
    public static final String FINDINGS_FILE = "findings.jsonl";
    public static final String QUERIES_FILE = "queries.jsonl";

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonLinesReport() {
    }

    public static void write(DemoReport report, Path directory) throws IOException {
        try (OutputStream out = Files.newOutputStream(directory.resolve(FINDINGS_FILE))) {
            for (Finding finding : report.findings()) {
                out.write(FindingsFileFormat.toLine(finding));
            }
        }
        try (OutputStream out = Files.newOutputStream(directory.resolve(QUERIES_FILE))) {
            for (ShapeLatency shape : report.shapes()) {
                out.write(JSON.writeValueAsBytes(asObject(shape)));
                out.write('\n');
            }
        }
    }

    private static Map<String, Object> asObject(ShapeLatency shape) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("shape", shape.fingerprint());
        object.put("sql", shape.sql());
        object.put("executions", shape.executions());
        object.put("p50Millis", shape.p50Millis());
        object.put("p95Millis", shape.p95Millis());
        object.put("p99Millis", shape.p99Millis());
        object.put("maxMillis", shape.maxMillis());
        List<Map<String, Object>> buckets = shape.buckets().stream().map(bucket -> {
            Map<String, Object> b = new LinkedHashMap<>();
            // JSON has no infinity: the last, unbounded bucket is written with a null bound.
            b.put("upperBoundSeconds", Double.isInfinite(bucket.upperBoundSeconds()) ? null
                    : bucket.upperBoundSeconds());
            b.put("executions", bucket.executions());
            return b;
        }).toList();
        object.put("buckets", buckets);
        return object;
    }
}
