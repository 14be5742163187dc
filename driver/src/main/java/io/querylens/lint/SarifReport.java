package io.querylens.lint;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.querylens.driver.detect.ddl.lint.LintRule;
import io.querylens.driver.detect.ddl.lint.LintViolation;
import io.querylens.driver.finding.Severity;

import java.io.IOException;
import java.io.Writer;

/**
 * SARIF 2.1.0 (OASIS) for code-scanning annotations in CI: one run, every lint rule in {@code tool.driver.rules}
 * plus {@value #UNPARSABLE_RULE}, one result per finding with its file and line. Suppressed findings carry an
 * {@code inSource} suppression, which GitHub code scanning shows as dismissed.
 */
final class SarifReport {
    static final String UNPARSABLE_RULE = "unparsable";
    private static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    private SarifReport() {
    }

    static void write(LintReport report, Writer out) throws IOException {
        try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeStringField("$schema", SCHEMA);
            json.writeStringField("version", "2.1.0");
            json.writeArrayFieldStart("runs");
            json.writeStartObject();
            writeTool(json);
            json.writeArrayFieldStart("results");
            for (LintReport.Located located : report.violations()) {
                LintViolation violation = located.violation();
                json.writeStartObject();
                json.writeStringField("ruleId", violation.rule().ruleName());
                json.writeNumberField("ruleIndex", violation.rule().ordinal());
                json.writeStringField("level", level(violation.severity()));
                json.writeObjectFieldStart("message");
                json.writeStringField("text", violation.reason() + " Safe alternative: " + violation.safeAlternative());
                json.writeEndObject();
                writeLocation(json, located.file(), located.line());
                if (violation.suppressed()) {
                    json.writeArrayFieldStart("suppressions");
                    json.writeStartObject();
                    json.writeStringField("kind", "inSource");
                    json.writeStringField("justification", "querylens:allow " + violation.rule().ruleName());
                    json.writeEndObject();
                    json.writeEndArray();
                }
                json.writeEndObject();
            }
            for (LintReport.Unparsable unparsable : report.unparsable()) {
                json.writeStartObject();
                json.writeStringField("ruleId", UNPARSABLE_RULE);
                json.writeNumberField("ruleIndex", LintRule.values().length);
                json.writeStringField("level", "error");
                json.writeObjectFieldStart("message");
                json.writeStringField("text", "Cannot read this migration: " + unparsable.message());
                json.writeEndObject();
                writeLocation(json, unparsable.file(), unparsable.line());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private static void writeTool(JsonGenerator json) throws IOException {
        json.writeObjectFieldStart("tool");
        json.writeObjectFieldStart("driver");
        json.writeStringField("name", "QueryLens");
        json.writeStringField("informationUri", "https://github.com/querylens/querylens");
        json.writeArrayFieldStart("rules");
        for (LintRule rule : LintRule.values()) {
            writeRule(json, rule.ruleName(), rule.reason(null, null), rule.safeAlternative(null, null),
                    level(rule.severity()));
        }
        writeRule(json, UNPARSABLE_RULE, "The migration file cannot be read or split into statements.",
                "Fix the unterminated string, comment or dollar quote.", "error");
        json.writeEndArray();
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void writeRule(JsonGenerator json, String id, String description, String help, String level)
            throws IOException {
        json.writeStartObject();
        json.writeStringField("id", id);
        json.writeStringField("name", id);
        json.writeObjectFieldStart("shortDescription");
        json.writeStringField("text", description);
        json.writeEndObject();
        json.writeObjectFieldStart("help");
        json.writeStringField("text", help);
        json.writeEndObject();
        json.writeObjectFieldStart("defaultConfiguration");
        json.writeStringField("level", level);
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void writeLocation(JsonGenerator json, String file, int line) throws IOException {
        json.writeArrayFieldStart("locations");
        json.writeStartObject();
        json.writeObjectFieldStart("physicalLocation");
        json.writeObjectFieldStart("artifactLocation");
        json.writeStringField("uri", file);
        json.writeEndObject();
        json.writeObjectFieldStart("region");
        json.writeNumberField("startLine", line);
        json.writeEndObject();
        json.writeEndObject();
        json.writeEndObject();
        json.writeEndArray();
    }

    static String level(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }
}
