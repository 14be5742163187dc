package io.querylens.driver;

import io.querylens.testkit.TestDatabase;
import io.querylens.testkit.TestDatabases;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code jdbc:querylens:} prefix driver by the JDBC book: foreign URLs, properties, property info, no driver. */
class QueryLensDriverTest {
    private static final String OTHERS_URL = "jdbc:postgresql://localhost:1/none";

    @Test
    void registeredThroughServiceLoaderAndRefusesUrlsItDoesNotOwnWithNull() throws SQLException {
        Driver driver = DriverManager.getDriver("jdbc:querylens:postgresql://localhost/x");
        assertThat(driver).isInstanceOf(QueryLensDriver.class);

        assertThat(driver.acceptsURL(OTHERS_URL)).isFalse();
        assertThat(driver.acceptsURL(null)).isFalse();
        assertThat(driver.connect(OTHERS_URL, new Properties())).isNull();
        assertThat(driver.getPropertyInfo(OTHERS_URL, new Properties())).isEmpty();
        assertThat(DriverManager.getDriver(OTHERS_URL)).isNotInstanceOf(QueryLensDriver.class);
    }

    @Test
    void propertiesReachTheRealDriver() throws SQLException {
        TestDatabase database = TestDatabases.postgres();
        Properties properties = new Properties();
        properties.setProperty("user", database.user());
        properties.setProperty("password", database.password());
        properties.setProperty("ApplicationName", "querylens-driver-test");
        try (Connection connection = DriverManager.getConnection(database.querylensUrl(), properties);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SHOW application_name")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("querylens-driver-test");
            assertThat(connection.isWrapperFor(org.postgresql.PGConnection.class)).isTrue();
        }
    }

    @Test
    void propertyInfoIsTheRealDriversForTheUrlWithoutThePrefix() throws SQLException {
        TestDatabase database = TestDatabases.postgres();
        Properties properties = new Properties();
        properties.setProperty("ApplicationName", "info");

        DriverPropertyInfo[] viaLens = DriverManager.getDriver(database.querylensUrl())
                .getPropertyInfo(database.querylensUrl(), properties);
        DriverPropertyInfo[] direct = new org.postgresql.Driver().getPropertyInfo(database.jdbcUrl(), properties);

        assertThat(viaLens).isNotEmpty();
        assertThat(Arrays.stream(viaLens).map(p -> p.name + "=" + p.value))
                .containsExactlyElementsOf(Arrays.stream(direct).map(p -> p.name + "=" + p.value).toList());
    }

    @Test
    void prefixWithNoDriverBehindItFailsWithConnectionSqlState() {
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:querylens:nosuchdb://localhost/x?password=secret"))
                .isInstanceOf(SQLException.class)
                .satisfies(e -> {
                    SQLException failure = (SQLException) e;
                    assertThat(failure.getSQLState()).isEqualTo("08001");
                    assertThat(failure.getMessage()).contains("no JDBC driver for jdbc:nosuchdb://localhost/x")
                            .doesNotContain("secret");
                });
    }
}
