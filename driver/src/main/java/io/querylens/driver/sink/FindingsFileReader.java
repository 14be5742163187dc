package io.querylens.driver.sink;

import io.querylens.driver.finding.Finding;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a findings file ({@link FindingsFileFormat}): the last line written for each problem, in the order problems
 * first appear. Lines that are not a complete finding (a last line cut short by a crash, a kind from a newer version)
 * are skipped and counted, never fatal.
 */
public final class FindingsFileReader {
    private FindingsFileReader() {
    }

    /** What a findings file holds: one finding per problem, and how many non-blank lines could not be read. */
    public record Contents(List<Finding> findings, int unreadableLines) {
        public Contents {
            findings = List.copyOf(findings);
        }
    }

    public static List<Finding> read(Path file) throws IOException {
        return readContents(file).findings();
    }

    public static Contents readContents(Path file) throws IOException {
        Map<String, Finding> latestByKey = new LinkedHashMap<>();
        int unreadable = 0;
        // Malformed bytes (a line cut inside a multi-byte character) must not stop the whole read: decode leniently.
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE)))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    Finding finding = FindingsFileFormat.fromLine(line);
                    latestByKey.put(finding.key(), finding);
                } catch (IOException | RuntimeException unreadableLine) {
                    unreadable++;
                }
            }
        }
        return new Contents(new ArrayList<>(latestByKey.values()), unreadable);
    }
}
