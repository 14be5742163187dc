package io.querylens.driver.sink;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.querylens.driver.finding.Finding;
import io.querylens.driver.finding.FindingKind;
import io.querylens.driver.finding.Severity;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The findings file, version 1: a public contract read by the collector, the report and other people's tools.
 * One JSON object per line (UTF-8, {@code \n}-terminated), always with these fields in this order:
 * {@code kind} (wire name), {@code severity} (wire name), {@code fingerprint}, {@code sql}, {@code count},
 * {@code occurrences}, {@code table}, {@code columns} (array of strings), {@code callSite}, {@code suggestion},
 * {@code reason}, {@code firstSeen}, {@code lastSeen} (ISO-8601 instants in UTC as {@link Instant#toString()} writes
 * them: {@code 2026-11-25T10:15:30.123Z}, fractions in groups of three digits), {@code dataSource}, {@code details}
 * (an object of kind-specific values). Absent values are {@code null}. A problem is written again whenever its counts
 * grow, so readers keep the last line per (kind, fingerprint, callSite).
 *
 * <p>Compatibility: fields may be added at the end in later versions, never renamed or removed; readers ignore fields
 * they do not know. Golden files from each release live in {@code src/test/resources/findings/v*}.
 *
 * <p>Hand-written over Jackson's streaming API rather than data binding: the driver ships with jackson-core only,
 * and the field order is part of the contract.
 */
public final class FindingsFileFormat {
    public static final List<String> FIELD_NAMES = List.of("kind", "severity", "fingerprint", "sql", "count",
            "occurrences", "table", "columns", "callSite", "suggestion", "reason", "firstSeen", "lastSeen",
            "dataSource", "details");

    private static final JsonFactory JSON = new JsonFactory();

    private FindingsFileFormat() {
    }

    /** The finding as one complete line, newline included, ready for a single write. */
    public static byte[] toLine(Finding finding) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField("kind", finding.kind().wireName());
            json.writeStringField("severity", finding.severity().wireName());
            json.writeStringField("fingerprint", finding.fingerprint());
            json.writeStringField("sql", finding.sql());
            json.writeNumberField("count", finding.count());
            json.writeNumberField("occurrences", finding.occurrences());
            json.writeStringField("table", finding.table());
            json.writeArrayFieldStart("columns");
            for (String column : finding.columns()) {
                json.writeString(column);
            }
            json.writeEndArray();
            json.writeStringField("callSite", finding.callSite());
            json.writeStringField("suggestion", finding.suggestion());
            json.writeStringField("reason", finding.reason());
            json.writeStringField("firstSeen", finding.firstSeen().toString());
            json.writeStringField("lastSeen", finding.lastSeen().toString());
            json.writeStringField("dataSource", finding.dataSource());
            json.writeFieldName("details");
            writeValue(json, finding.details());
            json.writeEndObject();
        }
        out.write('\n');
        return out.toByteArray();
    }

    /**
     * Parses one line. Numbers in {@code details} come back as {@code Long} (or {@code BigInteger}) and {@code Double}
     * (or {@code BigDecimal}), objects as ordered maps, arrays as lists.
     *
     * @throws IOException when the line is not a complete finding object (for instance cut short by a crash)
     */
    public static Finding fromLine(String line) throws IOException {
        try (JsonParser json = JSON.createParser(line)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            Fields fields = new Fields();
            JsonToken token;
            while ((token = json.nextToken()) == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                json.nextToken();
                readField(json, name, fields);
            }
            if (token != JsonToken.END_OBJECT) {
                throw new IOException("incomplete JSON object");
            }
            return fields.toFinding();
        }
    }

    private static void readField(JsonParser json, String name, Fields fields) throws IOException {
        switch (name) {
            case "kind" -> fields.kind = json.getValueAsString();
            case "severity" -> fields.severity = json.getValueAsString();
            case "fingerprint" -> fields.fingerprint = json.getValueAsString();
            case "sql" -> fields.sql = json.getValueAsString();
            case "count" -> fields.count = json.getValueAsLong(1);
            case "occurrences" -> fields.occurrences = json.getValueAsLong(1);
            case "table" -> fields.table = json.getValueAsString();
            case "columns" -> fields.columns = readStrings(json);
            case "callSite" -> fields.callSite = json.getValueAsString();
            case "suggestion" -> fields.suggestion = json.getValueAsString();
            case "reason" -> fields.reason = json.getValueAsString();
            case "firstSeen" -> fields.firstSeen = readInstant(json);
            case "lastSeen" -> fields.lastSeen = readInstant(json);
            case "dataSource" -> fields.dataSource = json.getValueAsString();
            case "details" -> fields.details = readValue(json);
            default -> json.skipChildren(); // a field from a later version
        }
    }

    private static List<String> readStrings(JsonParser json) throws IOException {
        if (json.currentToken() != JsonToken.START_ARRAY) {
            json.skipChildren();
            return List.of();
        }
        List<String> values = new ArrayList<>();
        while (json.nextToken() != JsonToken.END_ARRAY) {
            if (json.currentToken() == null) {
                throw new IOException("incomplete array");
            }
            String value = json.getValueAsString();
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }

    private static Instant readInstant(JsonParser json) throws IOException {
        String text = json.getValueAsString();
        return text == null ? null : Instant.parse(text);
    }

    private static Object readValue(JsonParser json) throws IOException {
        JsonToken token = json.currentToken();
        if (token == null) {
            throw new IOException("incomplete value");
        }
        switch (token) {
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                while (json.nextToken() == JsonToken.FIELD_NAME) {
                    String name = json.currentName();
                    json.nextToken();
                    map.put(name, readValue(json));
                }
                if (json.currentToken() != JsonToken.END_OBJECT) {
                    throw new IOException("incomplete object");
                }
                return map;
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                while (json.nextToken() != JsonToken.END_ARRAY) {
                    list.add(readValue(json));
                }
                return list;
            }
            case VALUE_STRING:
                return json.getText();
            case VALUE_NUMBER_INT:
                return json.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? json.getBigIntegerValue() : (Object) json.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return json.getNumberType() == JsonParser.NumberType.BIG_DECIMAL
                        ? json.getDecimalValue() : (Object) json.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IOException("unexpected " + token);
        }
    }

    private static void writeValue(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof String s) {
            json.writeString(s);
        } else if (value instanceof Boolean b) {
            json.writeBoolean(b);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte) {
            json.writeNumber(((Number) value).longValue());
        } else if (value instanceof BigInteger big) {
            json.writeNumber(big);
        } else if (value instanceof BigDecimal decimal) {
            json.writeNumber(decimal);
        } else if (value instanceof Number number) {
            json.writeNumber(number.doubleValue());
        } else if (value instanceof Map<?, ?> map) {
            json.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                json.writeFieldName(String.valueOf(e.getKey()));
                writeValue(json, e.getValue());
            }
            json.writeEndObject();
        } else if (value instanceof Iterable<?> items) {
            json.writeStartArray();
            for (Object item : items) {
                writeValue(json, item);
            }
            json.writeEndArray();
        } else if (value instanceof Object[] items) {
            json.writeStartArray();
            for (Object item : items) {
                writeValue(json, item);
            }
            json.writeEndArray();
        } else {
            // Finding.Builder#detail documents the allowed types; anything else is written as its text, not dropped.
            json.writeString(value.toString());
        }
    }

    /** Values read so far from one line. */
    private static final class Fields {
        String kind;
        String severity;
        String fingerprint;
        String sql;
        long count = 1;
        long occurrences = 1;
        String table;
        List<String> columns;
        String callSite;
        String suggestion;
        String reason;
        Instant firstSeen;
        Instant lastSeen;
        String dataSource;
        Object details;

        Finding toFinding() throws IOException {
            FindingKind findingKind = kind == null ? null : FindingKind.fromWireName(kind);
            if (findingKind == null) {
                throw new IOException("unknown kind " + kind);
            }
            Severity findingSeverity;
            try {
                findingSeverity = Severity.fromWireName(severity);
            } catch (RuntimeException e) {
                throw new IOException("unknown severity " + severity, e);
            }
            Finding.Builder b = Finding.builder(findingKind, findingSeverity)
                    .fingerprint(fingerprint).sql(sql).count(count).occurrences(occurrences).table(table)
                    .columns(columns).callSite(callSite).suggestion(suggestion).reason(reason)
                    .firstSeen(firstSeen).lastSeen(lastSeen).dataSource(dataSource);
            if (details instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    b.detail(String.valueOf(e.getKey()), e.getValue());
                }
            }
            return b.build();
        }
    }
}
