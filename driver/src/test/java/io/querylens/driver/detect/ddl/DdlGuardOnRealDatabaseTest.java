package io.querylens.driver.detect.ddl;

import com.example.shop.HibernateBootstrap;
import com.example.shop.SchemaTweaks;
import io.querylens.QueryLens;
import io.querylens.QueryLensDataSource;
import io.querylens.driver.config.ConfigKey;
import io.querylens.driver.config.QueryLensConfig;
import io.querylens.driver.finding.Finding;
import io.querylens.driver.finding.FindingKind;
import io.querylens.testkit.TestDatabase;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The guard against a real server: block and warn for application DDL, real Flyway and Liquibase runs, Hibernate's
 * schema export, temporary tables. Each test gets its own schema with a {@code users} table made without QueryLens.
 */
abstract class DdlGuardOnRealDatabaseTest {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    static final String ADD_COLUMN = "ALTER TABLE users ADD COLUMN x int";

    @TempDir
    Path migrations;

    TestDatabase database;

    /** The server under test, shared by the JVM. */
    abstract TestDatabase server();

    /** SQL naming the test schema in information_schema: {@code current_schema()} or {@code database()}. */
    abstract String currentSchemaFunction();

    @BeforeEach
    void freshSchemaWithUsers() throws SQLException {
        System.setProperty("liquibase.analytics.enabled", "false");
        database = server().freshSchema("ddl_guard_" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet());
        try (Connection raw = database.open(); Statement statement = raw.createStatement()) {
            statement.execute("CREATE TABLE users (id int PRIMARY KEY, name varchar(50))");
        }
    }

    @AfterEach
    void defaultEngine() {
        QueryLens.configure(QueryLensConfig.defaults());
    }

    @Test
    void blockModeRefusesApplicationDdlAndSendsNothing() throws Exception {
        configure("block");
        try (Connection connection = openWatched()) {
            assertThatThrownBy(() -> SchemaTweaks.execute(connection, ADD_COLUMN))
                    .isInstanceOf(DdlBlockedException.class)
                    .satisfies(e -> {
                        SQLException refused = (SQLException) e;
                        assertThat(refused.getSQLState()).isEqualTo("42501");
                        assertThat(refused.getMessage())
                                .startsWith("QueryLens blocked DDL outside a migration: ")
                                .contains("add column x")
                                .contains("at com.example.shop.SchemaTweaks.execute(SchemaTweaks.java:")
                                .contains("write this change as a Flyway or Liquibase migration")
                                .contains("querylens.ddl.allowedCallers=com.example.shop.");
                    });

            assertThat(columnExists("x")).isFalse();
            assertThat(countUsers(connection)).isZero();
        }
        assertThat(findings(FindingKind.DDL_OUTSIDE_MIGRATION)).singleElement()
                .satisfies(f -> assertThat(f.details()).containsEntry("blocked", true));
    }

