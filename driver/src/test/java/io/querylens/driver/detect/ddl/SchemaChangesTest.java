package io.querylens.driver.detect.ddl;

import io.querylens.driver.config.ConfigKey;
import io.querylens.driver.config.QueryLensConfig;
import io.querylens.driver.config.QueryLensConfigException;
import io.querylens.driver.detect.ddl.lint.LintRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the guard treats as a schema change, and how it is configured. */
class SchemaChangesTest {

    @ParameterizedTest
    @ValueSource(strings = {"ALTER TABLE users ADD COLUMN x int", "/* setup */ create index i on t (c)",
            "-- why\nDROP TABLE t", "TRUNCATE t", "RENAME TABLE a TO b", "GRANT SELECT ON t TO r",
            "REVOKE ALL ON t FROM r", "VACUUM FULL t", "CREATE OR REPLACE VIEW v AS SELECT 1"})
    void schemaChanges(String sql) {
        assertThat(SchemaChanges.isSchemaChange(sql)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"CREATE TEMP TABLE t (id int)", "create temporary table t (id int)",
            "CREATE GLOBAL TEMPORARY TABLE t (id int)", "DROP TEMPORARY TABLE t", "VACUUM t", "ANALYZE t",
            "SET lock_timeout = '1s'", "DISCARD ALL", "PREPARE p AS SELECT 1", "SELECT 1"})
    void notSchemaChanges(String sql) {
        assertThat(SchemaChanges.isSchemaChange(sql)).isFalse();
    }

    @Test
    void temporaryTableNamesAreRecognised() {
        assertThat(SchemaChanges.temporaryTableCreated("create temp table if not exists scratch (id int)"))
                .isEqualTo("scratch");
        assertThat(SchemaChanges.temporaryTableCreated("create table scratch (id int)")).isNull();
        assertThat(SchemaChanges.droppedTable("drop table if exists scratch")).isEqualTo("scratch");
    }

    @Test
    void lockTimeoutStatementsAreSpottedWithoutParsing() {
        assertThat(DdlOutsideMigrationDetector.mentionsLockTimeout("set local lock_timeout = ?")).isTrue();
        assertThat(DdlOutsideMigrationDetector.mentionsLockTimeout("RESET ALL")).isTrue();
        assertThat(DdlOutsideMigrationDetector.mentionsLockTimeout("set search_path = ?")).isFalse();
        assertThat(DdlOutsideMigrationDetector.mentionsLockTimeout("select lock_timeout from t")).isFalse();
    }

    @Test
    void suggestedAllowedCallerIsTheCallSitesPackage() {
        assertThat(DdlBlockedException.packageOf("com.shop.admin.Setup.init(Setup.java:12)")).isEqualTo("com.shop.admin.");
        assertThat(DdlBlockedException.packageOf("unknown")).isEqualTo("<package prefix>");
    }

    @Test
    void unknownDisabledRuleFailsConfigurationLoudly() {
        QueryLensConfig config = QueryLensConfig.builder()
                .set(ConfigKey.DDL_DISABLED_RULES, "rename_column, renam_table").build();

        assertThatThrownBy(() -> DdlGuardProvider.disabledRules(config))
                .isInstanceOf(QueryLensConfigException.class)
                .hasMessageContaining("querylens.ddl.disabledRules")
                .hasMessageContaining("unknown rule renam_table");
        assertThat(DdlGuardProvider.disabledRules(QueryLensConfig.builder()
                .set(ConfigKey.DDL_DISABLED_RULES, "rename_column").build())).containsExactly(LintRule.RENAME_COLUMN);
    }

    @Test
    void invalidModeIsAConfigurationError() {
        assertThatThrownBy(() -> QueryLensConfig.builder().set(ConfigKey.DDL_MODE, "refuse").build())
                .isInstanceOf(QueryLensConfigException.class)
                .hasMessageContaining("expected one of warn, block, off");
    }
}
