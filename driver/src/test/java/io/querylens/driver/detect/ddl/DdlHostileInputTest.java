package io.querylens.driver.detect.ddl;

import io.querylens.driver.detect.ddl.lint.LintSession;
import io.querylens.driver.detect.ddl.lint.MigrationLinter;
import io.querylens.driver.detect.ddl.lint.ReferencingShapes;
import io.querylens.driver.detect.ddl.lint.ScriptSplitter;
import io.querylens.driver.detect.ddl.lint.UnparsableSqlException;
import io.querylens.driver.sql.Dialect;
import io.querylens.driver.sql.Fingerprinter;
import io.querylens.driver.sql.MutatedStatements;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The DDL guard's second look ({@link SchemaChanges}) and the migration linter on mutated real statements, raw (the
 * command-line linter reads files) and as shapes (what the guard lints in-process): only the linter's own
 * "unparsable" answer may come out. Issue "Reliability and security", section "Hostile and odd input".
 */
class DdlHostileInputTest {

    @Provide
    Arbitrary<String> mutated() {
        return MutatedStatements.mutated();
    }

    @Property(tries = 1000)
    void lintingAMutatedStatementNeverThrowsButUnparsable(@ForAll("mutated") String sql, @ForAll Dialect dialect) {
        MigrationLinter linter = new MigrationLinter(dialect, Set.of(), (table, column) -> java.util.List.of(sql));
        LintSession session = new LintSession();
        for (String text : new String[] {sql, Fingerprinter.fingerprint(sql, dialect).text()}) {
            assertThatCode(() -> {
                try {
                    assertThat(linter.lint(text, Set.of(), session)).isNotNull();
                } catch (UnparsableSqlException expected) {
                    assertThat(expected.getMessage()).isNotBlank();
                }
            }).as(text).doesNotThrowAnyException();
        }
    }

    @Property(tries = 1000)
    void splittingAMutatedScriptNeverThrowsButUnparsable(@ForAll("mutated") String a, @ForAll("mutated") String b,
                                                        @ForAll Dialect dialect) {
        String script = a + ";\n" + b + "\n-- querylens:allow drop_table\nDELIMITER $$\n" + a + "$$\nDELIMITER ;\n";
        assertThatCode(() -> {
            try {
                assertThat(ScriptSplitter.split(script, dialect)).isNotNull();
            } catch (UnparsableSqlException expected) {
                assertThat(expected.line()).isPositive();
            }
        }).doesNotThrowAnyException();
    }

    @Property(tries = 1000)
    void theGuardsSecondLookNeverThrows(@ForAll("mutated") String sql, @ForAll Dialect dialect) {
        String shape = Fingerprinter.fingerprint(sql, dialect).text();
        for (String text : new String[] {sql, shape}) {
            assertThatCode(() -> {
                SchemaChanges.isSchemaChange(text);
                SchemaChanges.temporaryTableCreated(text);
                SchemaChanges.droppedTable(text);
                DdlOutsideMigrationDetector.mentionsLockTimeout(text);
            }).as(text).doesNotThrowAnyException();
        }
    }

    /** Fixed seed: the same 1,000 mutated statements every run, through the guard's second look and the linter. */
    @Test
    void fixedSeedMutatedStatementsThroughGuardAndLinter() {
        java.util.Random random = new java.util.Random(20261203L);
        for (int i = 0; i < 1_000; i++) {
            String sql = MutatedStatements.mutate(
                    MutatedStatements.CORPUS.get(random.nextInt(MutatedStatements.CORPUS.size())),
                    random.nextInt(9), random.nextLong());
            Dialect dialect = Dialect.values()[i % Dialect.values().length];
            MigrationLinter linter = new MigrationLinter(dialect, Set.of(), ReferencingShapes.NONE);
            String shape = Fingerprinter.fingerprint(sql, dialect).text();
            assertThatCode(() -> {
                SchemaChanges.isSchemaChange(shape);
                SchemaChanges.temporaryTableCreated(shape);
                SchemaChanges.droppedTable(shape);
                try {
                    linter.lint(sql, Set.of(), new LintSession());
                    ScriptSplitter.split(sql, dialect);
                } catch (UnparsableSqlException expected) {
                    // reported as unparsable, with its line
                }
            }).as(sql).doesNotThrowAnyException();
        }
    }

    @Test
    void megabyteMigrationScriptsLintWithoutError() throws Exception {
        String column = "ALTER TABLE big ADD COLUMN c%d int;\n";
        StringBuilder script = new StringBuilder("SET lock_timeout = '5s';\n");
        for (int i = 0; script.length() < 1 << 20; i++) {
            script.append(column.formatted(i));
        }
        assertThat(ScriptSplitter.split(script.toString(), Dialect.POSTGRESQL)).hasSizeGreaterThan(25_000);
        MigrationLinter linter = new MigrationLinter(Dialect.POSTGRESQL, Set.of(), ReferencingShapes.NONE);
        String oneStatement = "ALTER TABLE big " + "ADD COLUMN c int, ".repeat(60_000) + "ADD COLUMN d int";
        assertThat(linter.lint(oneStatement, Set.of(), new LintSession())).isNotNull();
    }
}