    @Test
    void blockedDdlLeavesTheOpenTransactionUsable() throws Exception {
        configure("block");
        try (Connection connection = openWatched()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("INSERT INTO users (id, name) VALUES (1, 'ann')");
            }

            assertThatThrownBy(() -> SchemaTweaks.execute(connection, ADD_COLUMN))
                    .isInstanceOf(DdlBlockedException.class);

            // Still the same transaction: the row is visible here, and rolling back removes it (MySQL would have
            // committed it implicitly had the DDL reached the server).
            assertThat(countUsers(connection)).isEqualTo(1);
            connection.rollback();
            assertThat(countUsers(connection)).isZero();
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("INSERT INTO users (id, name) VALUES (2, 'bob')");
            }
            connection.commit();
        }
        try (Connection raw = database.open(); Statement statement = raw.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id FROM users")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(2);
        }
        assertThat(columnExists("x")).isFalse();
    }

    @Test
    void warnModeRunsTheDdlAndReportsItsCallSite() throws Exception {
        configure("warn");
        try (Connection connection = openWatched()) {
            SchemaTweaks.execute(connection, ADD_COLUMN);
        }

        assertThat(columnExists("x")).isTrue();
        assertThat(findings(FindingKind.DDL_OUTSIDE_MIGRATION)).singleElement().satisfies(f -> {
            assertThat(f.sql()).containsIgnoringCase("alter table users add column x");
            assertThat(f.callSite()).startsWith("com.example.shop.SchemaTweaks.execute(SchemaTweaks.java:");
            assertThat(f.details()).containsEntry("blocked", false).containsEntry("issuedBy", "application code");
            assertThat(f.suggestion()).contains("migration");
        });
    }

    @Test
    void allowedCallerMayChangeTheSchema() throws Exception {
        QueryLens.configure(QueryLensConfig.builder().set(ConfigKey.DDL_MODE, "block")
                .set(ConfigKey.DDL_ALLOWED_CALLERS, "com.example.shop.").build());
        try (Connection connection = openWatched()) {
            SchemaTweaks.execute(connection, ADD_COLUMN);
        }

        assertThat(columnExists("x")).isTrue();
        assertThat(findings(FindingKind.DDL_OUTSIDE_MIGRATION)).isEmpty();
    }

    @Test
    void allowCommentLetsOneStatementThroughBlockModeUnreportedButCounted() throws Exception {
        configure("block");
        try (Connection connection = openWatched()) {
            SchemaTweaks.execute(connection, "/* querylens:allow ddl_outside_migration */ " + ADD_COLUMN);
            assertThatThrownBy(() -> SchemaTweaks.execute(connection, "ALTER TABLE users ADD COLUMN y int"))
                    .isInstanceOf(DdlBlockedException.class);
        }

        assertThat(columnExists("x")).isTrue();
        assertThat(columnExists("y")).isFalse();
        assertThat(findings(FindingKind.DDL_OUTSIDE_MIGRATION)).singleElement()
                .satisfies(f -> assertThat(f.sql()).containsIgnoringCase("add column y"));
        assertThat(QueryLens.engine().detectors().stream()
                .filter(DdlOutsideMigrationDetector.class::isInstance)
                .mapToLong(d -> ((DdlOutsideMigrationDetector) d).suppressedOutsideMigration())
                .sum()).isEqualTo(1);
    }

    @Test
    void temporaryTablesAreNeverReported() throws Exception {
        configure("block");
        try (Connection connection = openWatched()) {
            SchemaTweaks.execute(connection, "CREATE TEMPORARY TABLE scratch (id int)");
            SchemaTweaks.execute(connection, "INSERT INTO scratch VALUES (1)");
            SchemaTweaks.execute(connection, "DROP TEMPORARY TABLE IF EXISTS scratch".replace(
                    "TEMPORARY ", temporaryDropKeyword()));
        }

        assertThat(QueryLens.findings()).isEmpty();
    }

    /** PostgreSQL has no DROP TEMPORARY TABLE; MySQL has it. */
    abstract String temporaryDropKeyword();

    @Test
    void flywayMigrationRunsInBlockModeWithoutOutsideFinding() throws Exception {
        configure("block");
        Files.writeString(migrations.resolve("V1__add_x.sql"), ADD_COLUMN + ";\n");

        flywayMigrates();

        assertThat(columnExists("x")).isTrue();
        assertThat(findings(FindingKind.DDL_OUTSIDE_MIGRATION)).isEmpty();
    }

    @Test
    void liquibaseChangelogRunsInBlockModeWithoutOutsideFinding() throws Exception {
        configure("block");
        Files.writeString(migrations.resolve("changelog.sql"), """
                --liquibase formatted sql

                --changeset querylens:1
                %s;
                """.formatted(ADD_COLUMN));

        try (Connection connection = openWatched()) {
            Database liquibaseDatabase = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            try (Liquibase liquibase = new Liquibase("changelog.sql", new DirectoryResourceAccessor(migrations),
                    liquibaseDatabase)) {
                liquibase.update(new Contexts(), new LabelExpression());
            }
        }

        assertThat(columnExists("x")).isTrue();
        assertThat(findings(FindingKind.DDL_OUTSIDE_MIGRATION)).isEmpty();
    }

    @Test
    void hibernateSchemaExportIsReported() {
        configure("warn");

        HibernateBootstrap.createSchema(database.querylensUrl(), database.user(), database.password());

        assertThat(findings(FindingKind.DDL_OUTSIDE_MIGRATION))
                .isNotEmpty()
                .anySatisfy(f -> {
                    assertThat(f.sql()).containsIgnoringCase("create table customer");
                    assertThat(f.details().get("issuedBy").toString()).startsWith("hibernate");
                    assertThat(f.callSite()).startsWith("com.example.shop.HibernateBootstrap.createSchema(");
                });
    }

    @Test
    void springSchemaScriptInitialisationIsNotAMigration() {
        configure("warn");
        org.springframework.jdbc.datasource.init.ResourceDatabasePopulator schemaSql =
                new org.springframework.jdbc.datasource.init.ResourceDatabasePopulator(
                        new org.springframework.core.io.ByteArrayResource((ADD_COLUMN + ";\n").getBytes(
                                java.nio.charset.StandardCharsets.UTF_8), "schema.sql"));

        org.springframework.jdbc.datasource.init.DatabasePopulatorUtils.execute(schemaSql, watchedDataSource());

        assertThat(findings(FindingKind.DDL_OUTSIDE_MIGRATION)).singleElement().satisfies(f -> {
            assertThat(f.sql()).containsIgnoringCase("alter table users add column x");
            assertThat(f.details()).containsEntry("issuedBy", "spring sql initialisation (schema.sql)");
        });
    }

    void configure(String mode) {
        QueryLens.configure(QueryLensConfig.builder().set(ConfigKey.DDL_MODE, mode).build());
    }

    Connection openWatched() throws SQLException {
        return DriverManager.getConnection(database.querylensUrl(), database.user(), database.password());
    }

    /** The application's own query, so that its shape is known when a migration renames what it reads. */
    void applicationSelectsAUserName() throws SQLException {
        try (Connection connection = openWatched();
             PreparedStatement query = connection.prepareStatement("SELECT name FROM users WHERE id = ?")) {
            query.setInt(1, 1);
            query.executeQuery().close();
        }
    }

    /** Real Flyway over the watched data source, applying what the test wrote to {@code migrations}. */
    void flywayMigrates() {
        Flyway.configure().dataSource(watchedDataSource()).locations("filesystem:" + migrations)
                .baselineOnMigrate(true).baselineVersion("0").load().migrate();
    }

    QueryLensDataSource watchedDataSource() {
        QueryLensDataSource dataSource = new QueryLensDataSource();
        dataSource.setUrl(database.querylensUrl());
        dataSource.setUser(database.user());
        dataSource.setPassword(database.password());
        return dataSource;
    }

    static List<Finding> findings(FindingKind kind) {
        return QueryLens.findings().stream().filter(f -> f.kind() == kind).toList();
    }

    boolean columnExists(String column) throws SQLException {
        try (Connection raw = database.open(); Statement statement = raw.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM information_schema.columns WHERE"
                     + " table_schema = " + currentSchemaFunction() + " AND table_name = 'users'"
                     + " AND column_name = '" + column + "'")) {
            rows.next();
            return rows.getInt(1) == 1;
        }
    }

    static int countUsers(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM users")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
