package io.querylens.driver.detect.unindexed;

import io.querylens.driver.sql.Dialect;
import io.querylens.testkit.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static io.querylens.driver.detect.unindexed.AnalysisFixture.run;

/**
 * What the unindexed suites on a real server share: tables created once per class, the application's connection
 * through QueryLens, statements analysed by an engine, and the server's own answer read apart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RealDatabaseSuite {
    private static final int STATEMENT_TIMEOUT_MILLIS = 2000;

    private final Dialect dialect;
    TestDatabase database;

    RealDatabaseSuite(Dialect dialect) {
        this.dialect = dialect;
    }

    /** The database with this suite's tables and rows in it. */
    abstract TestDatabase createTables() throws SQLException;

    @BeforeAll
    void startWithTables() throws SQLException {
        database = createTables();
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(database.querylensUrl(), database.user(), database.password());
    }

    AnalysisFixture freshEngine() {
        return new AnalysisFixture(dialect, STATEMENT_TIMEOUT_MILLIS);
    }

    /** Runs {@code sql} once as the application, with {@code binds}, and waits for {@code engine} to analyse it. */
    void analyse(AnalysisFixture engine, String sql, Object... binds) throws Exception {
        try (Connection app = connect()) {
            run(app, sql, binds);
            engine.awaitAnalysis();
        }
    }

    /** A fresh engine that has analysed {@code sql}, run once by the application with {@code binds}. */
    AnalysisFixture analysed(String sql, Object... binds) throws Exception {
        AnalysisFixture engine = freshEngine();
        analyse(engine, sql, binds);
        return engine;
    }

    /** The first column of every row {@code sql} returns, read without QueryLens, one line each. */
    String firstColumn(String sql) throws SQLException {
        try (Connection raw = database.open(); Statement statement = raw.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            StringBuilder lines = new StringBuilder();
            while (rs.next()) {
                lines.append(rs.getString(1)).append('\n');
            }
            return lines.toString();
        }
    }
}
