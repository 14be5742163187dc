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
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The files in class-path folders ({@code classpath:} prefix optional), whether the folder is a directory or lies in a
 * jar, for the migration sources: the application's migrations are resources, and a folder is the set of them.
 */
final class ClassPathFolders {

    /** Receives one file: its path relative to the folder ({@code /}-separated) and a way to read it as UTF-8. */
    interface Visitor {
        void file(String relativePath, Text text) throws IOException;
    }

    /** Reads a file only when the visitor wants its content (Flyway needs the name alone). */
    interface Text {
        String read() throws IOException;
    }

    private ClassPathFolders() {
    }

    /** Every file in {@code locations}, in their order, and in their subfolders when {@code subfolders} is set. */
    static void forEachFile(List<String> locations, ClassLoader loader, boolean subfolders, Visitor visitor)
            throws IOException {
        for (String location : locations) {
            String folder = location.replaceFirst("^classpath:", "").replaceAll("^/+|/+$", "");
            Enumeration<URL> roots = loader.getResources(folder);
            while (roots.hasMoreElements()) {
                URL root = roots.nextElement();
                if ("file".equals(root.getProtocol())) {
                    File directory;
                    try {
                        directory = new File(root.toURI());
                    } catch (URISyntaxException | IllegalArgumentException odd) {
                        continue; // not a plain folder: nothing to read
                    }
                    walk(directory, directory, subfolders, visitor);
                } else if ("jar".equals(root.getProtocol())) {
                    readJar(root, folder, subfolders, visitor);
                }
            }
        }
    }

    private static void walk(File base, File directory, boolean subfolders, Visitor visitor) throws IOException {
        File[] files = directory.listFiles();
        if (files == null) {
            return;
        }
        for (File file : files) {
            if (file.isDirectory()) {
                if (subfolders) {
                    walk(base, file, true, visitor);
                }
            } else {
                String relative = base.toPath().relativize(file.toPath()).toString().replace(File.separatorChar, '/');
                visitor.file(relative, () -> Files.readString(file.toPath(), StandardCharsets.UTF_8));
            }
        }
    }

    private static void readJar(URL root, String folder, boolean subfolders, Visitor visitor) throws IOException {
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
                if (entry.isDirectory() || !name.startsWith(folder + "/")) {
                    continue;
                }
                String relative = name.substring(folder.length() + 1);
                if (subfolders || relative.indexOf('/') < 0) {
                    visitor.file(relative, () -> {
                        try (InputStream in = file.getInputStream(entry)) {
                            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                        }
                    });
                }
            }
        }
    }
}
