package io.querylens.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.querylens.driver.detect.ddl.lint.LintRule;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line, run in-process over a folder of Flyway migrations, good and bad. */
class LintCommandTest {
    @TempDir
    Path project;

    private Path migrations;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void writeMigrations() throws IOException {
        migrations = Files.createDirectories(project.resolve("db/migration"));
        write("V1__create_users.sql", """
                CREATE TABLE users (id bigint PRIMARY KEY, email text);
                CREATE INDEX users_email_idx ON users (email);
                """);
        write("V2__index_concurrently.sql", """
                SET lock_timeout = '5s';
                CREATE INDEX CONCURRENTLY orders_user_idx ON orders (user_id);
                """);
        write("V3__rename_allowed.sql", """
                -- the mobile app was updated two releases ago
                ALTER TABLE orders RENAME COLUMN note TO remark; -- querylens:allow rename_column
                """);
        write("V10__volatile_default.sql", """
                -- version 10 sorts after version 3

                ALTER TABLE orders
                  ADD COLUMN token uuid DEFAULT gen_random_uuid();
                """);
    }

    @Test
    void cleanFolderExitsZero() throws IOException {
        Path clean = Files.createDirectories(project.resolve("clean"));
        Files.copy(migrations.resolve("V1__create_users.sql"), clean.resolve("V1__create_users.sql"));
        Files.copy(migrations.resolve("V2__index_concurrently.sql"), clean.resolve("V2__index_concurrently.sql"));

        int exit = lint("--dialect", "postgresql", clean.toString());

        assertThat(exit).isEqualTo(LintCommand.EXIT_CLEAN);
        assertThat(out.toString()).contains("0 finding(s)");
    }

    @Test
    void badMigrationFailsWithFileAndLine() {
        int exit = lint("--dialect", "postgresql", migrations.toString());

        assertThat(exit).isEqualTo(LintCommand.EXIT_FINDINGS);
        assertThat(out.toString())
                .contains("db/migration/V10__volatile_default.sql:3: critical add_column_volatile_default:")
                .contains("db/migration/V3__rename_allowed.sql:2: warning rename_column (suppressed):")
                .contains("safe alternative:")
                .doesNotContain("create_index_not_concurrently");
    }

    @Test
    void suppressedAndBelowThresholdFindingsDoNotFail() throws IOException {
        Files.delete(migrations.resolve("V10__volatile_default.sql"));

        assertThat(lint(migrations.toString())).isEqualTo(LintCommand.EXIT_CLEAN);
        assertThat(lint("--fail-on", "critical", project.toString())).isEqualTo(LintCommand.EXIT_CLEAN);
    }

    @Test
    void thresholdNoneNeverFails() {
        assertThat(lint("--fail-on", "none", migrations.toString())).isEqualTo(LintCommand.EXIT_CLEAN);
    }

    @Test
    void disabledRuleIsNotReported() {
        int exit = lint("--disable", "add_column_volatile_default,missing_lock_timeout", migrations.toString());

        assertThat(exit).isEqualTo(LintCommand.EXIT_CLEAN);
        assertThat(out.toString()).doesNotContain("add_column_volatile_default");
    }

    @Test
    void jsonListsFindingsWithFileLineAndRule() throws IOException {
        Path json = project.resolve("lint.json");

        lint("--json", json.toString(), migrations.toString());

        JsonNode findings = new ObjectMapper().readTree(json.toFile()).get("findings");
        List<String> rules = new ArrayList<>();
        findings.forEach(f -> rules.add(f.get("rule").asText()));
        assertThat(rules).containsExactly("rename_column", "add_column_volatile_default");
        JsonNode volatileDefault = findings.get(1);
        assertThat(volatileDefault.get("file").asText()).isEqualTo("db/migration/V10__volatile_default.sql");
        assertThat(volatileDefault.get("line").asInt()).isEqualTo(3);
        assertThat(volatileDefault.get("severity").asText()).isEqualTo("critical");
        assertThat(volatileDefault.get("column").asText()).isEqualTo("token");
        assertThat(volatileDefault.get("safeAlternative").asText()).isNotBlank();
        assertThat(findings.get(0).get("suppressed").asBoolean()).isTrue();
    }

