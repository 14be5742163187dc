package io.querylens.driver.finding;

import java.util.Locale;

public enum Severity {
    INFO,
    WARNING,
    CRITICAL;

    /** The name used in findings files and metrics: {@code info}, {@code warning}, {@code critical}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Severity fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
