package io.querylens.agent;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The agent's option string, {@code key=value,key=value}, with the same keys as the driver's configuration: a key
 * may be written in full ({@code querylens.nplusone.threshold}) or without its {@code querylens.} prefix. A list value
 * keeps its commas: a segment without {@code =} continues the previous value, so
 * {@code detectors.disabled=ddl,nplusone,app=shop} sets two keys.
 */
public final class AgentOptions {
    private static final String PREFIX = "querylens.";

    private final Map<String, String> valuesByKey;

    private AgentOptions(Map<String, String> valuesByKey) {
        this.valuesByKey = valuesByKey;
    }

    public static AgentOptions parse(String options) {
        Map<String, String> values = new LinkedHashMap<>();
        if (options == null || options.isBlank()) {
            return new AgentOptions(values);
        }
        String lastKey = null;
        for (String segment : options.split(",")) {
            int equals = segment.indexOf('=');
            if (equals < 0) {
                if (lastKey == null) {
                    throw new IllegalArgumentException("agent option '" + segment.trim()
                            + "' has no value; write key=value,key=value");
                }
                values.put(lastKey, values.get(lastKey) + "," + segment.trim());
                continue;
            }
            String key = segment.substring(0, equals).trim();
            if (key.isEmpty()) {
                throw new IllegalArgumentException("agent option '" + segment.trim() + "' has no key");
            }
            lastKey = key.startsWith(PREFIX) ? key : PREFIX + key;
            values.put(lastKey, segment.substring(equals + 1).trim());
        }
        return new AgentOptions(values);
    }

    /** Full key names ({@code querylens.…}) to values, in the order given. */
    public Map<String, String> values() {
        return Collections.unmodifiableMap(valuesByKey);
    }
}
