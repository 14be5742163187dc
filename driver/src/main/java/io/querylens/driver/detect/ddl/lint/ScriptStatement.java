package io.querylens.driver.detect.ddl.lint;

import java.util.Set;

/**
 * One statement of a migration script: its text (with the comments that precede it), the 1-based line of its first
 * keyword, and the names excused by a {@code querylens:allow} comment on the same line after its terminator
 * ({@code ALTER TABLE … RENAME …; -- querylens:allow rename_column}).
 */
public record ScriptStatement(String text, int line, Set<String> trailingAllowedNames) {
}
