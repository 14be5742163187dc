package io.querylens.lint;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The SQL files under the given paths, in the order a migration tool would run them: Flyway versioned migrations
 * ({@code V1_2__x.sql}) by version, numerically ({@code V1_10} after {@code V1_9}), then everything else (repeatable
 * {@code R__} migrations, Liquibase formatted-SQL changelogs) by name. The order matters: a table created by an earlier
 * file is new to a later one.
 */
final class MigrationFiles {
    private static final Pattern VERSIONED = Pattern.compile("^[VvUu]([0-9][0-9._]*)__.*");

    private MigrationFiles() {
    }

    static List<Path> in(List<Path> roots) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path root : roots) {
            if (Files.isRegularFile(root)) {
                files.add(root);
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile)
                        .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".sql"))
                        .forEach(files::add);
            }
        }
        files.sort(Comparator.comparing(MigrationFiles::sortKey, MigrationFiles::compareKeys));
        return files;
    }

    private static Object[] sortKey(Path path) {
        String name = path.getFileName().toString();
        Matcher versioned = VERSIONED.matcher(name);
        if (versioned.matches()) {
            return new Object[]{0, versioned.group(1).split("[._]+"), name};
        }
        return new Object[]{1, new String[0], name};
    }

    private static int compareKeys(Object[] a, Object[] b) {
        int group = Integer.compare((Integer) a[0], (Integer) b[0]);
        if (group != 0) {
            return group;
        }
        String[] va = (String[]) a[1];
        String[] vb = (String[]) b[1];
        for (int i = 0; i < Math.max(va.length, vb.length); i++) {
            BigInteger pa = i < va.length && !va[i].isEmpty() ? new BigInteger(va[i]) : BigInteger.ZERO;
            BigInteger pb = i < vb.length && !vb[i].isEmpty() ? new BigInteger(vb[i]) : BigInteger.ZERO;
            int part = pa.compareTo(pb);
            if (part != 0) {
                return part;
            }
        }
        return ((String) a[2]).compareTo((String) b[2]);
    }
}
