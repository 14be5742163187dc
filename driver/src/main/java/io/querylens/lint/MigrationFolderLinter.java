package io.querylens.lint;

import io.querylens.driver.detect.ddl.lint.LintRule;
import io.querylens.driver.detect.ddl.lint.LintSession;
import io.querylens.driver.detect.ddl.lint.LintViolation;
import io.querylens.driver.detect.ddl.lint.MigrationLinter;
import io.querylens.driver.detect.ddl.lint.ReferencingShapes;
import io.querylens.driver.detect.ddl.lint.ScriptSplitter;
import io.querylens.driver.detect.ddl.lint.ScriptStatement;
import io.querylens.driver.detect.ddl.lint.UnparsableSqlException;
import io.querylens.driver.sql.Dialect;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Lints every SQL migration under some folders as one session, in migration order (see {@link MigrationFiles}), the
 * way the in-process guard lints what Flyway or Liquibase runs. A file that cannot be read or split is recorded as
 * unparsable and the rest go on; a statement the rules trip over is recorded the same way.
 */
final class MigrationFolderLinter {
    private final MigrationLinter linter;
    private final Path baseDirectory;

    MigrationFolderLinter(Dialect dialect, Set<LintRule> disabledRules, Path baseDirectory) {
        this.linter = new MigrationLinter(dialect, disabledRules, ReferencingShapes.NONE);
        this.baseDirectory = baseDirectory.toAbsolutePath().normalize();
    }

    LintReport lint(List<Path> roots) throws IOException {
        List<LintReport.Located> violations = new ArrayList<>();
        List<LintReport.Unparsable> unparsable = new ArrayList<>();
        LintSession session = new LintSession();
        for (Path file : MigrationFiles.in(roots)) {
            String name = displayName(file);
            String script;
            try {
                script = readUtf8(file);
            } catch (CharacterCodingException notText) {
                unparsable.add(new LintReport.Unparsable(name, 1, "not UTF-8 text"));
                continue;
            }
            List<ScriptStatement> statements;
            try {
                statements = ScriptSplitter.split(script, linter.dialect());
            } catch (UnparsableSqlException unreadable) {
                unparsable.add(new LintReport.Unparsable(name, unreadable.line(), unreadable.getMessage()));
                continue;
            }
            for (ScriptStatement statement : statements) {
                try {
                    for (LintViolation violation : linter.lint(statement.text(), statement.trailingAllowedNames(),
                            session)) {
                        violations.add(new LintReport.Located(name, statement.line(), statement.text(), violation));
                    }
                } catch (UnparsableSqlException | RuntimeException unreadable) {
                    unparsable.add(new LintReport.Unparsable(name, statement.line(),
                            "cannot lint statement: " + unreadable.getMessage()));
                }
            }
            // Each file is its own transaction in Flyway and Liquibase: SET LOCAL ends with it.
            session.transactionEnded();
        }
        return new LintReport(violations, unparsable);
    }

    private static String readUtf8(Path file) throws IOException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                .toString();
    }

    /** The path relative to the base directory when inside it (what CI annotations expect), with forward slashes. */
    private String displayName(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path shown = absolute.startsWith(baseDirectory) ? baseDirectory.relativize(absolute) : absolute;
        return shown.toString().replace('\\', '/');
    }
}
