package io.querylens.driver.detect.ddl.lint;

import io.querylens.driver.finding.Severity;
import io.querylens.driver.sql.Dialect;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static io.querylens.driver.detect.ddl.lint.LintRulesTest.rules;
import static io.querylens.driver.detect.ddl.lint.LintRulesTest.sessionAfter;
import static org.assertj.core.api.Assertions.assertThat;

/** What earlier statements, comments and configuration change about a statement's violations. */
class LintSessionRulesTest {
    private final MigrationLinter postgres = new MigrationLinter(Dialect.POSTGRESQL, Set.of(), ReferencingShapes.NONE);

    @Test
    void tableCreatedEarlierInTheSessionIsNotExisting() throws Exception {
        LintSession session = sessionAfter(postgres, List.of("CREATE TABLE audit (id bigint, at timestamptz)"));

        assertThat(postgres.lint("CREATE INDEX audit_at_idx ON audit (at)", Set.of(), session)).isEmpty();
        assertThat(postgres.lint("ALTER TABLE audit ADD COLUMN who text NOT NULL", Set.of(), session)).isEmpty();
        assertThat(rules(postgres.lint("CREATE INDEX orders_at_idx ON orders (at)", Set.of(), session)))
                .containsExactlyInAnyOrder(LintRule.CREATE_INDEX_NOT_CONCURRENTLY, LintRule.MISSING_LOCK_TIMEOUT);
    }

    @Test
    void allowCommentMarksTheViolationSuppressed() throws Exception {
        LintSession session = sessionAfter(postgres, List.of("SET lock_timeout = '5s'"));

        List<LintViolation> violations = postgres.lint(
                "-- querylens:allow rename_column\nALTER TABLE orders RENAME COLUMN total TO amount", Set.of(), session);

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo(LintRule.RENAME_COLUMN);
            assertThat(v.suppressed()).isTrue();
        });
    }

    @Test
    void allowCommentForAnotherRuleSuppressesNothing() throws Exception {
        LintSession session = sessionAfter(postgres, List.of("SET lock_timeout = '5s'"));

        List<LintViolation> violations = postgres.lint(
                "ALTER TABLE orders /* querylens:allow drop_column */ RENAME COLUMN total TO amount", Set.of(), session);

        assertThat(violations).singleElement().satisfies(v -> assertThat(v.suppressed()).isFalse());
    }

    @Test
    void disabledRuleIsNotReported() throws Exception {
        MigrationLinter linter = new MigrationLinter(Dialect.POSTGRESQL, Set.of(LintRule.MISSING_LOCK_TIMEOUT),
                ReferencingShapes.NONE);

        assertThat(rules(linter.lint("DROP INDEX orders_user_idx", Set.of(), new LintSession())))
                .containsExactly(LintRule.DROP_INDEX_NOT_CONCURRENTLY);
    }

    @Test
    void droppedColumnStillUsedByQueriesIsCriticalAndListsThem() throws Exception {
        ReferencingShapes seen = (table, column) -> table.equals("orders") && "note".equals(column)
                ? List.of("select note from orders where id = ?") : List.of();
        MigrationLinter linter = new MigrationLinter(Dialect.POSTGRESQL, Set.of(), seen);
        LintSession session = sessionAfter(linter, List.of("SET lock_timeout = '5s'"));

        LintViolation used = linter.lint("ALTER TABLE orders DROP COLUMN note", Set.of(), session).get(0);
        LintViolation unused = linter.lint("ALTER TABLE orders DROP COLUMN legacy", Set.of(), session).get(0);

        assertThat(used.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(used.referencingShapes()).containsExactly("select note from orders where id = ?");
        assertThat(unused.severity()).isEqualTo(Severity.WARNING);
        assertThat(unused.referencingShapes()).isEmpty();
    }

    @Test
    void setLocalLockTimeoutEndsWithTheTransaction() throws Exception {
        LintSession session = sessionAfter(postgres, List.of("SET LOCAL lock_timeout = '1s'"));
        assertThat(postgres.lint("ALTER TABLE orders ADD COLUMN a int", Set.of(), session)).isEmpty();

        session.transactionEnded();

        assertThat(rules(postgres.lint("ALTER TABLE orders ADD COLUMN b int", Set.of(), session)))
                .containsExactly(LintRule.MISSING_LOCK_TIMEOUT);
    }

    @Test
    void lockTimeoutOfZeroCountsAsNone() throws Exception {
        LintSession session = sessionAfter(postgres, List.of("SET lock_timeout = '5s'", "SET lock_timeout = 0"));

        assertThat(rules(postgres.lint("ALTER TABLE orders ADD COLUMN a int", Set.of(), session)))
                .containsExactly(LintRule.MISSING_LOCK_TIMEOUT);
    }

    @Test
    void mysqlFullTextIndexTakesATableLock() throws Exception {
        MigrationLinter mysql = new MigrationLinter(Dialect.MYSQL, Set.of(), ReferencingShapes.NONE);

        assertThat(rules(mysql.lint("ALTER TABLE posts ADD FULLTEXT INDEX posts_body_ft (body)", Set.of(),
                new LintSession()))).containsExactly(LintRule.MYSQL_TABLE_LOCK);
        assertThat(mysql.lint("CREATE INDEX posts_author_idx ON posts (author_id)", Set.of(), new LintSession()))
                .isEmpty();
    }

    @Test
    void postgresRulesDoNotApplyToMysql() throws Exception {
        MigrationLinter mysql = new MigrationLinter(Dialect.MYSQL, Set.of(), ReferencingShapes.NONE);

        assertThat(mysql.lint("CREATE INDEX orders_user_idx ON orders (user_id)", Set.of(), new LintSession()))
                .isEmpty();
    }
}
