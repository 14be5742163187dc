package io.querylens.testkit;

import java.util.regex.Pattern;

/**
 * Database and schema names go into DDL unquoted (quoting rules differ between PostgreSQL and MySQL), so only plain
 * lower-case identifiers are accepted.
 */
final class Identifiers {
    private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private Identifiers() {
    }

    static String requirePlain(String name) {
        if (name == null || !PLAIN_IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "database and schema names must match " + PLAIN_IDENTIFIER.pattern() + ", got: " + name);
        }
        return name;
    }
}
