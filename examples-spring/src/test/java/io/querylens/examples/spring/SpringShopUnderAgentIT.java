package io.querylens.examples.spring;

import io.querylens.testkit.TestDatabase;
import io.querylens.testkit.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Spring Boot shop as a user runs it in production: its own JVM, a plain {@code jdbc:postgresql:} URL and
 * PostgreSQL's driver class, no QueryLens jar on the class path, only {@code -javaagent:querylens-agent.jar}. The agent
 * finds the lazy-loading N+1 behind {@code GET /orders/open} (and nothing behind the fixed {@code ?fixed=true}), and,
 * when the entity model and the tables disagree, reports the difference from Hibernate's metadata (Hibernate 6.6,
 * Spring Boot's) at start: one {@code schema_drift} finding naming the entity, the field and the column.
 */
class SpringShopUnderAgentIT {
    private static final Pattern TOMCAT_PORT = Pattern.compile("Tomcat started on port (\\d+)");

    @TempDir
    Path work;

    @Test
    void lazyLoadingNPlusOneIsFoundByTheAgentAndTheEntityGraphFixIsClean() throws Exception {
        TestDatabase database = TestDatabases.postgres().createDatabase("spring_shop_agent");
        Path findings = work.resolve("findings.jsonl");
        try (Shop shop = Shop.start(database, findings, work, List.of())) {
            assertThat(shop.get("/orders/open?fixed=true")).isEqualTo(200);
            assertThat(shop.get("/orders/open")).isEqualTo(200);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(lines(findings))
                    .anySatisfy(line -> assertThat(line).contains("\"kind\":\"n_plus_one\"")
                            .contains("from customers c1_0 where c1_0.id = ?")));
            assertThat(lines(findings)).as("the entity-graph query is one select with a join")
                    .noneMatch(line -> line.contains("\"kind\":\"n_plus_one\"") && line.contains("join customers"));
            // The advisor runs once Flyway's statements have shown it the tables and 2 s (advisor.settleMillis) have
            // passed without news; no run finds drift: the entities match the schema Flyway made.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    assertThat(lines(findings)).noneMatch(line -> line.contains("\"kind\":\"schema_drift\"")));
        }
    }

    @Test
    void entityFieldTheTableLacksIsReportedFromHibernatesModelAtStart() throws Exception {
        TestDatabase database = TestDatabases.postgres().createDatabase("spring_shop_agent_drift");
        try (Connection connection = database.open(); Statement statement = connection.createStatement()) {
            // The schema as an older migration left it: customers without the name the entity maps.
            statement.execute("create table customers (id bigint primary key)");
            statement.execute("create table purchase_orders (id bigint primary key, customer_id bigint not null "
                    + "references customers (id), status text not null, total numeric(10, 2) not null)");
        }
        Path findings = work.resolve("findings.jsonl");
        try (Shop shop = Shop.start(database, findings, work, List.of("--spring.flyway.enabled=false",
                "--spring.jpa.hibernate.ddl-auto=none"))) {
            // The first query shows the agent the data source and its tables (it fails: the column is missing).
            shop.get("/orders/open?fixed=true");
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(lines(findings))
                    .filteredOn(line -> line.contains("\"kind\":\"schema_drift\""))
                    .singleElement().satisfies(line -> assertThat(line).contains("\"entity\":\"Customer\"")
                            .contains("\"field\":\"name\"").contains("\"columns\":[\"name\"]")
                            .contains("\"table\":\"customers\"").contains("\"rule\":\"missing_column\"")));
        }
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    }

    /** The shop in a child JVM under the agent; closing it stops the JVM. */
    private static final class Shop implements AutoCloseable {
        private final Process process;
        private final Path log;
        private final int port;

        private Shop(Process process, Path log, int port) {
            this.process = process;
            this.log = log;
            this.port = port;
        }

        static Shop start(TestDatabase database, Path findings, Path work, List<String> extraArguments)
                throws Exception {
            String agentJar = System.getProperty("querylens.agentJar", "../agent/target/querylens-agent.jar");
            assertThat(Path.of(agentJar)).as("the agent jar: build it first (./mvnw -pl agent -am package)")
                    .exists();
            // The application's own class path, without QueryLens's driver: only the agent watches.
            String classPath = List.of(System.getProperty("java.class.path").split(File.pathSeparator)).stream()
                    .filter(entry -> !entry.contains("querylens-driver") && !entry.replace('\\', '/')
                            .contains("/driver/target/"))
                    .collect(Collectors.joining(File.pathSeparator));
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-javaagent:" + agentJar + "=app=spring-shop,findings.file=" + findings
                            + ",findings.updateSeconds=1,queue.dir=" + work.resolve("queue"),
                    "-Dchronicle.analytics.disable=true",
                    // As system properties: main() starts an embedded database when spring.datasource.url is not one.
                    "-Dspring.datasource.url=" + database.jdbcUrl(),
                    "-Dspring.datasource.username=" + database.user(),
                    "-Dspring.datasource.password=" + database.password(),
                    "-Dspring.datasource.driver-class-name=org.postgresql.Driver",
                    "-cp", classPath,
                    SpringShopApplication.class.getName(),
                    "--server.port=0"));
            command.addAll(extraArguments);
            Path log = work.resolve("shop-" + System.nanoTime() + ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            try {
                int port = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                        .until(() -> port(log, process), p -> p > 0);
                return new Shop(process, log, port);
            } catch (RuntimeException | AssertionError notStarted) {
                process.destroyForcibly();
                throw new AssertionError("the shop did not start under the agent:\n" + Files.readString(log),
                        notStarted);
            }
        }

        private static int port(Path log, Process process) throws IOException {
            if (!process.isAlive()) {
                throw new IllegalStateException("the shop exited with " + process.exitValue());
            }
            Matcher started = TOMCAT_PORT.matcher(Files.readString(log));
            return started.find() ? Integer.parseInt(started.group(1)) : 0;
        }

        int get(String path) throws Exception {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode();
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
