package io.querylens.driver.detect.advisor;

import io.querylens.driver.finding.Finding;
import io.querylens.driver.finding.FindingKind;
import io.querylens.driver.finding.Severity;
import io.querylens.testkit.TestDatabase;
import io.querylens.testkit.TestDatabases;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.querylens.driver.detect.advisor.AdvisorFixture.execute;
import static io.querylens.driver.detect.advisor.AdvisorFixture.findings;
import static io.querylens.driver.detect.advisor.AdvisorFixture.onlyFinding;
import static org.assertj.core.api.Assertions.assertThat;

/** Issue "Schema advisor": missing_foreign_key and unindexed_foreign_key on a real PostgreSQL 17. */
class ForeignKeysOnPostgresTest {
    private static final String JOIN = "select o.id, u.email from orders o join users u on u.id = o.user_id where o.id = ?";
    private TestDatabase database;

    @BeforeEach
    void schemaWithoutConstraints() throws Exception {
        database = TestDatabases.postgres().freshSchema("advisor_fk");
        execute(database, "create table users (id bigint primary key, email text not null, team int not null)");
        execute(database, "insert into users select g, 'u' || g || '@example.com', g % 3 from generate_series(1, 10) g");
        execute(database, "create table orders (id bigint primary key, user_id bigint, team int, total numeric)");
        execute(database, "insert into orders select g, 1 + g % 10, g % 3, g from generate_series(1, 20) g");
        execute(database, "insert into orders values (21, 999, 0, 1), (22, 998, 0, 1), (23, null, 0, 1)");
    }

    @Test
    void joinOnAKeyWithoutConstraintIsAMissingForeignKeyWithItsOrphansCounted() throws Exception {
        new AdvisorFixture(database).applicationRuns(JOIN);

        Finding finding = onlyFinding(FindingKind.MISSING_FOREIGN_KEY);
        assertThat(finding.table()).isEqualTo("orders");
        assertThat(finding.columns()).containsExactly("user_id");
        assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(finding.details()).containsEntry("orphanRows", 2L).containsEntry("referencedTable", "users")
                .containsEntry("rule", "join_without_constraint");
        assertThat(finding.sql()).isEqualTo("select o.id, u.email from orders o join users u on u.id = o.user_id "
                + "where o.id = ?");
        assertThat(finding.suggestion()).isEqualTo(
                "ALTER TABLE orders ADD CONSTRAINT fk_orders_user_id FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n"
                        + "ALTER TABLE orders VALIDATE CONSTRAINT fk_orders_user_id;");
        assertThat(finding.reason()).contains("2 rows of orders already point at no users row");
    }

    @Test
    void suggestedConstraintEndsTheMissingForeignKeyAndItsIndexEndsTheUnindexedForeignKey() throws Exception {
        new AdvisorFixture(database).applicationRuns(JOIN);
        String addConstraint = onlyFinding(FindingKind.MISSING_FOREIGN_KEY).suggestion();
        execute(database, "delete from orders where user_id > 10");
        execute(database, addConstraint);

        new AdvisorFixture(database).applicationRuns(JOIN);
        assertThat(findings(FindingKind.MISSING_FOREIGN_KEY)).isEmpty();
        Finding unindexed = onlyFinding(FindingKind.UNINDEXED_FOREIGN_KEY);
        assertThat(unindexed.table()).isEqualTo("orders");
        assertThat(unindexed.columns()).containsExactly("user_id");
        assertThat(unindexed.suggestion())
                .isEqualTo("CREATE INDEX CONCURRENTLY idx_orders_user_id ON orders (user_id);");
        execute(database, unindexed.suggestion());

        new AdvisorFixture(database).applicationRuns(JOIN);
        assertThat(findings(FindingKind.MISSING_FOREIGN_KEY)).isEmpty();
        assertThat(findings(FindingKind.UNINDEXED_FOREIGN_KEY)).isEmpty();
    }

    @Test
    void implicitJoinInWhereCountsAsAJoin() throws Exception {
        new AdvisorFixture(database).applicationRuns(
                "select o.id from orders o, users u where o.user_id = u.id and u.email = 'x'");
        assertThat(onlyFinding(FindingKind.MISSING_FOREIGN_KEY).columns()).containsExactly("user_id");
    }

    @Test
    void joinOnColumnsThatAreNotAKeyIsNoForeignKeyRelationship() throws Exception {
        new AdvisorFixture(database).applicationRuns(
                "select o.id from orders o join users u on u.team = o.team where o.id = ?");
        assertThat(findings(FindingKind.MISSING_FOREIGN_KEY)).isEmpty();
    }

    @Test
    void checkSwitchedOffByNameReportsNothing() throws Exception {
        io.querylens.QueryLens.configure(io.querylens.driver.config.QueryLensConfig.builder()
                .set(io.querylens.driver.config.ConfigKey.ADVISOR_SETTLE_MILLIS, 0)
                .set(io.querylens.driver.config.ConfigKey.ADVISOR_DISABLED_CHECKS, "missing_foreign_key")
                .build());
        SchemaAdvisor advisor = (SchemaAdvisor) io.querylens.QueryLens.engine().detectors().stream()
                .filter(SchemaAdvisor.class::isInstance).findFirst().orElseThrow();
        try (var app = java.sql.DriverManager.getConnection(database.querylensUrl(), database.user(),
                database.password()); var statement = app.createStatement()) {
            statement.executeQuery("select o.id, u.email from orders o join users u on u.id = o.user_id").close();
        }
        advisor.runNow();
        assertThat(advisor.awaitIdle(java.time.Duration.ofSeconds(60))).isTrue();
        assertThat(findings(FindingKind.MISSING_FOREIGN_KEY)).isEmpty();
    }
}
