package io.querylens.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class PostgresTestDatabaseTest {

    @Test
    void answersAQuery() throws SQLException {
        TestDatabase postgres = TestDatabases.postgres();
        try (Connection connection = postgres.open(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT current_setting('server_version_num')::int")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isBetween(170000, 179999);
        }
        assertThat(postgres.kind()).isEqualTo(DatabaseKind.POSTGRESQL);
        assertThat(postgres.jdbcUrl()).matches("jdbc:postgresql://localhost:\\d+/postgres");
    }

    @Test
    void pgStatStatementsRecordsExecutedStatements() throws SQLException {
        // pg_stat_statements keys statements by parse tree, not text: a probe needs a table of its own, or it would
        // be counted under whichever "SELECT $1" ran first.
        TestDatabase postgres = TestDatabases.postgres().freshSchema("testkit_pgss");
        try (Connection connection = postgres.open(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE pgss_probe (id int)");
            statement.executeQuery("SELECT count(*) FROM pgss_probe WHERE id = 42").close();
            try (ResultSet rows = statement.executeQuery("SELECT query, calls FROM public.pg_stat_statements"
                    + " WHERE query LIKE 'SELECT count(*) FROM pgss_probe%'")) {
                assertThat(rows.next()).as("a pg_stat_statements row for the probe").isTrue();
                assertThat(rows.getString("query")).isEqualTo("SELECT count(*) FROM pgss_probe WHERE id = $1");
                assertThat(rows.getLong("calls")).isPositive();
            }
        }
    }

    @Test
    void askingTwiceReturnsTheSameRunningServer() {
        assertThat(TestDatabases.postgres()).isSameAs(TestDatabases.postgres());
    }

    @Test
    void querylensUrlRoutesTheSameUrlThroughQueryLens() {
        TestDatabase postgres = TestDatabases.postgres();
        assertThat(postgres.querylensUrl())
                .isEqualTo("jdbc:querylens:" + postgres.jdbcUrl().substring("jdbc:".length()))
                .startsWith("jdbc:querylens:postgresql://localhost:");
    }

    @Test
    void urlWithCredentialsLogsInWithoutSeparateCredentialsAndKeepsTheSchema() throws SQLException {
        TestDatabase schema = TestDatabases.postgres().freshSchema("testkit_url_credentials");
        try (Connection connection = DriverManager.getConnection(schema.jdbcUrlWithCredentials());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT current_user, current_schema()")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo(schema.user());
            assertThat(rows.getString(2)).isEqualTo("testkit_url_credentials");
        }
    }

    @Test
    void freshSchemaStartsEmptyAndBecomesTheDefaultSchema() throws SQLException {
        TestDatabase first = TestDatabases.postgres().freshSchema("testkit_fresh_schema");
        try (Connection connection = first.open(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE leftover (id int)");
        }
        TestDatabase second = TestDatabases.postgres().freshSchema("testkit_fresh_schema");
        try (Connection connection = second.open(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT current_schema(),"
                        + " (SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema())")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo("testkit_fresh_schema");
            assertThat(rows.getInt(2)).isZero();
        }
    }

    @Test
    void createDatabaseConnectsToANewEmptyDatabase() throws SQLException {
        TestDatabase created = TestDatabases.postgres().createDatabase("testkit_created_database");
        try (Connection connection = created.open(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT current_database()")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo("testkit_created_database");
        }
        assertThat(created.databaseName()).isEqualTo("testkit_created_database");
    }
}
