package io.querylens.driver.detect.ddl.lint;

import io.querylens.driver.sql.Dialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every rule fires on a statement that breaks it, and stays silent on that statement's safe alternative. */
class LintRulesTest {
    private static final String LOCK_TIMEOUT = "SET lock_timeout = '5s'";

    static Stream<Arguments> rules() {
        return Stream.of(
                pg(LintRule.CREATE_INDEX_NOT_CONCURRENTLY,
                        "CREATE INDEX orders_user_idx ON orders (user_id)",
                        "CREATE INDEX CONCURRENTLY orders_user_idx ON orders (user_id)"),
                pg(LintRule.DROP_INDEX_NOT_CONCURRENTLY,
                        "DROP INDEX orders_user_idx",
                        "DROP INDEX CONCURRENTLY IF EXISTS orders_user_idx"),
                pg(LintRule.ADD_COLUMN_VOLATILE_DEFAULT,
                        "ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid()",
                        "ALTER TABLE orders ADD COLUMN created_at timestamptz DEFAULT now()"),
                pg(LintRule.ADD_COLUMN_NOT_NULL_WITHOUT_DEFAULT,
                        "ALTER TABLE orders ADD COLUMN status text NOT NULL",
                        "ALTER TABLE orders ADD COLUMN status text NOT NULL DEFAULT 'new'"),
                pg(LintRule.SET_NOT_NULL,
                        "ALTER TABLE orders ALTER COLUMN status SET NOT NULL",
                        "ALTER TABLE orders ADD CONSTRAINT status_nn CHECK (status IS NOT NULL) NOT VALID",
                        "ALTER TABLE orders VALIDATE CONSTRAINT status_nn",
                        "ALTER TABLE orders ALTER COLUMN status SET NOT NULL"),
                pg(LintRule.CHANGE_COLUMN_TYPE,
                        "ALTER TABLE orders ALTER COLUMN total TYPE bigint",
                        "ALTER TABLE orders ALTER COLUMN note TYPE text"),
                pg(LintRule.FOREIGN_KEY_WITHOUT_NOT_VALID,
                        "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id)",
                        "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID"),
                pg(LintRule.CHECK_CONSTRAINT_WITHOUT_NOT_VALID,
                        "ALTER TABLE orders ADD CONSTRAINT total_positive CHECK (total > 0)",
                        "ALTER TABLE orders ADD CONSTRAINT total_positive CHECK (total > 0) NOT VALID"),
                pg(LintRule.UNIQUE_CONSTRAINT_WITHOUT_INDEX,
                        "ALTER TABLE orders ADD CONSTRAINT orders_ref_key UNIQUE (ref)",
                        "ALTER TABLE orders ADD CONSTRAINT orders_ref_key UNIQUE USING INDEX orders_ref_idx"),
                pg(LintRule.VACUUM_FULL,
                        "VACUUM FULL orders",
                        "VACUUM (VERBOSE, ANALYZE) orders"),
                pg(LintRule.CLUSTER,
                        "CLUSTER orders USING orders_pkey",
                        "VACUUM ANALYZE orders"),
                Arguments.of(LintRule.MISSING_LOCK_TIMEOUT, Dialect.POSTGRESQL, List.of(),
                        "ALTER TABLE orders ADD COLUMN note text",
                        List.of("SET LOCAL lock_timeout TO '2s'"), "ALTER TABLE orders ADD COLUMN note text"),
                pg(LintRule.RENAME_COLUMN,
                        "ALTER TABLE orders RENAME COLUMN total TO amount",
                        "ALTER TABLE orders ADD COLUMN amount numeric"),
                pg(LintRule.RENAME_TABLE,
                        "ALTER TABLE orders RENAME TO purchases",
                        "CREATE VIEW purchases AS SELECT * FROM orders"),
                pg(LintRule.DROP_COLUMN,
                        "ALTER TABLE public.orders DROP COLUMN IF EXISTS note",
                        "ALTER TABLE orders ALTER COLUMN note DROP NOT NULL"),
                pg(LintRule.DROP_TABLE,
                        "DROP TABLE IF EXISTS orders",
                        "CREATE TABLE scratch (id int)",
                        "DROP TABLE scratch"),
                mysql(LintRule.MYSQL_ALGORITHM_COPY,
                        "ALTER TABLE orders MODIFY COLUMN total bigint",
                        "ALTER TABLE orders MODIFY COLUMN total bigint, ALGORITHM=INPLACE, LOCK=NONE"),
                mysql(LintRule.MYSQL_TABLE_LOCK,
                        "ALTER TABLE orders ADD COLUMN note text, LOCK=EXCLUSIVE",
                        "ALTER TABLE orders ADD COLUMN note text, ALGORITHM=INSTANT"),
                mysql(LintRule.RENAME_COLUMN,
                        "ALTER TABLE `orders` CHANGE `total` `amount` int, ALGORITHM=INPLACE",
                        "ALTER TABLE `orders` CHANGE `total` `total` int, ALGORITHM=INPLACE"),
                mysql(LintRule.RENAME_TABLE,
                        "RENAME TABLE orders TO purchases",
                        "CREATE TABLE purchases LIKE orders"),
                mysql(LintRule.DROP_COLUMN,
                        "ALTER TABLE orders DROP COLUMN note",
                        "ALTER TABLE orders DROP INDEX note_idx"),
                mysql(LintRule.DROP_TABLE,
                        "DROP TABLE orders",
                        "DROP TEMPORARY TABLE IF EXISTS orders_import"));
    }

