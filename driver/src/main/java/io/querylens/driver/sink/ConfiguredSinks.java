package io.querylens.driver.sink;

import io.querylens.driver.config.ConfigKey;
import io.querylens.driver.config.QueryLensConfig;
import io.querylens.driver.internal.Faults;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The sinks the configuration asks for: the log ({@code querylens.findings.log}) and a file ({@code querylens.findings.file}). */
public final class ConfiguredSinks {
    private ConfiguredSinks() {
    }

    /** Configured sinks followed by one {@link ListenerSink} per listener, in the order given. */
    public static List<FindingSink> create(QueryLensConfig config, Faults faults, List<FindingListener> listeners) {
        List<FindingSink> sinks = new ArrayList<>();
        if (config.bool(ConfigKey.FINDINGS_LOG)) {
            sinks.add(new LogSink());
        }
        String file = config.string(ConfigKey.FINDINGS_FILE).trim();
        if (!file.isEmpty()) {
            try {
                sinks.add(new JsonLinesSink(Path.of(file), faults));
            } catch (InvalidPathException e) {
                faults.warnOnce("findings.file.invalid", "QueryLens cannot use " + ConfigKey.FINDINGS_FILE.key()
                        + " (from " + config.source(ConfigKey.FINDINGS_FILE) + "): " + e.getMessage()
                        + "; findings are not written to a file");
            }
        }
        for (FindingListener listener : listeners) {
            sinks.add(new ListenerSink(listener, faults));
        }
        return sinks;
    }
}
