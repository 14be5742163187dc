package io.querylens.testkit;

/**
 * Which server a {@link TestDatabase} really is, as opposed to which driver its URL names: MariaDB reached through
 * MySQL Connector/J is still {@link #MARIADB}.
 */
public enum DatabaseKind {
    POSTGRESQL("POSTGRESQL"),
    MARIADB("MYSQL"),
    MYSQL("MYSQL");

    private final String dialectName;

    DatabaseKind(String dialectName) {
        this.dialectName = dialectName;
    }

    /**
     * The name of the matching {@code io.querylens.driver.sql.Dialect} constant. A string, because the driver's tests
     * depend on this module and not the other way round.
     */
    public String dialectName() {
        return dialectName;
    }
}
