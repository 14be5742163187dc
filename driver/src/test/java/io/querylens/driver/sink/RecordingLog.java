package io.querylens.driver.sink;

import io.querylens.driver.internal.Log;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link Log} that keeps what it is given, as "LEVEL message" lines, so tests can see what would be logged. */
public final class RecordingLog extends Log {
    private final List<String> lines = new CopyOnWriteArrayList<>();

    public List<String> lines() {
        return List.copyOf(lines);
    }

    public List<String> warnings() {
        return lines.stream().filter(l -> l.startsWith("WARN ")).map(l -> l.substring(5)).toList();
    }

    /** What would be logged at warning level or above, without the level. */
    public List<String> warningsAndErrors() {
        return lines.stream().filter(l -> l.startsWith("WARN ") || l.startsWith("ERROR "))
                .map(l -> l.substring(l.indexOf(' ') + 1)).toList();
    }

    @Override public void info(String message) { lines.add("INFO " + message); }
    @Override public void warn(String message) { lines.add("WARN " + message); }
    @Override public void warn(String message, Throwable error) { lines.add("WARN " + message + " | " + error); }
    @Override public void error(String message, Throwable error) { lines.add("ERROR " + message + " | " + error); }
    @Override public void debug(String message) { lines.add("DEBUG " + message); }
    @Override public boolean isDebugEnabled() { return true; }
}
