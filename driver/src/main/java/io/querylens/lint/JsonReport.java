package io.querylens.lint;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.querylens.driver.detect.ddl.lint.LintViolation;

import java.io.IOException;
import java.io.Writer;

/**
 * The findings as one JSON document: {@code {"findings":[{file, line, rule, severity, suppressed, table, column,
 * reason, safeAlternative, statement}], "unparsable":[{file, line, message}]}}.
 */
final class JsonReport {
    private JsonReport() {
    }

    static void write(LintReport report, Writer out) throws IOException {
        try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeArrayFieldStart("findings");
            for (LintReport.Located located : report.violations()) {
                LintViolation violation = located.violation();
                json.writeStartObject();
                json.writeStringField("file", located.file());
                json.writeNumberField("line", located.line());
                json.writeStringField("rule", violation.rule().ruleName());
                json.writeStringField("severity", violation.severity().wireName());
                json.writeBooleanField("suppressed", violation.suppressed());
                json.writeStringField("table", violation.table());
                json.writeStringField("column", violation.column());
                json.writeStringField("reason", violation.reason());
                json.writeStringField("safeAlternative", violation.safeAlternative());
                json.writeStringField("statement", located.statement());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("unparsable");
            for (LintReport.Unparsable unparsable : report.unparsable()) {
                json.writeStartObject();
                json.writeStringField("file", unparsable.file());
                json.writeNumberField("line", unparsable.line());
                json.writeStringField("message", unparsable.message());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }
}
