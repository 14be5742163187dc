package io.querylens.examples.spring.agent;

import io.querylens.testkit.TestDatabase;
import io.querylens.testkit.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Spring Boot 3 shop (Spring Data JPA, Hibernate, HikariCP, Flyway) in a child JVM with
 * {@code -javaagent:querylens-agent.jar} and a plain {@code jdbc:postgresql:} URL, on Java 17 and Java 25, with no
 * QueryLens on the application's class path: the application's results are the same as without the agent, and the
 * findings file has the N+1 that lazy loading causes, at the application's call site, and no DDL outside a migration
 * (Flyway ran it). Issue 6.
 */
class SpringShopUnderAgentTest {
    private static final Path AGENT_JAR = Path.of(System.getProperty("querylens.agent.jar",
            "../agent/target/querylens-agent.jar")).toAbsolutePath().normalize();
    private static final String JAVA_17 = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final String JAVA_25 = "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java";
    /** V1 makes the first 100 of 400 orders open, owned by all 40 customers. */
    private static final int OPEN_ORDERS = 100;
    private static final int CUSTOMERS = 40;

    private static List<String> rowsWithoutAgent;

    @TempDir
    Path work;

    @BeforeAll
    static void runWithoutTheAgent(@TempDir Path work) throws Exception {
        Child plain = run(JAVA_17, null, "spring_agent_none", work);
        assertThat(plain.exitCode).as(plain.toString()).isZero();
        rowsWithoutAgent = plain.lines("ROWS");
        assertThat(rowsWithoutAgent).hasSize(2);
        assertThat(rowsWithoutAgent.get(0)).startsWith("n_plus_one " + OPEN_ORDERS + " 1:customer 2:1.99,");
        assertThat(plain.line("APPLICATION_COPY")).as("the application carries no QueryLens").isEqualTo("false");
        assertThat(plain.line("CONNECTION")).isEqualTo("com.zaxxer.hikari.pool.HikariProxyConnection valid=true");
    }

    @ParameterizedTest
    @ValueSource(strings = {"17", "25"})
    void underTheAgentTheShopSeesTheSameRowsAndItsNPlusOneIsInTheFindingsFile(String javaVersion)
            throws Exception {
        Path findings = work.resolve("findings.jsonl");
        Child child = run(javaVersion.equals("25") ? JAVA_25 : JAVA_17, findings, "spring_agent_" + javaVersion,
                work);

        assertThat(child.exitCode).as(child.toString()).isZero();
        assertThat(child.lines("ROWS")).as(child.toString()).isEqualTo(rowsWithoutAgent);
        assertThat(child.line("CONNECTION")).isEqualTo("com.zaxxer.hikari.pool.HikariProxyConnection valid=true");
        assertThat(child.line("APPLICATION_COPY")).isEqualTo("false");

        assertThat(findings).as(child.toString()).exists();
        List<String> lines = Files.readAllLines(findings);
        assertThat(lines).as("findings file lines\n" + String.join("\n", lines))
                .anySatisfy(line -> assertThat(line)
                        .contains("\"kind\":\"n_plus_one\"")
                        .contains("\"table\":\"customers\"")
                        .contains("\"count\":" + CUSTOMERS + ",")
                        .contains("\"callSite\":\"io.querylens.examples.spring.")
                        .contains("\"dataSource\":\"jdbc:postgresql://"))
                .noneSatisfy(line -> assertThat(line).contains("\"kind\":\"ddl_outside_migration\""));
    }

    private static Child run(String java, Path findingsFile, String databaseName, Path work) throws Exception {
        if (!new File(java).canExecute()) {
            throw new IllegalStateException("no Java at " + java + ": install the Temurin 25 JDK there "
                    + "(apt-get install temurin-25-jdk from the Adoptium repository) to run the agent on Java 25");
        }
        TestDatabase database = TestDatabases.postgres().createDatabase(databaseName);
        List<String> command = new ArrayList<>();
        command.add(java);
        if (findingsFile != null) {
            if (!Files.isRegularFile(AGENT_JAR)) {
                throw new IllegalStateException("no agent jar at " + AGENT_JAR
                        + ": build it first (./mvnw -pl agent -am package -DskipTests)");
            }
            command.add("-javaagent:" + AGENT_JAR + "=findings.file=" + findingsFile + ",queue.dir=");
        }
        command.add("-Dspring.datasource.url=" + database.jdbcUrl());
        command.add("-Dspring.datasource.username=" + database.user());
        command.add("-Dspring.datasource.password=" + database.password());
        command.add("-Dspring.datasource.driver-class-name=org.postgresql.Driver");
        command.add("-Dspring.main.banner-mode=off");
        command.add("-cp");
        command.add(applicationClassPath());
        command.add(ShopUnderAgentMain.class.getName());
        Path stdout = work.resolve(databaseName + ".out");
        Path stderr = work.resolve(databaseName + ".err");
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                .start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the shop did not finish in 180 s: " + command);
        }
        return new Child(process.exitValue(), Files.readAllLines(stdout), Files.readString(stderr),
                String.join(" ", command));
    }

    /** This test's class path without QueryLens's driver: the application under the agent carries none. */
    private static String applicationClassPath() {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(classPath.split(File.pathSeparator))
                .filter(entry -> !entry.contains("querylens-driver") && !entry.replace('\\', '/')
                        .endsWith("driver/target/classes"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private record Child(int exitCode, List<String> stdout, String stderr, String command) {
        List<String> lines(String prefix) {
            return stdout.stream().filter(line -> line.startsWith(prefix + " "))
                    .map(line -> line.substring(prefix.length() + 1)).collect(Collectors.toList());
        }

        String line(String prefix) {
            List<String> lines = lines(prefix);
            assertThat(lines).as(toString()).hasSize(1);
            return lines.get(0);
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- command\n" + command + "\n--- stdout\n" + String.join("\n", stdout)
                    + "\n--- stderr\n" + stderr;
        }
    }
}
