package io.querylens.driver.detect.ddl.lint;

import io.querylens.driver.sql.Dialect;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MySQL/MariaDB ALTERs beyond {@link LintRulesTest}'s one pair per rule: each way an ALTER copies the table or takes a
 * table lock, beside the online form of the same change.
 */
class MysqlOnlineAlterRulesTest {
    private final MigrationLinter linter = new MigrationLinter(Dialect.MYSQL, Set.of(), ReferencingShapes.NONE);

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "mysql_algorithm_copy|ALTER TABLE orders ADD COLUMN note text, ALGORITHM=COPY|ALTER TABLE orders ADD COLUMN note text, ALGORITHM=INSTANT",
            "mysql_algorithm_copy|ALTER TABLE orders MODIFY total bigint NOT NULL|ALTER TABLE orders MODIFY total bigint NOT NULL, ALGORITHM=INPLACE, LOCK=NONE",
            "mysql_algorithm_copy|ALTER TABLE orders CONVERT TO CHARACTER SET utf8mb4|ALTER TABLE orders DEFAULT CHARACTER SET utf8mb4",
            "mysql_algorithm_copy|ALTER TABLE orders DROP PRIMARY KEY, ADD PRIMARY KEY (id, region)|ALTER TABLE orders ADD UNIQUE INDEX orders_ref (ref), ALGORITHM=INPLACE, LOCK=NONE",
            "mysql_table_lock|ALTER TABLE orders ADD INDEX orders_user (user_id), LOCK=SHARED|ALTER TABLE orders ADD INDEX orders_user (user_id), ALGORITHM=INPLACE, LOCK=NONE",
            "mysql_table_lock|ALTER TABLE orders ADD FULLTEXT INDEX orders_note (note)|ALTER TABLE orders ADD INDEX orders_note (note(20)), LOCK=NONE",
    })
    void unsafeFormIsFlaggedAndOnlineFormIsNot(String rule, String unsafe, String online) throws Exception {
        assertThat(linter.lint(unsafe, Set.of(), new LintSession())).extracting(v -> v.rule().ruleName())
                .contains(rule);
        assertThat(linter.lint(online, Set.of(), new LintSession())).isEmpty();
    }
}
