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
                String shown = key.isSecret() ? "(hidden)" : "\"" + key.shown(value) + "\"";
                problems.add(key.key() + " = " + shown + " (from " + config.source(key) + "): " + problem);
            }
        }
        if (!problems.isEmpty()) {
            throw new QueryLensConfigException(problems);
        }
    }

    /** Returns "expected …" naming what is allowed when the value is not, else null. */
    static String check(ConfigKey key, String raw) {
        String value = raw.trim();
        boolean valid;
        switch (key.type()) {
            case BOOLEAN:
                valid = value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false");
                break;
            case INTEGER:
                valid = isIntegerInRange(key, value);
                break;
            case CHOICE:
                valid = key.allowedValues().contains(value.toLowerCase(Locale.ROOT));
                break;
            default:
                valid = true;
        }
        return valid ? null : "expected " + key.allowedDescription();
    }

    private static boolean isIntegerInRange(ConfigKey key, String value) {
        long n;
        try {
            n = Long.parseLong(value);
        } catch (NumberFormatException e) {
            return false;
        }
        // Values are read as int; a range wider than int still cannot hold more.
        return n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE
                && (key.min() == null || n >= key.min()) && (key.max() == null || n <= key.max());
    }
}
