package io.querylens.driver.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class JsonLinesSinkConcurrentProcessesTest {
    private static final int FINDINGS_PER_PROCESS = 2_000;

    @TempDir
    Path dir;

    @Test
    void twoProcessesAppendingToOneFileWriteOnlyWholeLines() throws Exception {
        Path file = dir.resolve("findings.jsonl");
        Path javaBinary = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> names = List.of("first", "second");
        List<Process> processes = new ArrayList<>();
        for (String name : names) {
            processes.add(new ProcessBuilder(javaBinary.toString(), "-cp", System.getProperty("java.class.path"),
                    AppendFindingsMain.class.getName(), file.toString(), name, String.valueOf(FINDINGS_PER_PROCESS))
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve(name + ".out").toFile())
                    .start());
        }
        for (int i = 0; i < processes.size(); i++) {
            Process process = processes.get(i);
            // A guard against a hung child, not a timing assertion.
            assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(process.exitValue()).as(Files.readString(dir.resolve(names.get(i) + ".out"))).isZero();
        }

        byte[] content = Files.readAllBytes(file);
        assertThat(content[content.length - 1]).isEqualTo((byte) '\n');
        List<String> lines = List.of(new String(content, StandardCharsets.UTF_8).split("\n"));
        assertThat(lines).hasSize(2 * FINDINGS_PER_PROCESS);
        ObjectMapper mapper = new ObjectMapper();
        Set<String> fingerprints = new HashSet<>();
        for (String line : lines) {
            JsonNode node = mapper.readTree(line);
            assertThat(node.get("sql").asText()).contains(AppendFindingsMain.PADDING);
            fingerprints.add(node.get("fingerprint").asText());
        }
        assertThat(fingerprints).hasSize(2 * FINDINGS_PER_PROCESS)
                .contains("first-0", "first-1999", "second-0", "second-1999");
        assertThat(FindingsFileReader.readContents(file).findings()).hasSize(2 * FINDINGS_PER_PROCESS);
    }
}
