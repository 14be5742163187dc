package io.querylens.driver.detect.advisor;

import io.querylens.driver.finding.Finding;
import io.querylens.driver.finding.FindingKind;
import io.querylens.driver.finding.Severity;
import io.querylens.testkit.TestDatabase;
import io.querylens.testkit.TestDatabases;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.Test;

import static io.querylens.driver.detect.advisor.AdvisorFixture.execute;
import static io.querylens.driver.detect.advisor.AdvisorFixture.findings;
import static io.querylens.driver.detect.advisor.AdvisorFixture.onlyFinding;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue "Schema advisor": a Hibernate 7 entity whose field the table lacks gives one {@code schema_drift} finding naming
 * the entity, the field and the column; after the suggested migration there is none. PostgreSQL 17 and MariaDB 11.4.
 */
class SchemaDriftTest {

    @Test
    void entityFieldMissingFromThePostgresTableIsOneDriftFinding() throws Exception {
        TestDatabase database = TestDatabases.postgres().freshSchema("advisor_drift");
        execute(database, "create table customer (id bigint primary key, name varchar(255))");
        String suggestion = driftFinding(database, "ALTER TABLE customer ADD COLUMN nickname varchar(255);");
        execute(database, suggestion);
        assertNoDrift(database);
    }

    @Test
    void entityFieldMissingFromTheMariaDbTableIsOneDriftFinding() throws Exception {
        TestDatabase database = TestDatabases.mariadb().createDatabase("advisor_drift");
        execute(database, "create table customer (id bigint primary key, name varchar(255))");
        String suggestion = driftFinding(database, "ALTER TABLE customer ADD COLUMN nickname varchar(255);");
        execute(database, suggestion);
        assertNoDrift(database);
    }

    @Test
    void columnOfANarrowerTypeIsATypeMismatch() throws Exception {
        TestDatabase database = TestDatabases.postgres().freshSchema("advisor_drift");
        execute(database, "create table customer (id integer primary key, name varchar(255), nickname varchar(255))");
        AdvisorFixture fixture = new AdvisorFixture(database);
        try (SessionFactory sessionFactory = sessionFactory(database)) {
            applicationQueries(sessionFactory);
            fixture.awaitAdvisor();
            Finding finding = onlyFinding(FindingKind.SCHEMA_DRIFT);
            assertThat(finding.details()).containsEntry("rule", "type_mismatch").containsEntry("field", "id")
                    .containsEntry("actualType", "integer").containsEntry("expectedType", "bigint");
            assertThat(finding.suggestion()).isEqualTo("ALTER TABLE customer ALTER COLUMN id TYPE bigint;");
        }
    }

    /** Returns the suggestion of the one drift finding, after checking what it says. */
    private static String driftFinding(TestDatabase database, String expectedSuggestion) throws Exception {
        AdvisorFixture fixture = new AdvisorFixture(database);
        try (SessionFactory sessionFactory = sessionFactory(database)) {
            applicationQueries(sessionFactory);
            fixture.awaitAdvisor();
            fixture.runNow();
            Finding finding = onlyFinding(FindingKind.SCHEMA_DRIFT);
            assertThat(finding.table()).isEqualTo("customer");
            assertThat(finding.columns()).containsExactly("nickname");
            assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(finding.details()).containsEntry("entity", "Customer").containsEntry("field", "nickname")
                    .containsEntry("rule", "missing_column");
            assertThat(finding.reason()).contains("Entity Customer field nickname maps to column customer.nickname");
            assertThat(finding.suggestion()).isEqualTo(expectedSuggestion);
            assertThat(finding.occurrences()).as("reported once, although the advisor ran twice").isEqualTo(1);
            return finding.suggestion();
        }
    }

    private static void assertNoDrift(TestDatabase database) throws Exception {
        AdvisorFixture fixture = new AdvisorFixture(database);
        try (SessionFactory sessionFactory = sessionFactory(database)) {
            applicationQueries(sessionFactory);
            fixture.awaitAdvisor();
            assertThat(findings(FindingKind.SCHEMA_DRIFT)).isEmpty();
        }
    }

    private static SessionFactory sessionFactory(TestDatabase database) {
        return new Configuration()
                .addAnnotatedClass(Customer.class)
                .setProperty("jakarta.persistence.jdbc.url", database.querylensUrl())
                .setProperty("jakarta.persistence.jdbc.user", database.user())
                .setProperty("jakarta.persistence.jdbc.password", database.password())
                .setProperty("hibernate.hbm2ddl.auto", "none")
                .buildSessionFactory();
    }

    /** The application's first statement: the advisor learns the data source and its tables from it. */
    private static void applicationQueries(SessionFactory sessionFactory) {
        sessionFactory.inSession(session ->
                session.createSelectionQuery("select c.name from Customer c", String.class).getResultList());
    }
}
