package io.querylens.driver.detect.ddl;

import io.querylens.QueryLens;
import io.querylens.driver.finding.Finding;
import io.querylens.driver.finding.FindingKind;
import io.querylens.driver.finding.Severity;
import io.querylens.testkit.TestDatabase;
import io.querylens.testkit.TestDatabases;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DdlGuardMariaDbTest extends DdlGuardOnRealDatabaseTest {

    @Override
    TestDatabase server() {
        return TestDatabases.mariadb();
    }

    @Override
    String currentSchemaFunction() {
        return "database()";
    }

    @Override
    String temporaryDropKeyword() {
        return "TEMPORARY ";
    }

    @Test
    void flywayMigrationIsLintedInProcessWithTheMysqlRules() throws Exception {
        configure("block");
        applicationSelectsAUserName();
        Files.writeString(migrations.resolve("V1__reshape_users.sql"), """
                ALTER TABLE users MODIFY COLUMN name varchar(100);
                ALTER TABLE users ADD COLUMN note text, ALGORITHM=INSTANT;
                ALTER TABLE users DROP COLUMN name;
                """);

        flywayMigrates();

        assertThat(columnExists("note")).isTrue();
        assertThat(columnExists("name")).isFalse();
        List<Finding> unsafe = findings(FindingKind.UNSAFE_MIGRATION);
        assertThat(unsafe).extracting(f -> f.details().get("rule"))
                .containsExactlyInAnyOrder("mysql_algorithm_copy", "drop_column");
        assertThat(unsafe).allSatisfy(f -> assertThat(f.details()).containsEntry("migrationTool", "flyway"));
        Finding drop = unsafe.stream().filter(f -> "drop_column".equals(f.details().get("rule"))).findFirst()
                .orElseThrow();
        assertThat(drop.severity()).isEqualTo(Severity.CRITICAL);
        assertThat((List<?>) drop.details().get("referencingShapes")).singleElement().asString()
                .containsIgnoringCase("select name from users");
        assertThat(findings(FindingKind.DDL_OUTSIDE_MIGRATION)).isEmpty();
        assertThat(QueryLens.findings()).hasSize(2);
    }
}
