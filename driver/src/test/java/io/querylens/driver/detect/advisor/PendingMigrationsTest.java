package io.querylens.driver.detect.advisor;

import io.querylens.driver.config.ConfigKey;
import io.querylens.driver.finding.Finding;
import io.querylens.driver.finding.FindingKind;
import io.querylens.testkit.TestDatabase;
import io.querylens.testkit.TestDatabases;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.querylens.driver.detect.advisor.AdvisorFixture.execute;
import static io.querylens.driver.detect.advisor.AdvisorFixture.findings;
import static io.querylens.driver.detect.advisor.AdvisorFixture.onlyFinding;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue "Schema advisor": Flyway migrations on the class path (test resources {@code advisor-test/migrations}: V1, V2,
 * V2_1 and a repeatable script) that the database's flyway_schema_history has not applied.
 */
class PendingMigrationsTest {
    private static final String LOCATION = "classpath:advisor-test/migrations";
    private static final String HISTORY = "create table flyway_schema_history (installed_rank int primary key, "
            + "version varchar(50), description varchar(200) not null, type varchar(20) not null, "
            + "script varchar(1000) not null, checksum int, installed_by varchar(100) not null, "
            + "installed_on timestamp not null default current_timestamp, execution_time int not null, "
            + "success boolean not null)";
    private static final String APPLICATION = "select version from flyway_schema_history where installed_rank = ?";

    @Test
    void migrationsNotAppliedToPostgresAreReportedUntilApplied() throws Exception {
        pendingUntilApplied(TestDatabases.postgres().freshSchema("advisor_flyway"));
    }

    @Test
    void migrationsNotAppliedToMariaDbAreReportedUntilApplied() throws Exception {
        pendingUntilApplied(TestDatabases.mariadb().createDatabase("advisor_flyway"));
    }

    @Test
    void migrationsFlywayIsStillApplyingWhenTheAdvisorLooksAreNeverReported() throws Exception {
        TestDatabase database = TestDatabases.postgres().freshSchema("advisor_flyway_running");
        execute(database, HISTORY);
        execute(database, "insert into flyway_schema_history (installed_rank, version, description, type, script, "
                + "installed_by, execution_time, success) values "
                + "(1, '1', 'create customer', 'SQL', 'V1__create_customer.sql', 'app', 5, true)");
        AdvisorFixture fixture = new AdvisorFixture(database, ConfigKey.ADVISOR_MIGRATION_LOCATIONS, LOCATION);
        fixture.applicationRuns(APPLICATION);
        // Flyway records V2 and V2.1 as it finishes them, after the advisor's first look.
        execute(database, "insert into flyway_schema_history (installed_rank, version, description, type, script, "
                + "installed_by, execution_time, success) values "
                + "(2, '2', 'add nickname', 'SQL', 'V2__add_nickname.sql', 'app', 5, true), "
                + "(3, '2.1', 'index nickname', 'SQL', 'V2_1__index_nickname.sql', 'app', 5, true)");
        fixture.runNow();
        fixture.runNow();
        assertThat(findings(FindingKind.SCHEMA_DRIFT)).isEmpty();
    }

    @Test
    void versionsCompareAsFlywayComparesThem() {
        assertThat(MigrationScripts.normalise("2_1")).isEqualTo("2.1");
        assertThat(MigrationScripts.normalise("1.0")).isEqualTo("1");
        assertThat(MigrationScripts.normalise("01.002")).isEqualTo("1.2");
    }

    private static void pendingUntilApplied(TestDatabase database) throws Exception {
        execute(database, HISTORY);
        execute(database, "insert into flyway_schema_history (installed_rank, version, description, type, script, "
                + "installed_by, execution_time, success) values "
                + "(1, '1', 'create customer', 'SQL', 'V1__create_customer.sql', 'app', 5, true), "
                + "(2, '2', 'add nickname', 'SQL', 'V2__add_nickname.sql', 'app', 5, false)");
        AdvisorFixture fixture = new AdvisorFixture(database, ConfigKey.ADVISOR_MIGRATION_LOCATIONS, LOCATION);
        fixture.applicationRuns(APPLICATION);
        assertThat(findings(FindingKind.SCHEMA_DRIFT)).as("the first run may meet a migration still running").isEmpty();
        fixture.runNow();

        Finding finding = onlyFinding(FindingKind.SCHEMA_DRIFT);
        assertThat(finding.details()).containsEntry("rule", "pending_migration")
                .containsEntry("pendingVersions", List.of("2", "2.1"))
                .containsEntry("pendingScripts", List.of("V2__add_nickname.sql", "V2_1__index_nickname.sql"));
        assertThat(finding.table()).isEqualTo("flyway_schema_history");

        execute(database, "update flyway_schema_history set success = true where installed_rank = 2");
        execute(database, "insert into flyway_schema_history (installed_rank, version, description, type, script, "
                + "installed_by, execution_time, success) values "
                + "(3, '2.1', 'index nickname', 'SQL', 'V2_1__index_nickname.sql', 'app', 5, true)");
        AdvisorFixture applied = new AdvisorFixture(database, ConfigKey.ADVISOR_MIGRATION_LOCATIONS, LOCATION);
        applied.applicationRuns(APPLICATION);
        applied.runNow();
        assertThat(findings(FindingKind.SCHEMA_DRIFT)).isEmpty();
    }
}
