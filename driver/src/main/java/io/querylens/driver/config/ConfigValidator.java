package io.querylens.driver.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Checks every value against its key's type and range, and reports all problems at once. */
final class ConfigValidator {
    private ConfigValidator() {
    }

    static void validate(QueryLensConfig config) {
        List<String> problems = new ArrayList<>();
        for (ConfigKey key : ConfigKey.values()) {
            String value = config.string(key);
            String problem = check(key, value);
            if (problem != null) {
                problems.add(key.key() + " = \"" + value + "\" (from " + config.source(key) + "): " + problem);
            }
        }
        if (!problems.isEmpty()) {
            throw new QueryLensConfigException(problems);
        }
    }

    /** Returns what is allowed when the value is not, else null. */
    static String check(ConfigKey key, String raw) {
        String value = raw.trim();
        switch (key.type()) {
            case BOOLEAN:
                return value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")
                        ? null : "expected true or false";
            case INTEGER:
                try {
                    long n = Long.parseLong(value);
                    if ((key.min() != null && n < key.min()) || (key.max() != null && n > key.max())
                            || n > Integer.MAX_VALUE || n < Integer.MIN_VALUE) {
                        return expectedInteger(key);
                    }
                    return null;
                } catch (NumberFormatException e) {
                    return expectedInteger(key);
                }
            case CHOICE:
                return key.allowedValues().contains(value.toLowerCase(Locale.ROOT))
                        ? null : "expected one of " + String.join(", ", key.allowedValues());
            default:
                return null;
        }
    }

    private static String expectedInteger(ConfigKey key) {
        return "expected an integer from " + key.min() + " to " + key.max();
    }
}
