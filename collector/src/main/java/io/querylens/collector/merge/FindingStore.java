package io.querylens.collector.merge;

import io.querylens.driver.finding.Finding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Findings from every process, deduplicated across processes by {@link Finding#key()}.
 *
 * <p>Each process re-sends a finding with its cumulative counts whenever it grows, so the store keeps the latest copy
 * per (process, key) and merges those: occurrences summed over processes, count the largest, first seen the
 * earliest, last seen the latest. Receiving the same copy twice changes nothing. Findings the collector derives
 * itself (database statistics) are stored under the process name {@code collector}.
 *
 * <p>Thread-safe (this object's lock, in-memory work only).
 */
public final class FindingStore {
    public static final String COLLECTOR_PROCESS = "collector";

    private final Map<String, Map<String, Finding>> byKeyThenProcess = new LinkedHashMap<>();

    public synchronized void put(String processKey, Finding finding) {
        byKeyThenProcess.computeIfAbsent(finding.key(), k -> new HashMap<>()).put(processKey, finding);
    }

    /** Removes a collector-derived finding that no longer holds (a lock wait that ended). */
    public synchronized void removeFromCollector(String findingKey) {
        Map<String, Finding> byProcess = byKeyThenProcess.get(findingKey);
        if (byProcess != null && byProcess.remove(COLLECTOR_PROCESS) != null && byProcess.isEmpty()) {
            byKeyThenProcess.remove(findingKey);
        }
    }

    /** The merged findings, most frequent first. */
    public synchronized List<Finding> merged() {
        List<Finding> merged = new ArrayList<>();
        for (Map<String, Finding> byProcess : byKeyThenProcess.values()) {
            merged.add(merge(byProcess.values()));
        }
        merged.sort(Comparator.comparingLong(Finding::occurrences).reversed());
        return merged;
    }

    /** Every (process, finding) pair, for checkpoints. */
    public synchronized Map<String, List<Finding>> byProcess() {
        Map<String, List<Finding>> result = new LinkedHashMap<>();
        byKeyThenProcess.forEach((key, byProcess) -> byProcess.forEach(
                (process, finding) -> result.computeIfAbsent(process, p -> new ArrayList<>()).add(finding)));
        return result;
    }

    public synchronized void clear() {
        byKeyThenProcess.clear();
    }

    private static Finding merge(Iterable<Finding> copies) {
        Finding latest = null;
        long occurrences = 0;
        long count = 0;
        java.time.Instant firstSeen = null;
        java.time.Instant lastSeen = null;
        for (Finding copy : copies) {
            occurrences += copy.occurrences();
            count = Math.max(count, copy.count());
            firstSeen = firstSeen == null || copy.firstSeen().isBefore(firstSeen) ? copy.firstSeen() : firstSeen;
            if (lastSeen == null || copy.lastSeen().isAfter(lastSeen)) {
                lastSeen = copy.lastSeen();
                latest = copy;
            }
        }
        return latest.toBuilder().occurrences(occurrences).count(count).firstSeen(firstSeen).lastSeen(lastSeen)
                .build();
    }
}
