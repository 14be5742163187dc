package io.querylens.driver.sink;

import com.example.shop.FindingsWritingApp;
import com.example.shop.ShopDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.querylens.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The findings-file contract end to end: two real application processes, N+1 loops through {@code jdbc:querylens:}
 * on PostgreSQL, one file named by {@code querylens.findings.file}. Each problem is written when first reported, not
 * again while {@code querylens.findings.updateSeconds} has not passed (though the application flushes after every
 * unit of work), and once more at JVM shutdown with its final counts; the README's example line has exactly the
 * fields, in the order, that the real lines have.
 */
class FindingsFileAcrossProcessesTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Pattern STACK_FRAME = Pattern.compile("[\\w.$]+\\.[\\w$<>]+\\([\\w$]+\\.java:\\d+\\)");

    @TempDir
    Path dir;

    @Test
    void eachProcessWritesAProblemWhenFirstReportedAndAgainAtShutdownOnly() throws Exception {
        TestDatabase shop = ShopDatabase.freshOnPostgres("findings_processes");
        Path file = dir.resolve("findings.jsonl");

        List<Process> processes = new ArrayList<>();
        List<String> callSites = List.of("orders", "invoices");
        for (String callSite : callSites) {
            processes.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dquerylens.findings.file=" + file, "-Dquerylens.findings.updateSeconds=3600",
                    "-Dquerylens.queue.dir=", "-Dquerylens.findings.log=false",
                    "-cp", System.getProperty("java.class.path"), FindingsWritingApp.class.getName(),
                    shop.querylensUrl(), shop.user(), shop.password(), callSite)
                    .redirectErrorStream(true).redirectOutput(dir.resolve(callSite + ".out").toFile()).start());
        }
        for (int i = 0; i < processes.size(); i++) {
            // A guard against a hung child, not a timing assertion.
            assertThat(processes.get(i).waitFor(3, TimeUnit.MINUTES)).isTrue();
            String output = Files.readString(dir.resolve(callSites.get(i) + ".out"));
            assertThat(processes.get(i).exitValue()).as(output).isZero();
        }

        ObjectMapper json = new ObjectMapper();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Map<String, List<JsonNode>> byCallSite = new TreeMap<>();
        for (String line : lines) {
            JsonNode finding = json.readTree(line);
            assertThat(fieldNames(finding)).as(line).containsExactlyElementsOf(FindingsFileFormat.FIELD_NAMES);
            assertThat(finding.get("kind").asText()).isEqualTo("n_plus_one");
            assertThat(finding.get("fingerprint").asText()).matches("[0-9a-f]{16}");
            assertThat(finding.get("sql").asText()).isEqualTo("select name from users where id = ?");
            assertThat(finding.get("callSite").asText()).matches(STACK_FRAME);
            assertThat(finding.get("dataSource").asText()).startsWith("jdbc:postgresql://")
                    .doesNotContain("?").doesNotContain("password").doesNotContain("querylens:");
            String method = finding.get("callSite").asText().replaceAll("\\(.*", "");
            byCallSite.computeIfAbsent(method, k -> new ArrayList<>()).add(finding);
        }
        assertThat(byCallSite).containsOnlyKeys("com.example.shop.OrderReports.ownerNamesOneByOne",
                "com.example.shop.OrderReports.ownerNamesForInvoices");
        for (List<JsonNode> problem : byCallSite.values()) {
            assertThat(problem).extracting(f -> f.get("count").asLong()).containsExactly(6L, 12L);
            assertThat(problem).extracting(f -> f.get("occurrences").asLong()).containsExactly(1L, 3L);
        }
        assertThat(FindingsFileReader.readContents(file).findings()).extracting(f -> f.count())
                .containsExactlyInAnyOrder(12L, 12L);

        JsonNode readmeExample = json.readTree(readmeExampleLine());
        JsonNode real = json.readTree(lines.get(lines.size() - 1));
        assertThat(fieldNames(readmeExample)).as("README's example line and a real line")
                .containsExactlyElementsOf(fieldNames(real));
        assertThat(readmeExample.get("kind").asText()).isEqualTo(real.get("kind").asText());
        assertThat(readmeExample.get("fingerprint").asText()).matches("[0-9a-f]{16}");
        assertThat(readmeExample.get("callSite").asText()).matches(STACK_FRAME);
        Set<String> realDetails = Set.copyOf(fieldNames(real.get("details")));
        assertThat(fieldNames(readmeExample.get("details"))).isSubsetOf(realDetails);
    }

    private static String readmeExampleLine() throws Exception {
        assertThat(README).as("README.md next to the driver module").exists();
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        Matcher findings = Pattern.compile("(?s)\n## Findings\n(.*?)\n## ").matcher(readme);
        assertThat(findings.find()).as("README has a '## Findings' section").isTrue();
        Matcher example = Pattern.compile("(?s)```json\n(\\{.*?})\n```").matcher(findings.group(1));
        assertThat(example.find()).as("the Findings section shows an example line in a json block").isTrue();
        return example.group(1);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
