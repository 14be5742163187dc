package io.querylens.driver.detect.advisor;

import java.io.File;
import java.io.IOException;
import java.math.BigInteger;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flyway's versioned migrations on the class path: {@code V<version>__<description>.sql} in the given folders, in
 * directories and jars. Versions are normalised as Flyway compares them: {@code _} is a separator like {@code .},
 * leading zeros and trailing zero parts do not count ({@code 1.0} is {@code 1}). Repeatable ({@code R__}) and undo
 * ({@code U}) scripts are not versions and are ignored; so are Java migrations.
 */
final class MigrationScripts {
    private static final Pattern VERSIONED = Pattern.compile("V([0-9][0-9._]*)__.*\\.sql");

    private MigrationScripts() {
    }

    /** Normalised version to script name, ordered by name. */
    static Map<String, String> versions(List<String> locations, ClassLoader loader) throws IOException {
        Map<String, String> versions = new TreeMap<>();
        for (String location : locations) {
            String folder = location.replaceFirst("^classpath:", "").replaceAll("^/+|/+$", "");
            Enumeration<URL> roots = loader.getResources(folder);
            while (roots.hasMoreElements()) {
                URL root = roots.nextElement();
                if ("file".equals(root.getProtocol())) {
                    File[] files;
                    try {
                        files = new File(root.toURI()).listFiles();
                    } catch (URISyntaxException | IllegalArgumentException odd) {
                        continue;
                    }
                    if (files != null) {
                        for (File file : files) {
                            add(file.getName(), versions);
                        }
                    }
                } else if ("jar".equals(root.getProtocol())) {
                    URLConnection connection = root.openConnection();
                    if (connection instanceof JarURLConnection jar) {
                        jar.setUseCaches(false);
                        try (JarFile file = jar.getJarFile()) {
                            Enumeration<JarEntry> entries = file.entries();
                            while (entries.hasMoreElements()) {
                                String name = entries.nextElement().getName();
                                if (name.startsWith(folder + "/") && name.indexOf('/', folder.length() + 1) < 0) {
                                    add(name.substring(folder.length() + 1), versions);
                                }
                            }
                        }
                    }
                }
            }
        }
        return versions;
    }

    private static void add(String fileName, Map<String, String> versions) {
        Matcher matcher = VERSIONED.matcher(fileName);
        if (matcher.matches()) {
            versions.put(normalise(matcher.group(1)), fileName);
        }
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