    @Test
    void sarifHasTheStructureCodeScanningReads() throws IOException {
        Path sarif = project.resolve("lint.sarif");

        lint("--sarif", sarif.toString(), migrations.toString());

        JsonNode root = new ObjectMapper().readTree(sarif.toFile());
        assertThat(root.get("version").asText()).isEqualTo("2.1.0");
        assertThat(root.get("$schema").asText()).contains("sarif-2.1.0");
        JsonNode run = root.get("runs").get(0);
        JsonNode rules = run.get("tool").get("driver").get("rules");
        assertThat(rules).hasSize(LintRule.values().length + 1);
        List<String> ruleIds = new ArrayList<>();
        rules.forEach(r -> ruleIds.add(r.get("id").asText()));
        JsonNode results = run.get("results");
        assertThat(results).hasSize(2);
        for (JsonNode result : results) {
            String ruleId = result.get("ruleId").asText();
            assertThat(ruleIds.get(result.get("ruleIndex").asInt())).isEqualTo(ruleId);
            assertThat(result.get("level").asText()).isIn("error", "warning", "note");
            assertThat(result.get("message").get("text").asText()).isNotBlank();
            JsonNode location = result.get("locations").get(0).get("physicalLocation");
            assertThat(location.get("artifactLocation").get("uri").asText()).startsWith("db/migration/V");
            assertThat(location.get("region").get("startLine").asInt()).isPositive();
        }
        JsonNode volatileDefault = results.get(1);
        assertThat(volatileDefault.get("ruleId").asText()).isEqualTo("add_column_volatile_default");
        assertThat(volatileDefault.get("level").asText()).isEqualTo("error");
        assertThat(volatileDefault.get("locations").get(0).get("physicalLocation").get("region").get("startLine")
                .asInt()).isEqualTo(3);
        assertThat(results.get(0).get("suppressions").get(0).get("kind").asText()).isEqualTo("inSource");
    }

    @Test
    void unparsableFileIsReportedAndTheRestStillLinted() throws IOException {
        write("V4__broken.sql", "SELECT 1;\nCREATE FUNCTION f() RETURNS int AS $$ BEGIN\n");
        Files.write(migrations.resolve("V5__binary.sql"), new byte[]{(byte) 0xff, (byte) 0xfe, 0, 1});
        Path sarif = project.resolve("lint.sarif");

        int exit = lint("--sarif", sarif.toString(), "--disable", "add_column_volatile_default", migrations.toString());

        assertThat(exit).isEqualTo(LintCommand.EXIT_FINDINGS);
        assertThat(out.toString())
                .contains("db/migration/V4__broken.sql:2: error unparsable: unterminated dollar-quoted string")
                .contains("db/migration/V5__binary.sql:1: error unparsable: not UTF-8 text")
                .contains("rename_column");
        JsonNode results = new ObjectMapper().readTree(sarif.toFile()).get("runs").get(0).get("results");
        List<String> ruleIds = new ArrayList<>();
        results.forEach(r -> ruleIds.add(r.get("ruleId").asText()));
        assertThat(ruleIds).contains("unparsable");
    }

    @Test
    void liquibaseFormattedSqlChangelogIsLinted() throws IOException {
        Path changelog = Files.createDirectories(project.resolve("changelog"));
        Files.writeString(changelog.resolve("changelog.sql"), """
                --liquibase formatted sql

                --changeset ana:1
                SET lock_timeout = '5s';
                ALTER TABLE accounts DROP COLUMN legacy_flag;
                --rollback ALTER TABLE accounts ADD COLUMN legacy_flag boolean;
                """);

        int exit = lint("--dialect", "postgresql", changelog.toString());

        assertThat(exit).isEqualTo(LintCommand.EXIT_FINDINGS);
        assertThat(out.toString()).contains("changelog/changelog.sql:5: warning drop_column:");
    }

    @Test
    void unknownRuleAndMissingFolderAreUsageErrors() {
        assertThat(lint("--disable", "no_such_rule", migrations.toString())).isEqualTo(LintCommand.EXIT_USAGE);
        assertThat(lint(project.resolve("missing").toString())).isEqualTo(LintCommand.EXIT_USAGE);
        assertThat(err.toString()).contains("unknown rule").contains("no such file or folder");
    }

    @Test
    void querylensLintSubcommandRunsTheSameLint() {
        int exit = QueryLensCommand.run(new PrintWriter(out), new PrintWriter(err),
                "lint", "--base-dir", project.toString(), "--dialect", "mysql", migrations.toString());

        // MySQL adds a column with a default without a rewrite, and the rename is excused in the migration.
        assertThat(exit).isEqualTo(LintCommand.EXIT_CLEAN);
        assertThat(out.toString()).contains("rename_column (suppressed)").doesNotContain("add_column_volatile_default");
    }

    private int lint(String... args) {
        String[] withBase = new String[args.length + 2];
        withBase[0] = "--base-dir";
        withBase[1] = project.toString();
        System.arraycopy(args, 0, withBase, 2, args.length);
        return LintCommand.run(new PrintWriter(out), new PrintWriter(err), withBase);
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(migrations.resolve(name), text, StandardCharsets.UTF_8);
    }
}
