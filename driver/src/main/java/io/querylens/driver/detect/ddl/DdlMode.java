package io.querylens.driver.detect.ddl;

import java.util.Locale;

/** What {@code querylens.ddl.mode} does with DDL run outside a migration. */
public enum DdlMode {
    /** The statement runs; a {@code ddl_outside_migration} finding names it and its call site. */
    WARN,
    /** The statement is not sent; the caller gets a {@link DdlBlockedException}. */
    BLOCK,
    /** No check outside migrations (migration linting still runs unless {@code querylens.ddl.lint} is false). */
    OFF;

    static DdlMode fromConfig(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
