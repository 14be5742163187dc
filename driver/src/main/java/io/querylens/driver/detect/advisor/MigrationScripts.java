package io.querylens.driver.detect.advisor;

import io.querylens.driver.detect.unindexed.TableMetadata;
import io.querylens.driver.detect.unindexed.TableName;
import io.querylens.driver.finding.Finding;

import java.io.IOException;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flyway's versioned migrations on the class path: {@code V<version>__<description>.sql} in the given folders, in
 * directories and jars. Versions are normalised as Flyway compares them: {@code _} is a separator like {@code .},
 * leading zeros and trailing zero parts do not count ({@code 1.0} is {@code 1}). Repeatable ({@code R__}) and undo
 * ({@code U}) scripts are not versions and are ignored; so are Java migrations and subfolders. The history table is
 * {@code flyway_schema_history}, whose successful rows name the versions applied.
 */
final class MigrationScripts implements MigrationSource {
    private static final Pattern VERSIONED = Pattern.compile("V([0-9][0-9._]*)__.*\\.sql");
    private static final TableName HISTORY = new TableName(null, "flyway_schema_history");

    private final List<String> locations;
    private final ClassLoader loader;

    MigrationScripts(List<String> locations, ClassLoader loader) {
        this.locations = List.copyOf(locations);
        this.loader = loader;
    }

    @Override
    public Optional<TableMetadata> historyTable(CheckInput input) throws SQLException {
        return input.table(HISTORY);
    }

    @Override
    public String appliedQuery(String historyTable) {
        return "select version from " + historyTable + " where success and version is not null";
    }

    @Override
    public String appliedKey(ResultSet row) throws SQLException {
        return normalise(row.getString(1));
    }

    /** Normalised version to script name, in the text order of the normalised versions. */
    @Override
    public Map<String, String> onClassPath() throws IOException {
        Map<String, String> versions = new TreeMap<>();
        ClassPathFolders.forEachFile(locations, loader, false, (fileName, text) -> {
            Matcher matcher = VERSIONED.matcher(fileName);
            if (matcher.matches()) {
                versions.put(normalise(matcher.group(1)), fileName);
            }
        });
        return versions;
    }

    @Override
    public void describe(Finding.Builder finding, String dataSource, List<String> pending, Map<String, String> files) {
        List<String> scripts = new ArrayList<>();
        pending.forEach(version -> scripts.add(files.get(version)));
        finding.suggestion("flyway migrate  -- or start the application with Flyway enabled")
                .reason(MigrationSource.notApplied(pending.size() + " Flyway migration(s)", dataSource,
                        String.join(", ", scripts)))
                .detail("pendingVersions", List.copyOf(pending))
                .detail("pendingScripts", List.copyOf(scripts));
    }

    static String normalise(String version) {
        String[] parts = version.replace('_', '.').split("\\.");
        int last = parts.length - 1;
        while (last > 0 && (parts[last].isEmpty() || new BigInteger(parts[last]).signum() == 0)) {
            last--;
        }
        StringBuilder normalised = new StringBuilder();
        for (int i = 0; i <= last; i++) {
            if (parts[i].isEmpty()) {
                continue;
            }
            if (normalised.length() > 0) {
                normalised.append('.');
            }
            normalised.append(new BigInteger(parts[i]));
        }
        return normalised.toString();
    }
}
