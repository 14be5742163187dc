package io.querylens.driver.detect.advisor;

import io.querylens.driver.detect.unindexed.TableMetadata;
import io.querylens.driver.detect.unindexed.TableName;
import io.querylens.driver.finding.Finding;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Liquibase change sets on the class path: every changelog file (XML, YAML, formatted SQL) under the given folders
 * and their subfolders, read for the {@code author:id} of each change set. Liquibase itself is not needed: the three
 * formats name a change set in one recognisable place ({@code <changeSet id=… author=…>}, a YAML {@code changeSet:}
 * block's {@code id:} and {@code author:}, a SQL {@code --changeset author:id} line). Files a master changelog does not
 * include are read too (a folder is taken as the set of migrations, as Flyway does); JSON changelogs are not read.
 * A change set is identified by author and id, as {@code databasechangelog} records it (the file name recorded there
 * depends on how the changelog was included, so it is not compared).
 */
final class LiquibaseChangeSets implements MigrationSource {
    static final String DEFAULT_LOCATION = "db/changelog";

    private static final Pattern XML_CHANGE_SET = Pattern.compile("<changeSet\\b([^>]*)>");
    private static final Pattern XML_ATTRIBUTE = Pattern.compile("\\b(id|author)\\s*=\\s*(\"([^\"]*)\"|'([^']*)')");
    private static final Pattern SQL_CHANGE_SET = Pattern.compile("(?m)^\\s*--\\s*changeset\\s+([^:\\s]+):(\\S+)");
    private static final Pattern YAML_KEY = Pattern.compile("^\\s*(?:-\\s+)?(id|author)\\s*:\\s*['\"]?([^'\"#]+?)['\"]?\\s*(#.*)?$");

    private final List<String> locations;
    private final ClassLoader loader;

    /** {@code locations} plus Spring Boot's default {@code db/changelog}. */
    LiquibaseChangeSets(List<String> locations, ClassLoader loader) {
        List<String> all = new ArrayList<>(locations);
        if (!all.contains(DEFAULT_LOCATION) && !all.contains("classpath:" + DEFAULT_LOCATION)) {
            all.add(DEFAULT_LOCATION);
        }
        this.locations = List.copyOf(all);
        this.loader = loader;
    }

    /** Liquibase names its table in upper case on MySQL and lower case on PostgreSQL (unquoted there). */
    @Override
    public Optional<TableMetadata> historyTable(CheckInput input) throws SQLException {
        Optional<TableMetadata> lower = input.table(new TableName(null, "databasechangelog"));
        return lower.isPresent() ? lower : input.table(new TableName(null, "DATABASECHANGELOG"));
    }

    @Override
    public String appliedQuery(String historyTable) {
        return "select author, id from " + historyTable;
    }

    @Override
    public String appliedKey(ResultSet row) throws SQLException {
        return row.getString(1) + ":" + row.getString(2);
    }

    /** {@code author:id} of every change set found, to the file (relative to its folder) that defines it. */
    @Override
    public Map<String, String> onClassPath() throws IOException {
        Map<String, String> changeSets = new LinkedHashMap<>();
        ClassPathFolders.forEachFile(locations, loader, true, (file, text) -> {
            if (changelog(file)) {
                parse(file, text.read(), changeSets);
            }
        });
        return changeSets;
    }

    @Override
    public void describe(Finding.Builder finding, String dataSource, List<String> pending, Map<String, String> files) {
        List<String> pendingFiles = new ArrayList<>();
        for (String changeSet : pending) {
            String file = files.get(changeSet);
            if (!pendingFiles.contains(file)) {
                pendingFiles.add(file);
            }
        }
        finding.suggestion("liquibase update  -- or start the application with Liquibase enabled")
                .reason(MigrationSource.notApplied(pending.size() + " Liquibase change set(s)", dataSource,
                        String.join(", ", pending) + " (in " + String.join(", ", pendingFiles) + ")"))
                .detail("tool", "liquibase")
                .detail("pendingChangeSets", List.copyOf(pending))
                .detail("pendingFiles", List.copyOf(pendingFiles));
    }

    private static boolean changelog(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".xml") || lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".sql");
    }

    static void parse(String file, String text, Map<String, String> into) {
        String lower = file.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".xml")) {
            Matcher changeSet = XML_CHANGE_SET.matcher(text);
            while (changeSet.find()) {
                String id = null;
                String author = null;
                Matcher attribute = XML_ATTRIBUTE.matcher(changeSet.group(1));
                while (attribute.find()) {
                    String value = attribute.group(3) != null ? attribute.group(3) : attribute.group(4);
                    if ("id".equals(attribute.group(1))) {
                        id = value;
                    } else {
                        author = value;
                    }
                }
                if (id != null && author != null) {
                    into.putIfAbsent(author + ":" + id, file);
                }
            }
        } else if (lower.endsWith(".sql")) {
            Matcher changeSet = SQL_CHANGE_SET.matcher(text);
            while (changeSet.find()) {
                into.putIfAbsent(changeSet.group(1) + ":" + changeSet.group(2), file);
            }
        } else {
            yaml(file, text, into);
        }
    }

    /** The {@code id} and {@code author} keys of each {@code changeSet:} block, in either order. */
    private static void yaml(String file, String text, Map<String, String> into) {
        String id = null;
        String author = null;
        boolean inChangeSet = false;
        List<String> lines = new ArrayList<>(List.of(text.split("\\R")));
        lines.add("- changeSet:"); // flushes the last block
        for (String line : lines) {
            if (line.strip().replaceFirst("^-\\s*", "").startsWith("changeSet:")) {
                if (inChangeSet && id != null && author != null) {
                    into.putIfAbsent(author + ":" + id, file);
                }
                inChangeSet = true;
                id = null;
                author = null;
                continue;
            }
            Matcher key = YAML_KEY.matcher(line);
            if (inChangeSet && key.matches()) {
                if ("id".equals(key.group(1)) && id == null) {
                    id = key.group(2).strip();
                } else if ("author".equals(key.group(1)) && author == null) {
                    author = key.group(2).strip();
                }
            }
        }
    }
}
