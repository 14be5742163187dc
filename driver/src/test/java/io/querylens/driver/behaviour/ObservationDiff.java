package io.querylens.driver.behaviour;

import java.util.List;

/** Explains how a QueryLens run differed from the raw run: the first differing lines, with their context. */
final class ObservationDiff {
    private static final int MAX_DIFFERENCES = 10;

    private ObservationDiff() {
    }

    /** Null when both saw the same; otherwise a message a reader can act on without rerunning. */
    static String describe(Observation raw, Observation lens) {
        List<String> expected = raw.lines();
        List<String> actual = lens.lines();
        if (expected.equals(actual)) {
            return null;
        }
        StringBuilder message = new StringBuilder("QueryLens changed what the application sees:\n");
        int shown = 0;
        int longest = Math.max(expected.size(), actual.size());
        for (int line = 0; line < longest && shown < MAX_DIFFERENCES; line++) {
            String rawLine = line < expected.size() ? expected.get(line) : "<nothing>";
            String lensLine = line < actual.size() ? actual.get(line) : "<nothing>";
            if (!rawLine.equals(lensLine)) {
                message.append("  line ").append(line).append('\n')
                        .append("    raw:  ").append(rawLine).append('\n')
                        .append("    lens: ").append(lensLine).append('\n');
                shown++;
            }
        }
        message.append("full raw observation:\n");
        expected.forEach(line -> message.append("    ").append(line).append('\n'));
        message.append("full lens observation:\n");
        actual.forEach(line -> message.append("    ").append(line).append('\n'));
        return message.toString();
    }
}