    /** PostgreSQL case in a session that already set lock_timeout; the last safe statement is the one checked. */
    private static Arguments pg(LintRule rule, String unsafe, String... safeSteps) {
        return Arguments.of(rule, Dialect.POSTGRESQL, List.of(LOCK_TIMEOUT), unsafe,
                Arrays.asList(safeSteps).subList(0, safeSteps.length - 1), safeSteps[safeSteps.length - 1]);
    }

    private static Arguments mysql(LintRule rule, String unsafe, String safe) {
        return Arguments.of(rule, Dialect.MYSQL, List.of(), unsafe, List.of(), safe);
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("rules")
    void ruleFiresOnUnsafeStatementAndNotOnItsSafeAlternative(LintRule rule, Dialect dialect, List<String> setup,
                                                              String unsafe, List<String> safeSetup, String safe)
            throws Exception {
        MigrationLinter linter = new MigrationLinter(dialect, Set.of(), ReferencingShapes.NONE);

        LintSession unsafeSession = sessionAfter(linter, setup);
        assertThat(rules(linter.lint(unsafe, Set.of(), unsafeSession))).contains(rule);

        LintSession safeSession = sessionAfter(linter, setup);
        for (String step : safeSetup) {
            linter.lint(step, Set.of(), safeSession);
        }
        assertThat(linter.lint(safe, Set.of(), safeSession)).isEmpty();
    }

    @Test
    void everyRuleHasACase() {
        Set<LintRule> covered = EnumSet.noneOf(LintRule.class);
        rules().forEach(arguments -> covered.add((LintRule) arguments.get()[0]));
        assertThat(covered).containsExactlyInAnyOrder(LintRule.values());
    }

    @Test
    void violationCarriesTableColumnReasonAndAlternative() throws Exception {
        MigrationLinter linter = new MigrationLinter(Dialect.POSTGRESQL, Set.of(), ReferencingShapes.NONE);
        LintSession session = sessionAfter(linter, List.of(LOCK_TIMEOUT));

        LintViolation violation = linter.lint("ALTER TABLE orders ALTER COLUMN total TYPE bigint", Set.of(), session)
                .get(0);

        assertThat(violation.table()).isEqualTo("orders");
        assertThat(violation.column()).isEqualTo("total");
        assertThat(violation.reason()).contains("orders.total").contains("rewrites");
        assertThat(violation.safeAlternative()).contains("Expand and contract");
        assertThat(violation.suppressed()).isFalse();
    }

    static LintSession sessionAfter(MigrationLinter linter, List<String> statements) throws Exception {
        LintSession session = new LintSession();
        for (String statement : statements) {
            linter.lint(statement, Set.of(), session);
        }
        return session;
    }

    static List<LintRule> rules(List<LintViolation> violations) {
        List<LintRule> rules = new ArrayList<>();
        violations.forEach(v -> rules.add(v.rule()));
        return rules;
    }
}
