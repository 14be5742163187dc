package io.querylens.lint;

import io.querylens.driver.detect.ddl.lint.LintRule;
import io.querylens.driver.finding.Severity;
import io.querylens.driver.sql.Dialect;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code querylens lint}: runs the migration lint rules over Flyway SQL migrations and Liquibase formatted-SQL
 * changelogs before deploy, without a database. Prints each finding as {@code file:line: severity rule: reason},
 * writes JSON or SARIF 2.1.0 on request, and exits {@value #EXIT_FINDINGS} when an unsuppressed finding at or above
 * {@code --fail-on} remains (or a file is unparsable), {@value #EXIT_CLEAN} otherwise, {@value #EXIT_USAGE} for bad
 * arguments.
 *
 * <p>Run as {@code java -cp querylens-driver.jar:picocli.jar io.querylens.lint.LintCommand --dialect postgresql
 * db/migration} (picocli is an optional dependency of the driver: only this command needs it).
 */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = "Lint SQL migrations for changes that are unsafe in a zero-downtime deploy.")
public final class LintCommand implements Callable<Integer> {
    public static final int EXIT_CLEAN = 0;
    public static final int EXIT_FINDINGS = 1;
    public static final int EXIT_USAGE = 2;

    @Parameters(paramLabel = "PATH", arity = "1..*",
            description = "Migration folders (searched recursively for *.sql) or files.")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--dialect", defaultValue = "postgresql",
            description = "postgresql, mysql or mariadb (default: ${DEFAULT-VALUE}).")
    String dialect;

    @Option(names = "--fail-on", defaultValue = "warning",
            description = "Exit non-zero when a finding at or above this severity remains: info, warning, critical,"
                    + " or none (default: ${DEFAULT-VALUE}).")
    String failOn;

    @Option(names = "--disable", split = ",", paramLabel = "RULE", description = "Rules to switch off.")
    List<String> disabledRules = new ArrayList<>();

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the findings as JSON to FILE.")
    Path jsonFile;

    @Option(names = "--sarif", paramLabel = "FILE", description = "Also write the findings as SARIF 2.1.0 to FILE.")
    Path sarifFile;

    @Option(names = "--base-dir", paramLabel = "DIR",
            description = "Report file paths relative to DIR (default: the current directory).")
    Path baseDirectory = Path.of("");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command in-process and returns its exit code (for tests, and for embedding in a build tool). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new LintCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        return commandLine.execute(args);
    }

    @Override
    public Integer call() throws IOException {
        Dialect targetDialect = parseDialect();
        Severity threshold = parseThreshold();
        Set<LintRule> disabled = parseRules();
        for (Path path : paths) {
            if (!Files.exists(path)) {
                throw new CommandLine.ParameterException(spec.commandLine(), path + ": no such file or folder");
            }
        }
        LintReport report = new MigrationFolderLinter(targetDialect, disabled, baseDirectory).lint(paths);
        PrintWriter out = spec.commandLine().getOut();
        TextReport.write(report, out);
        if (jsonFile != null) {
            try (Writer writer = Files.newBufferedWriter(jsonFile, StandardCharsets.UTF_8)) {
                JsonReport.write(report, writer);
            }
        }
        if (sarifFile != null) {
            try (Writer writer = Files.newBufferedWriter(sarifFile, StandardCharsets.UTF_8)) {
                SarifReport.write(report, writer);
            }
        }
        return report.fails(threshold) ? EXIT_FINDINGS : EXIT_CLEAN;
    }

    private Dialect parseDialect() {
        return switch (dialect.toLowerCase(Locale.ROOT)) {
            case "postgresql", "postgres" -> Dialect.POSTGRESQL;
            case "mysql", "mariadb" -> Dialect.MYSQL;
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "--dialect " + dialect + ": expected postgresql, mysql or mariadb");
        };
    }

    private Severity parseThreshold() {
        String value = failOn.toLowerCase(Locale.ROOT);
        if (value.equals("none")) {
            return null;
        }
        try {
            return Severity.fromWireName(value);
        } catch (IllegalArgumentException unknown) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--fail-on " + failOn + ": expected info, warning, critical or none");
        }
    }

    private Set<LintRule> parseRules() {
        Set<LintRule> rules = EnumSet.noneOf(LintRule.class);
        for (String name : disabledRules) {
            LintRule rule = LintRule.fromRuleName(name.trim().toLowerCase(Locale.ROOT));
            if (rule == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--disable " + name + ": unknown rule");
            }
            rules.add(rule);
        }
        return rules;
    }
}
