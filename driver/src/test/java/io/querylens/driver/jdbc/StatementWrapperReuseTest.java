package io.querylens.driver.jdbc;

import io.querylens.testkit.TestDatabase;
import io.querylens.testkit.TestDatabases;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A statement wrapper is reused exactly when the driver reuses the statement object under it, so the application
 * cannot tell the difference, and a driver with a statement cache costs no wrapper allocation per prepare.
 */
class StatementWrapperReuseTest {

    @Test
    void aCachedDriverStatementGetsItsWrapperBackAndStillWorks() throws SQLException {
        TestDatabase mysqlDriver = cachingMysqlDriver();
        try (Connection raw = mysqlDriver.open(); Connection lens = openLens(mysqlDriver)) {
            boolean driverReuses = sameObjectTwice(raw);
            assertThat(driverReuses).as("MySQL Connector/J with cachePrepStmts hands out its cached statement").isTrue();

            PreparedStatement first = lens.prepareStatement("SELECT ? + 1");
            first.setInt(1, 1);
            first.close();
            PreparedStatement second = lens.prepareStatement("SELECT ? + 1");
            assertThat(second).isSameAs(first);
            second.setInt(1, 41);
            try (ResultSet rs = second.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(42);
                assertThat(rs.getStatement()).isSameAs(second);
            }
            second.close();
        }
    }

    @Test
    void aDriverThatMakesNewStatementsGetsNewWrappersAndTheClosedOneStaysClosed() throws SQLException {
        try (Connection lens = openLens(TestDatabases.postgres())) {
            PreparedStatement first = lens.prepareStatement("SELECT 1");
            first.close();
            PreparedStatement second = lens.prepareStatement("SELECT 1");
            assertThat(second).isNotSameAs(first);
            assertThatThrownBy(first::executeQuery).isInstanceOf(SQLException.class);
            try (ResultSet rs = second.executeQuery()) {
                assertThat(rs.next()).isTrue();
            }
            second.close();
        }
    }

    @Test
    void aConnectionWhoseDriverNeverHandsAStatementBackStopsRecyclingAfterTheLimitAndStillWorks() throws SQLException {
        try (Connection lens = openLens(TestDatabases.postgres())) {
            LensConnection connection = (LensConnection) lens;
            PreparedStatement previous = null;
            for (int i = 1; i <= LensConnection.PREPARES_BEFORE_RECYCLING_STOPS + 10; i++) {
                PreparedStatement statement = lens.prepareStatement("SELECT ?::int");
                assertThat(statement).isNotSameAs(previous);
                assertThat(connection.recyclesStatements()).as("recycling after %d prepares", i)
                        .isEqualTo(i < LensConnection.PREPARES_BEFORE_RECYCLING_STOPS);
                statement.setInt(1, i);
                try (ResultSet rs = statement.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(i);
                }
                statement.close();
                if (previous != null) {
                    assertThatThrownBy(previous::executeQuery).isInstanceOf(SQLException.class);
                }
                previous = statement;
            }
        }
    }

    @Test
    void aCachingDriversLoopKeepsGettingItsWrapperBackPastTheRecyclingLimit() throws SQLException {
        try (Connection lens = openLens(cachingMysqlDriver())) {
            PreparedStatement first = lens.prepareStatement("SELECT ? + 1");
            first.close();
            for (int i = 0; i < 2 * LensConnection.PREPARES_BEFORE_RECYCLING_STOPS; i++) {
                PreparedStatement again = lens.prepareStatement("SELECT ? + 1");
                assertThat(again).isSameAs(first);
                again.close();
            }
            assertThat(((LensConnection) lens).recyclesStatements()).isTrue();
        }
    }

    @Test
    void aReusedWrapperStillInUseIsNeverHandedOutToASecondPrepare() throws SQLException {
        try (Connection lens = openLens(cachingMysqlDriver())) {
            PreparedStatement first = lens.prepareStatement("SELECT ? + 1");
            first.close();
            PreparedStatement inUse = lens.prepareStatement("SELECT ? + 1"); // the same wrapper, open again
            assertThat(inUse).isSameAs(first);

            PreparedStatement meanwhile = lens.prepareStatement("SELECT ? + 1"); // while the first is open
            assertThat(meanwhile).isNotSameAs(inUse);
            inUse.setInt(1, 1);
            meanwhile.setInt(1, 10);
            try (ResultSet a = inUse.executeQuery(); ResultSet b = meanwhile.executeQuery()) {
                assertThat(a.next()).isTrue();
                assertThat(b.next()).isTrue();
                assertThat(a.getInt(1)).isEqualTo(2);
                assertThat(b.getInt(1)).isEqualTo(11);
            }
            inUse.close();
            meanwhile.close();

            // Closed, each wrapper goes back with its driver statement (the driver keeps the one closed last): a loop of
            // prepare and close keeps getting that one wrapper, however many times it runs.
            PreparedStatement cached = lens.prepareStatement("SELECT ? + 1");
            assertThat(cached).isIn(first, meanwhile);
            cached.close();
            for (int i = 0; i < 100; i++) {
                PreparedStatement again = lens.prepareStatement("SELECT ? + 1");
                assertThat(again).isSameAs(cached);
                again.setInt(1, i);
                try (ResultSet rs = again.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(i + 1);
                }
                again.close();
            }
        }
    }

    /** MySQL Connector/J (on MariaDB) with its statement cache: it hands a closed statement object out again. */
    private static TestDatabase cachingMysqlDriver() {
        return TestDatabases.mariadbViaMysqlDriver()
                .withUrlParameter("cachePrepStmts", "true")
                .withUrlParameter("useServerPrepStmts", "true");
    }

    private static Connection openLens(TestDatabase database) throws SQLException {
        return DriverManager.getConnection(database.querylensUrl(), database.user(), database.password());
    }

    private static boolean sameObjectTwice(Connection raw) throws SQLException {
        PreparedStatement a = raw.prepareStatement("SELECT ? + 1");
        a.close();
        PreparedStatement b = raw.prepareStatement("SELECT ? + 1");
        b.close();
        return a == b;
    }
}
