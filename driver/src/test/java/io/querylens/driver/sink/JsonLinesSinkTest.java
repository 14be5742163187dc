package io.querylens.driver.sink;

import io.querylens.driver.finding.Finding;
import io.querylens.driver.finding.FindingKind;
import io.querylens.driver.finding.Severity;
import io.querylens.driver.internal.Faults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class JsonLinesSinkTest {
    @TempDir
    Path dir;

    private final RecordingLog log = new RecordingLog();
    private final Faults faults = new Faults(log);

    private static Finding finding(String fingerprint, long count) {
        return Finding.builder(FindingKind.UNINDEXED_PREDICATE, Severity.CRITICAL).fingerprint(fingerprint)
                .sql("select * from t where a = ?\nand b = ?").count(count).table("t").columns(List.of("a", "b"))
                .build();
    }

    @Test
    void appendsOneLinePerFindingAfterWhatTheFileAlreadyHolds() throws Exception {
        Path file = dir.resolve("findings.jsonl");
        Files.writeString(file, "{\"kind\":\"written-before\"}\n");
        try (JsonLinesSink sink = new JsonLinesSink(file, faults)) {
            sink.accept(finding("a", 1));
            sink.accept(finding("a", 2));
            sink.accept(finding("b", 1));
        }

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("{\"kind\":\"written-before\"}");
        assertThat(lines.get(1)).startsWith("{\"kind\":\"unindexed_predicate\",\"severity\":\"critical\"");
        FindingsFileReader.Contents contents = FindingsFileReader.readContents(file);
        assertThat(contents.unreadableLines()).as("the line written before is not a finding").isEqualTo(1);
        assertThat(contents.findings()).extracting(Finding::count).containsExactly(2L, 1L);
    }

    @Test
    void createsMissingParentDirectories() throws Exception {
        Path file = dir.resolve("logs/querylens/findings.jsonl");
        try (JsonLinesSink sink = new JsonLinesSink(file, faults)) {
            sink.accept(finding("a", 1));
        }
        assertThat(FindingsFileReader.read(file)).hasSize(1);
    }

    @Test
    void unwritablePathDoesNotThrowAndWarnsOnce() throws Exception {
        // A path below a regular file can never be created, even as root (permissions would not stop root).
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "");
        Path file = notADirectory.resolve("findings.jsonl");
        JsonLinesSink sink = new JsonLinesSink(file, faults);

        assertThatCode(() -> {
            sink.accept(finding("a", 1));
            sink.accept(finding("b", 1));
            sink.accept(finding("a", 3));
            sink.close();
        }).doesNotThrowAnyException();

        assertThat(log.warnings()).singleElement().asString().contains(file.toAbsolutePath().toString());
        assertThat(sink.unwrittenCount()).as("latest per problem kept").isEqualTo(2);
    }

    @Test
    void findingsKeptWhileTheFileFailedAreWrittenOnceItWorks() throws Exception {
        Path blocker = Files.writeString(dir.resolve("out"), "");
        Path file = blocker.resolve("findings.jsonl");
        try (JsonLinesSink sink = new JsonLinesSink(file, faults)) {
            sink.accept(finding("a", 1));
            sink.accept(finding("a", 5));
            sink.accept(finding("b", 1));

            Files.delete(blocker);
            sink.accept(finding("c", 1));

            assertThat(sink.unwrittenCount()).isZero();
        }
        assertThat(FindingsFileReader.read(file)).extracting(Finding::fingerprint, Finding::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", 5L),
                        org.assertj.core.groups.Tuple.tuple("b", 1L),
                        org.assertj.core.groups.Tuple.tuple("c", 1L));
    }

    @Test
    void lineBreaksInValuesStayInsideTheLine() throws Exception {
        Path file = dir.resolve("findings.jsonl");
        try (JsonLinesSink sink = new JsonLinesSink(file, faults)) {
            sink.accept(finding("a", 1));
        }
        assertThat(Files.readAllLines(file)).singleElement().asString().contains("a = ?\\nand b = ?");
    }
}
