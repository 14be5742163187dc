package io.querylens.examples;

import io.querylens.QueryLens;
import io.querylens.driver.config.ConfigLoader;
import io.querylens.driver.config.ConfigKey;
import io.querylens.driver.config.QueryLensConfig;
import io.querylens.examples.shop.OrderReports;
import io.querylens.examples.shop.ShopSchema;
import io.querylens.testkit.TestDatabase;
import io.querylens.testkit.TestDatabases;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;

/**
 * The demo: starts an embedded PostgreSQL 17, runs the example shop through the {@code jdbc:querylens:} driver, and
 * prints the findings and the per-shape latency table. Findings are also appended as JSON Lines to
 * {@code target/querylens-demo/findings.jsonl}.
 */
public final class Demo {
    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        Path outputDir = Path.of(System.getProperty("querylens.demo.dir", "target/querylens-demo"));
        Files.createDirectories(outputDir);
        Path findingsFile = outputDir.resolve("findings.jsonl");
        Files.deleteIfExists(findingsFile);
        System.setProperty(ConfigKey.FINDINGS_FILE.key(), findingsFile.toString());
        QueryLensConfig config = ConfigLoader.fromEnvironment().load();
        QueryLens.configure(config);

        System.out.println("Starting embedded PostgreSQL 17 ...");
        TestDatabase postgres = TestDatabases.postgres();
        try (Connection setup = postgres.open()) {
            ShopSchema.create(setup);
        }
        System.out.println("Running the example shop through " + postgres.querylensUrl());
        try (Connection connection = DriverManager.getConnection(postgres.querylensUrl(), postgres.user(),
                postgres.password())) {
            OrderReports reports = new OrderReports(connection);
            connection.setAutoCommit(false); // each report is one transaction: one unit of work
            reports.openOrdersWithUsersNPlusOne(25);
            connection.commit();
            reports.openOrdersWithUsersJoined(25);
            connection.commit();
            for (int user = 1; user <= 20; user++) {
                reports.countOpenOrdersOfUser(user);
                connection.commit();
            }
            reports.productNamesRepeated(7, 10);
            connection.commit();
            connection.setAutoCommit(true);
            reports.addLoyaltyColumnFromApplicationCode();
        }
        QueryLens.awaitAnalysis(java.time.Duration.ofSeconds(30));
        new ConsoleReport(System.out).print(QueryLens.findings(), QueryLens.shapes());
        System.out.println();
        System.out.println("Findings as JSON Lines: " + findingsFile.toAbsolutePath());
    }
}
