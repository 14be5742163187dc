package io.querylens.driver.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.querylens.driver.finding.Finding;
import io.querylens.driver.finding.FindingKind;
import io.querylens.driver.finding.Severity;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The v1 findings files under {@code src/test/resources/findings/v1} were written by hand as the contract: every later
 * version must still read them, and the v1 writer must produce exactly their field names in their order.
 */
class FindingsFileV1GoldenTest {
    private final ObjectMapper json = new ObjectMapper();

    private static Path golden(String name) throws Exception {
        return Path.of(FindingsFileV1GoldenTest.class.getResource("/findings/v1/" + name).toURI());
    }

    @Test
    void readerKeepsTheLastLinePerProblem() throws Exception {
        FindingsFileReader.Contents contents = FindingsFileReader.readContents(golden("n-plus-one.jsonl"));

        assertThat(contents.unreadableLines()).isZero();
        assertThat(contents.findings()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKind.N_PLUS_ONE);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.fingerprint()).isEqualTo("9f1c2a7e4b3d5f60");
            assertThat(f.count()).isEqualTo(40);
            assertThat(f.occurrences()).isEqualTo(7);
            assertThat(f.columns()).containsExactly("customer_id");
            assertThat(f.callSite()).isEqualTo("com.example.shop.OrderService.ordersFor(OrderService.java:42)");
            assertThat(f.firstSeen()).isEqualTo(Instant.parse("2026-11-25T10:15:30.123Z"));
            assertThat(f.lastSeen()).isEqualTo(Instant.parse("2026-11-25T10:21:02Z"));
            assertThat(f.dataSource()).isEqualTo("shopDb");
            assertThat(f.details()).containsEntry("threshold", 10L)
                    .containsEntry("parentFingerprint", "1a2b3c4d5e6f7081");
        });
    }

    @Test
    void readerReadsEveryKindOfValue() throws Exception {
        List<Finding> findings = FindingsFileReader.read(golden("several-kinds.jsonl"));

        assertThat(findings).extracting(Finding::kind).containsExactly(FindingKind.UNINDEXED_PREDICATE,
                FindingKind.DDL_OUTSIDE_MIGRATION, FindingKind.REPEATED_QUERY);
        Finding unindexed = findings.get(0);
        assertThat(unindexed.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(unindexed.columns()).containsExactly("email", "status");
        assertThat(unindexed.details()).containsEntry("plan",
                Map.of("node", "Seq Scan", "estimatedRows", 120000L, "totalCost", 2150.5))
                .containsEntry("indexable", true);
        Finding ddl = findings.get(1);
        assertThat(ddl.dataSource()).isNull();
        assertThat(ddl.details()).containsEntry("migrationToolsSeen", List.of("flyway"));
        Finding repeated = findings.get(2);
        assertThat(repeated.callSite()).isNull();
        assertThat(repeated.table()).isNull();
        assertThat(repeated.reason()).endsWith("— «cache it»");
        assertThat(repeated.details()).isEmpty();
    }

    @Test
    void truncatedLastLineIsSkippedAndCounted() throws Exception {
        FindingsFileReader.Contents contents = FindingsFileReader.readContents(golden("truncated-last-line.jsonl"));

        assertThat(contents.unreadableLines()).isEqualTo(1);
        assertThat(contents.findings()).singleElement().extracting(Finding::count).isEqualTo(6L);
    }

    @Test
    void writerProducesTheV1FieldsInTheV1Order() throws Exception {
        Finding finding = Finding.builder(FindingKind.N_PLUS_ONE, Severity.WARNING)
                .fingerprint("9f1c2a7e4b3d5f60")
                .sql("select o.id, o.total from orders o where o.customer_id = ?")
                .count(40).occurrences(7).table("orders").columns(List.of("customer_id"))
                .callSite("com.example.shop.OrderService.ordersFor(OrderService.java:42)")
                .suggestion("Load the orders of all customers in one query: join, or where customer_id in (...)")
                .reason("40 executions of one statement shape in one transaction from one call site")
                .firstSeen(Instant.parse("2026-11-25T10:15:30.123Z")).lastSeen(Instant.parse("2026-11-25T10:21:02Z"))
                .dataSource("shopDb")
                .detail("parentFingerprint", "1a2b3c4d5e6f7081")
                .detail("parentSql", "select c.id from customers c where c.region = ?")
                .detail("threshold", 10)
                .build();
        String goldenLine = Files.readAllLines(golden("n-plus-one.jsonl")).get(1);

        String written = new String(FindingsFileFormat.toLine(finding), StandardCharsets.UTF_8);

        assertThat(written).endsWith("\n").doesNotContain("\r");
        assertThat(fieldNames(json.readTree(written))).containsExactlyElementsOf(FindingsFileFormat.FIELD_NAMES)
                .containsExactlyElementsOf(fieldNames(json.readTree(goldenLine)));
        assertThat(json.readTree(written)).isEqualTo(json.readTree(goldenLine));
    }

    @Test
    void everyGoldenLineIsWrittenBackWithTheSameFieldsOrderAndValues() throws Exception {
        for (String file : List.of("n-plus-one.jsonl", "several-kinds.jsonl")) {
            for (String line : Files.readAllLines(golden(file), StandardCharsets.UTF_8)) {
                String written = new String(FindingsFileFormat.toLine(FindingsFileFormat.fromLine(line)),
                        StandardCharsets.UTF_8);
                JsonNode expected = json.readTree(line);
                assertThat(fieldNames(json.readTree(written))).as(line).containsExactlyElementsOf(fieldNames(expected));
                assertThat(json.readTree(written)).as(line).isEqualTo(expected);
            }
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
