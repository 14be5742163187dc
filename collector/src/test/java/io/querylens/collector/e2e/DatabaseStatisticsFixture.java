package io.querylens.collector.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.querylens.QueryLens;
import io.querylens.collector.Collector;
import io.querylens.collector.CollectorSettings;
import io.querylens.driver.config.ConfigKey;
import io.querylens.driver.config.QueryLensConfig;
import io.querylens.testkit.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What the database-statistics suites share: a collector polling one database by name (optionally with this JVM
 * streaming to it as an instrumented application), what it serves over HTTP, and a DDL statement stuck behind a long
 * transaction.
 */
abstract class DatabaseStatisticsFixture {
    static {
        System.setProperty("chronicle.analytics.disable", "true");
    }

    /** Something to check while the DDL waits. */
    interface WhileBlocked {
        void check() throws Exception;
    }

    @TempDir
    Path work;
    Collector collector;
    private boolean applicationStreams;

    @AfterEach
    void stop() {
        if (collector != null) {
            collector.close();
        }
        if (applicationStreams) {
            QueryLens.configure(QueryLensConfig.builder().set(ConfigKey.QUEUE_DIR, "").build());
        }
    }

    /** Runs {@code statements} on a connection of their own, not through QueryLens. */
    static void executeDirectly(TestDatabase database, String... statements) throws Exception {
        try (Connection setup = database.open(); Statement statement = setup.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** A collector polling {@code database} as {@code name}, its queue empty. */
    Collector start(TestDatabase database, String name) throws Exception {
        CollectorSettings settings = new CollectorSettings(List.of(work.resolve("queue")),
                Map.of(name, database.jdbcUrlWithCredentials()), "127.0.0.1:0", null, false, work.resolve("state"),
                100, 500, 1_000, 1_000);
        return new Collector(settings);
    }

    /** As {@link #start}, with this JVM's {@code jdbc:querylens:} connections streaming into the collector's queue. */
    Collector startWithApplication(TestDatabase database, String name) throws Exception {
        applicationStreams = true;
        QueryLens.configure(QueryLensConfig.builder().set(ConfigKey.QUEUE_DIR, work.resolve("queue").toString())
                .set(ConfigKey.FLUSH_SECONDS, 1).set(ConfigKey.APP, "statistics-test").build());
        return start(database, name);
    }

    /**
     * Runs {@code whileBlocked} while {@code ddl} waits for a transaction that has read {@code table}, then rolls
     * that transaction back and waits for the DDL to end.
     */
    static void whileDdlWaitsBehindALongTransaction(TestDatabase database, String table, String ddl,
                                                    WhileBlocked whileBlocked) throws Exception {
        // Closed in reverse order: the long transaction ends first, so the DDL can finish and its connection close.
        try (Connection migration = database.open(); Connection longTransaction = database.open()) {
            longTransaction.setAutoCommit(false);
            try (Statement statement = longTransaction.createStatement()) {
                statement.executeQuery("select count(*) from " + table).close();
            }
            CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> {
                try (Statement statement = migration.createStatement()) {
                    statement.execute(ddl);
                } catch (Exception ignored) {
                    // ends when the long transaction does
                }
            });
            whileBlocked.check();
            longTransaction.rollback();
            blocked.get();
        }
    }

    JsonNode database(String name) throws Exception {
        for (JsonNode database : CollectorEndToEndTest.get(collector.port(), "/api/databases")) {
            if (database.path("name").asText().equals(name)) {
                return database;
            }
        }
        throw new AssertionError("no database " + name + " in /api/databases");
    }

    /** The first finding of {@code kind} the collector serves, or null. */
    JsonNode finding(String kind) throws Exception {
        for (JsonNode finding : CollectorEndToEndTest.get(collector.port(), "/api/findings")) {
            if (finding.path("kind").asText().equals(kind)) {
                return finding;
            }
        }
        return null;
    }
}
