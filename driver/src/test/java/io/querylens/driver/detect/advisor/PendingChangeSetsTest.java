package io.querylens.driver.detect.advisor;

import io.querylens.driver.config.ConfigKey;
import io.querylens.driver.finding.Finding;
import io.querylens.driver.finding.FindingKind;
import io.querylens.testkit.TestDatabase;
import io.querylens.testkit.TestDatabases;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.querylens.driver.detect.advisor.AdvisorFixture.execute;
import static io.querylens.driver.detect.advisor.AdvisorFixture.findings;
import static io.querylens.driver.detect.advisor.AdvisorFixture.onlyFinding;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue "Schema advisor": Liquibase change sets on the class path (test resources {@code advisor-test/changelog}: an
 * XML master with one change set, including a formatted-SQL and a YAML changelog) that the database's
 * databasechangelog does not list, on PostgreSQL 17 (lower-case table, as Liquibase makes it there) and MariaDB 11.4
 * (upper case).
 */
class PendingChangeSetsTest {
    private static final String LOCATION = "classpath:advisor-test/changelog";

    @Test
    void changeSetsNotAppliedToPostgresAreReportedUntilApplied() throws Exception {
        pendingUntilApplied(TestDatabases.postgres().freshSchema("advisor_liquibase"), "databasechangelog");
    }

    @Test
    void changeSetsNotAppliedToMariaDbAreReportedUntilApplied() throws Exception {
        pendingUntilApplied(TestDatabases.mariadb().createDatabase("advisor_liquibase"), "DATABASECHANGELOG");
    }

    @Test
    void everyFormatNamesItsChangeSetsByAuthorAndId() {
        Map<String, String> found = new LinkedHashMap<>();
        LiquibaseChangeSets.parse("a.xml", "<changeSet author='ann' id=\"7\" context=\"x\">", found);
        LiquibaseChangeSets.parse("b.sql", "--liquibase formatted sql\n-- changeset bob:8 runOnChange:true\nselect 1;",
                found);
        LiquibaseChangeSets.parse("c.yml", "databaseChangeLog:\n- changeSet:\n    id: '9'\n    author: cy # lead\n"
                + "- changeSet:\n    author: dee\n    id: ten\n", found);
        assertThat(found).containsExactly(Map.entry("ann:7", "a.xml"), Map.entry("bob:8", "b.sql"),
                Map.entry("cy:9", "c.yml"), Map.entry("dee:ten", "c.yml"));
    }

    private static void pendingUntilApplied(TestDatabase database, String table) throws Exception {
        execute(database, "create table " + table + " (ID varchar(255) not null, AUTHOR varchar(255) not null, "
                + "FILENAME varchar(255) not null, DATEEXECUTED timestamp not null, ORDEREXECUTED int not null, "
                + "EXECTYPE varchar(10) not null, MD5SUM varchar(35), DESCRIPTION varchar(255), "
                + "COMMENTS varchar(255), TAG varchar(255), LIQUIBASE varchar(20), CONTEXTS varchar(255), "
                + "LABELS varchar(255), DEPLOYMENT_ID varchar(10))");
        execute(database, "insert into " + table + " (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, EXECTYPE) "
                + "values ('1', 'shop', 'db/changelog/db.changelog-master.xml', current_timestamp, 1, 'EXECUTED')");
        String application = "select ID from " + table + " where ORDEREXECUTED = ?";
        AdvisorFixture fixture = new AdvisorFixture(database, ConfigKey.ADVISOR_MIGRATION_LOCATIONS, LOCATION);
        fixture.applicationRuns(application);
        assertThat(findings(FindingKind.SCHEMA_DRIFT)).as("the first run may meet a migration still running").isEmpty();
        fixture.runNow();

        Finding finding = onlyFinding(FindingKind.SCHEMA_DRIFT);
        assertThat(finding.details()).containsEntry("rule", "pending_migration").containsEntry("tool", "liquibase")
                .containsEntry("pendingChangeSets", List.of("shop:2", "shop:3-email"))
                .containsEntry("pendingFiles", List.of("changes/002-nickname.sql", "changes/003-email.yaml"));
        assertThat(finding.table()).isEqualToIgnoringCase("databasechangelog");

        execute(database, "insert into " + table + " (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, EXECTYPE) "
                + "values ('2', 'shop', 'db/changelog/changes/002-nickname.sql', current_timestamp, 2, 'EXECUTED'), "
                + "('3-email', 'shop', 'db/changelog/changes/003-email.yaml', current_timestamp, 3, 'EXECUTED')");
        AdvisorFixture applied = new AdvisorFixture(database, ConfigKey.ADVISOR_MIGRATION_LOCATIONS, LOCATION);
        applied.applicationRuns(application);
        applied.runNow();
        assertThat(findings(FindingKind.SCHEMA_DRIFT)).isEmpty();
    }
}
