package io.querylens.driver.detect.advisor;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Liquibase change sets on the class path: every changelog file (XML, YAML, formatted SQL) under the given folders
 * and their subfolders, read for the {@code author:id} of each change set. Liquibase itself is not needed: the three
 * formats name a change set in one recognisable place ({@code <changeSet id=… author=…>}, a YAML {@code changeSet:}
 * block's {@code id:} and {@code author:}, a SQL {@code --changeset author:id} line). Files a master changelog does not
 * include are read too (a folder is taken as the set of migrations, as Flyway does); JSON changelogs are not read.
 */
final class LiquibaseChangeSets {
    private static final Pattern XML_CHANGE_SET = Pattern.compile("<changeSet\\b([^>]*)>");
    private static final Pattern XML_ATTRIBUTE = Pattern.compile("\\b(id|author)\\s*=\\s*(\"([^\"]*)\"|'([^']*)')");
    private static final Pattern SQL_CHANGE_SET = Pattern.compile("(?m)^\\s*--\\s*changeset\\s+([^:\\s]+):(\\S+)");
    private static final Pattern YAML_KEY = Pattern.compile("^\\s*(?:-\\s+)?(id|author)\\s*:\\s*['\"]?([^'\"#]+?)['\"]?\\s*(#.*)?$");

    private LiquibaseChangeSets() {
    }

    /** {@code author:id} of every change set found, to the file (relative to its folder) that defines it. */
    static Map<String, String> changeSets(List<String> folders, ClassLoader loader) throws IOException {
        Map<String, String> changeSets = new LinkedHashMap<>();
        for (String location : folders) {
            String folder = location.replaceFirst("^classpath:", "").replaceAll("^/+|/+$", "");
            Enumeration<URL> roots = loader.getResources(folder);
            while (roots.hasMoreElements()) {
                URL root = roots.nextElement();
                if ("file".equals(root.getProtocol())) {
                    try {
                        File directory = new File(root.toURI());
                        walk(directory, directory, changeSets);
                    } catch (URISyntaxException | IllegalArgumentException odd) {
                        // Not a plain folder: nothing to read.
                    }
                } else if ("jar".equals(root.getProtocol())) {
                    readJar(root, folder, changeSets);
                }
            }
        }
        return changeSets;
    }

    private static void walk(File base, File directory, Map<String, String> into) throws IOException {
        File[] files = directory.listFiles();
        if (files == null) {
            return;
        }
        for (File file : files) {
            if (file.isDirectory()) {
                walk(base, file, into);
            } else if (changelog(file.getName())) {
                String relative = base.toPath().relativize(file.toPath()).toString().replace(File.separatorChar, '/');
                parse(relative, Files.readString(file.toPath(), StandardCharsets.UTF_8), into);
            }
        }
    }

    private static void readJar(URL root, String folder, Map<String, String> into) throws IOException {
        URLConnection connection = root.openConnection();
        if (!(connection instanceof JarURLConnection jar)) {
            return;
        }
        jar.setUseCaches(false);
        try (JarFile file = jar.getJarFile()) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (!entry.isDirectory() && name.startsWith(folder + "/") && changelog(name)) {
                    try (InputStream in = file.getInputStream(entry)) {
                        parse(name.substring(folder.length() + 1), new String(in.readAllBytes(), StandardCharsets.UTF_8),
                                into);
                    }
                }
            }
        }
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
