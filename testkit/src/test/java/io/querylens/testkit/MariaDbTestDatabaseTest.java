package io.querylens.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class MariaDbTestDatabaseTest {

    @Test
    void answersAQueryThroughMariaDbConnector() throws SQLException {
        TestDatabase mariadb = TestDatabases.mariadb();
        try (Connection connection = mariadb.open(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT VERSION(), DATABASE()")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).contains("MariaDB").startsWith("11.4");
            assertThat(rows.getString(2)).isEqualTo("querylens");
            assertThat(connection.getClass().getName()).startsWith("org.mariadb.jdbc.");
        }
        assertThat(mariadb.jdbcUrl()).matches("jdbc:mariadb://localhost:\\d+/querylens\\?sslMode=disable");
    }

    @Test
    void mysqlConnectorReachesTheSameServerAndDatabase() throws SQLException {
        TestDatabase viaMariaDbDriver = TestDatabases.mariadb();
        TestDatabase viaMysqlDriver = TestDatabases.mariadbViaMysqlDriver();
        try (Connection connection = viaMariaDbDriver.open(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE OR REPLACE TABLE seen_by_both (id INT)");
            statement.execute("INSERT INTO seen_by_both VALUES (7)");
        }
        try (Connection connection = viaMysqlDriver.open(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT id FROM seen_by_both")) {
            assertThat(connection.getClass().getName()).startsWith("com.mysql.cj.");
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(7);
        }
        assertThat(viaMysqlDriver.jdbcUrl())
                .matches("jdbc:mysql://localhost:\\d+/querylens\\?useSSL=false&allowPublicKeyRetrieval=true");
        assertThat(viaMysqlDriver.kind()).isEqualTo(DatabaseKind.MARIADB);
    }

    @Test
    void performanceSchemaDigestsRecordExecutedStatements() throws SQLException {
        try (Connection connection = TestDatabases.mariadb().open();
                Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT 42 AS digest_probe").close();
            try (ResultSet rows = statement.executeQuery("SELECT DIGEST_TEXT, COUNT_STAR"
                    + " FROM performance_schema.events_statements_summary_by_digest"
                    + " WHERE DIGEST_TEXT LIKE '%digest_probe%' AND DIGEST_TEXT NOT LIKE '%DIGEST_TEXT%'")) {
                assertThat(rows.next()).as("a digest row for the probe").isTrue();
                assertThat(rows.getString(1).strip()).isEqualTo("SELECT ? AS `digest_probe`");
                assertThat(rows.getLong(2)).isPositive();
            }
        }
    }

    @Test
    void askingTwiceReturnsTheSameRunningServer() {
        assertThat(TestDatabases.mariadb()).isSameAs(TestDatabases.mariadb());
        assertThat(TestDatabases.mariadbViaMysqlDriver()).isSameAs(TestDatabases.mariadbViaMysqlDriver());
        String mariadbAddress = TestDatabases.mariadb().jdbcUrl().replaceAll("^jdbc:mariadb://([^/]+)/.*$", "$1");
        assertThat(TestDatabases.mariadbViaMysqlDriver().jdbcUrl()).contains("//" + mariadbAddress + "/");
    }

    @Test
    void mysqlWithoutDockerIsTheMariaDbStandInAndSaysSo() throws SQLException {
        TestDatabase mysql = TestDatabases.mysql();
        assertThat(mysql.kind()).isEqualTo(DatabaseKind.MARIADB);
        assertThat(mysql.description()).contains("standing in for MySQL 8");
        try (Connection connection = mysql.open()) {
            assertThat(connection.getMetaData().getDriverName()).contains("MySQL Connector/J");
        }
    }

    @Test
    void freshSchemaIsAnEmptyDatabaseOnMariaDb() throws SQLException {
        TestDatabase first = TestDatabases.mariadb().freshSchema("testkit_fresh");
        try (Connection connection = first.open(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE leftover (id INT)");
        }
        TestDatabase second = TestDatabases.mariadbViaMysqlDriver().freshSchema("testkit_fresh");
        assertThat(second.jdbcUrl()).startsWith("jdbc:mysql:").contains("/testkit_fresh?");
        try (Connection connection = second.open(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT DATABASE(), (SELECT COUNT(*)"
                        + " FROM information_schema.tables WHERE table_schema = DATABASE())")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo("testkit_fresh");
            assertThat(rows.getInt(2)).isZero();
        }
    }
}
