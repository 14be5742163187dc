package io.querylens.driver.detect.ddl;

import io.querylens.QueryLens;
import io.querylens.driver.finding.Finding;
import io.querylens.driver.finding.FindingKind;
import io.querylens.driver.finding.Severity;
import io.querylens.testkit.TestDatabase;
import io.querylens.testkit.TestDatabases;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.sql.Connection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DdlGuardPostgresTest extends DdlGuardOnRealDatabaseTest {

    @Override
    TestDatabase server() {
        return TestDatabases.postgres();
    }

    @Override
    String currentSchemaFunction() {
        return "current_schema()";
    }

    @Override
    String temporaryDropKeyword() {
        return "";
    }

    @Test
    void flywayMigrationIsLintedInProcess() throws Exception {
        configure("block");
        applicationSelectsAUserName();
        Files.writeString(migrations.resolve("V1__index.sql"), "CREATE INDEX users_name_idx ON users (name);\n");
        Files.writeString(migrations.resolve("V2__rename.sql"), """
                SET lock_timeout = '5s';
                ALTER TABLE users RENAME COLUMN name TO full_name;
                ALTER TABLE users /* querylens:allow drop_column */ DROP COLUMN id;
                """);

        flywayMigrates();

        List<Finding> unsafe = findings(FindingKind.UNSAFE_MIGRATION);
        assertThat(unsafe).extracting(f -> f.details().get("rule"))
                .containsExactlyInAnyOrder("create_index_not_concurrently", "missing_lock_timeout",
                        "rename_column", "drop_column");
        assertThat(unsafe).allSatisfy(f -> assertThat(f.details()).containsEntry("migrationTool", "flyway"));
        Finding rename = rule(unsafe, "rename_column");
        assertThat(rename.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(rename.table()).isEqualTo("users");
        assertThat(rename.columns()).containsExactly("name");
        assertThat(rename.suggestion()).contains("Expand and contract");
        assertThat((List<?>) rename.details().get("referencingShapes")).singleElement().asString()
                .containsIgnoringCase("select name from users");
        assertThat(rename.details()).containsEntry("suppressed", false);
        assertThat(rule(unsafe, "drop_column").details()).containsEntry("suppressed", true);
        assertThat(findings(FindingKind.DDL_OUTSIDE_MIGRATION)).isEmpty();
        assertThat(QueryLens.findings()).hasSize(4);
    }

    @Test
    void rulesSwitchedOffByNameAreNotReportedInARealMigration() throws Exception {
        QueryLens.configure(io.querylens.driver.config.QueryLensConfig.builder()
                .set(io.querylens.driver.config.ConfigKey.DDL_MODE, "block")
                .set(io.querylens.driver.config.ConfigKey.DDL_DISABLED_RULES,
                        "create_index_not_concurrently,missing_lock_timeout")
                .build());
        Files.writeString(migrations.resolve("V1__index_and_check.sql"), """
                CREATE INDEX users_name_idx ON users (name);
                ALTER TABLE users ADD CONSTRAINT users_id_positive CHECK (id > 0);
                """);

        flywayMigrates();

        assertThat(findings(FindingKind.UNSAFE_MIGRATION)).extracting(f -> f.details().get("rule"))
                .containsExactly("check_constraint_without_not_valid");
    }

    @Test
    void liquibaseChangelogIsLintedInProcess() throws Exception {
        configure("block");
        Files.writeString(migrations.resolve("changelog.sql"), """
                --liquibase formatted sql

                --changeset querylens:1
                SET lock_timeout = '5s';
                ALTER TABLE users ADD CONSTRAINT users_id_positive CHECK (id > 0);

                --changeset querylens:2
                SET lock_timeout = '5s';
                ALTER TABLE users ADD CONSTRAINT users_name_set CHECK (name IS NOT NULL) NOT VALID;
                """);

        try (Connection connection = openWatched()) {
            liquibase.database.Database liquibaseDatabase = liquibase.database.DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new liquibase.database.jvm.JdbcConnection(connection));
            try (liquibase.Liquibase liquibase = new liquibase.Liquibase("changelog.sql",
                    new liquibase.resource.DirectoryResourceAccessor(migrations), liquibaseDatabase)) {
                liquibase.update(new liquibase.Contexts(), new liquibase.LabelExpression());
            }
        }

        List<Finding> unsafe = findings(FindingKind.UNSAFE_MIGRATION);
        assertThat(unsafe).as("%s", unsafe).extracting(f -> f.details().get("rule"))
                .containsExactly("check_constraint_without_not_valid");
        assertThat(unsafe.get(0).details()).containsEntry("migrationTool", "liquibase");
        assertThat(unsafe.get(0).sql()).contains("users_id_positive");
        assertThat(findings(FindingKind.DDL_OUTSIDE_MIGRATION)).isEmpty();
    }

    private static Finding rule(List<Finding> findings, String rule) {
        return findings.stream().filter(f -> rule.equals(f.details().get("rule"))).findFirst().orElseThrow();
    }
}
