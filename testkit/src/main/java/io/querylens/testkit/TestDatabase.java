package io.querylens.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One database on a running server, as a test sees it: where it is, who to log in as, and how to carve out an
 * isolated database or schema. Obtained from {@link TestDatabases}; immutable and safe to share between threads.
 * {@link #toString()} shows the URL and description, never the password.
 */
public final class TestDatabase {
    private static final String QUERYLENS_PREFIX = "jdbc:querylens:";

    private final DatabaseKind kind;
    private final JdbcUrl url;
    private final String user;
    private final String password;
    private final String description;

    TestDatabase(DatabaseKind kind, JdbcUrl url, String user, String password, String description) {
        this.kind = kind;
        this.url = url;
        this.user = user;
        this.password = password;
        this.description = description;
    }

    public DatabaseKind kind() {
        return kind;
    }

    /** The raw driver's URL, e.g. {@code jdbc:postgresql://localhost:54321/postgres}. */
    public String jdbcUrl() {
        return url.toString();
    }

    /**
     * The raw URL with {@code user} and {@code password} as parameters, for what takes one URL and no credentials of
     * its own (the collector's {@code --db}). It holds the password: never print it.
     */
    public String jdbcUrlWithCredentials() {
        return url.withParameter("user", user).withParameter("password", password).toString();
    }

    /** The same URL routed through QueryLens: {@code jdbc:querylens:postgresql://…}. */
    public String querylensUrl() {
        return QUERYLENS_PREFIX + jdbcUrl().substring("jdbc:".length());
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** The database name in the URL ({@code postgres}, {@code querylens}, …). */
    public String databaseName() {
        return url.database();
    }

    /** What this is and where it came from, e.g. "embedded PostgreSQL 17 (zonky)". */
    public String description() {
        return description;
    }

    /** A new connection through the raw driver, found by {@link DriverManager}. The caller closes it. */
    public Connection open() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user, password);
    }

    /**
     * Drops {@code name} if it exists and creates it empty on the same server, returning a handle whose URL points at
     * it. Concurrent test JVMs share an existing server (environment override), so pick names unique to the test.
     */
    public TestDatabase createDatabase(String name) throws SQLException {
        Identifiers.requirePlain(name);
        try (Connection connection = open(); Statement statement = connection.createStatement()) {
            if (kind == DatabaseKind.POSTGRESQL) {
                // FORCE ends sessions a previous, crashed run may have left connected.
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } else {
                statement.execute("DROP DATABASE IF EXISTS " + name);
            }
            statement.execute("CREATE DATABASE " + name);
        }
        return new TestDatabase(kind, url.withDatabase(name), user, password, description + ", database " + name);
    }

    /**
     * An empty schema for one test. On PostgreSQL a schema inside this database, made the connection's default via
     * {@code currentSchema}; on MySQL and MariaDB a schema is a database, so this is {@link #createDatabase}.
     */
    public TestDatabase freshSchema(String name) throws SQLException {
        if (kind != DatabaseKind.POSTGRESQL) {
            return createDatabase(name);
        }
        Identifiers.requirePlain(name);
        try (Connection connection = open(); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
            statement.execute("CREATE SCHEMA " + name);
        }
        return new TestDatabase(kind, url.withParameter("currentSchema", name), user, password,
                description + ", schema " + name);
    }

    /** The same database with one more driver parameter in the URL (replacing an earlier value of that key). */
    public TestDatabase withUrlParameter(String key, String value) {
        return new TestDatabase(kind, url.withParameter(key, value), user, password, description);
    }

    @Override
    public String toString() {
        return description + " at " + jdbcUrl() + " as " + user;
    }
}
