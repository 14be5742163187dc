package io.querylens.driver.detect.advisor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application packaged as a jar carries its migrations inside it: both sources read them there as they read a
 * folder (Flyway's top level only, Liquibase's subfolders too).
 */
class MigrationsInJarsTest {

    @Test
    void flywayScriptsInAJarAreReadFromTheFolderItself(@TempDir Path work) throws IOException {
        try (URLClassLoader loader = jar(work, Map.of(
                "db/migration/V1__create.sql", "create table a (id int)",
                "db/migration/V1_1__index.sql", "create index a_id on a (id)",
                "db/migration/R__views.sql", "create view v as select 1",
                "db/migration/old/V9__archived.sql", "select 1"))) {
            assertThat(new MigrationScripts(List.of("classpath:db/migration"), loader).onClassPath())
                    .containsExactly(Map.entry("1", "V1__create.sql"), Map.entry("1.1", "V1_1__index.sql"));
        }
    }

    @Test
    void liquibaseChangeLogsInAJarAreReadWithTheirSubfolders(@TempDir Path work) throws IOException {
        try (URLClassLoader loader = jar(work, Map.of(
                "db/changelog/changes/001-create.sql", "--liquibase formatted sql\n--changeset ann:1\nselect 1;",
                "db/changelog/notes.txt", "--changeset not:read"))) {
            assertThat(new LiquibaseChangeSets(List.of(), loader).onClassPath())
                    .containsExactly(Map.entry("ann:1", "changes/001-create.sql"));
        }
    }

    private static URLClassLoader jar(Path work, Map<String, String> entries) throws IOException {
        Path jar = work.resolve("application.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream files = new JarOutputStream(out)) {
            // Folder entries, as jar and Maven write them: without one the class loader finds no folder resource.
            Set<String> folders = new TreeSet<>();
            for (String name : entries.keySet()) {
                for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
                    folders.add(name.substring(0, slash + 1));
                }
            }
            for (String folder : folders) {
                files.putNextEntry(new JarEntry(folder));
                files.closeEntry();
            }
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                files.putNextEntry(new JarEntry(entry.getKey()));
                files.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                files.closeEntry();
            }
        }
        return new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
    }
}
