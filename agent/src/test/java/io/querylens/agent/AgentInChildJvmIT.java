package io.querylens.agent;

import io.querylens.agent.apps.DriverManagerApp;
import io.querylens.agent.apps.HikariApp;
import io.querylens.agent.apps.VersionClashApp;
import io.querylens.testkit.TestDatabase;
import io.querylens.testkit.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real child JVMs started with {@code -javaagent:querylens-agent.jar}, on Java 17 and Java 25, against embedded
 * PostgreSQL and MariaDB: what the application sees is unchanged, and each statement is counted exactly once.
 * The workload (see {@code apps.Workload}) runs {@value #SELECTS} prepared selects.
 */
class AgentInChildJvmIT {
    private static final int SELECTS = 7;
    private static final String EXPECTED_ROWS = "b,c,a,b,c,a,b";
    private static final String PG_VENDOR = "org.postgresql.PGConnection";
    private static final String MARIADB_VENDOR = "org.mariadb.jdbc.Connection";
    /** The libraries Chronicle Queue needs, from this module's class path; the queue itself is the clash version. */
    static final String[] CHRONICLE_BESIDE_THE_QUEUE = {"chronicle-core-", "chronicle-bytes-",
            "chronicle-wire-", "chronicle-threads-", "chronicle-analytics-", "affinity-", "posix-", "compiler-"};

    @ParameterizedTest
    @ValueSource(strings = {"17", "25"})
    void driverManagerConnectionsAreWatchedAndOpenChroniclesPackages(String javaVersion) throws Exception {
        TestDatabase postgres = TestDatabases.postgres();
        String table = "agent_dm_" + javaVersion;
        // The findings file is named by a QUERYLENS_* environment variable here: the agent reads the same sources as
        // the driver (agent options and system properties are used by the other tests).
        ChildJvm.Result result = ChildJvm.on(java(javaVersion)).withAgent(null).withLibraries("postgresql-")
                .withFindingsFileFromEnvironment()
                .run(DriverManagerApp.class, postgres.jdbcUrl(), postgres.user(), postgres.password(),
                        table, PG_VENDOR);

        assertUnchangedAndCountedOnce(result, "agent", table);
        assertThat(result.line("CONNECTION")).as(result.toString()).endsWith("querylens.driver.jdbc.LensConnection");
        assertThat(result.line("VENDOR")).startsWith("org.postgresql.");
        assertThat(result.line("JDK_ACCESS")).isEqualTo("reflectOpen=true refExported=true nioExported=true");
    }

    @ParameterizedTest
    @ValueSource(strings = {"17", "25"})
    void withoutTheAgentTheJdkPackagesStayClosed(String javaVersion) throws Exception {
        TestDatabase postgres = TestDatabases.postgres();
        ChildJvm.Result result = ChildJvm.on(java(javaVersion)).withLibraries("postgresql-")
                .run(DriverManagerApp.class, postgres.jdbcUrl(), postgres.user(), postgres.password(),
                        "agent_none_" + javaVersion, PG_VENDOR);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.line("ROWS")).isEqualTo(EXPECTED_ROWS);
        assertThat(result.line("CONNECTION")).startsWith("org.postgresql.");
        assertThat(result.line("JDK_ACCESS")).isEqualTo("reflectOpen=false refExported=false nioExported=false");
        assertThat(result.findings()).as("findings file lines").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"17", "25"})
    void hikariWithJdbcUrlPoolsLensConnectionsBehindItsOwnProxies(String javaVersion) throws Exception {
        TestDatabase postgres = TestDatabases.postgres();
        String table = "agent_hikari_url_" + javaVersion;
        ChildJvm.Result result = hikari(javaVersion).run(HikariApp.class, postgres.jdbcUrl(), postgres.user(),
                postgres.password(), table, PG_VENDOR);

        assertUnchangedAndCountedOnce(result, "agent", table);
        assertPoolStillWorks(result);
        assertThat(result.line("VENDOR")).startsWith("org.postgresql.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"17", "25"})
    void hikariWithPgSimpleDataSourceCountsOnce(String javaVersion) throws Exception {
        TestDatabase postgres = TestDatabases.postgres();
        String table = "agent_hikari_pgds_" + javaVersion;
        ChildJvm.Result result = hikari(javaVersion).run(HikariApp.class,
                "org.postgresql.ds.PGSimpleDataSource=" + postgres.jdbcUrl(), postgres.user(), postgres.password(),
                table, PG_VENDOR);

        assertUnchangedAndCountedOnce(result, "agent", table);
        assertPoolStillWorks(result);
        assertThat(result.line("VENDOR")).startsWith("org.postgresql.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"17", "25"})
    void hikariWithMariaDbDataSourceIsWatchedThroughTheDataSourceHook(String javaVersion) throws Exception {
        TestDatabase mariadb = TestDatabases.mariadb();
        String table = "agent_hikari_mariads_" + javaVersion;
        ChildJvm.Result result = hikari(javaVersion).run(HikariApp.class,
                "org.mariadb.jdbc.MariaDbDataSource=" + mariadb.jdbcUrl(), mariadb.user(), mariadb.password(),
                table, MARIADB_VENDOR);

        assertUnchangedAndCountedOnce(result, "agent", table);
        assertPoolStillWorks(result);
        assertThat(result.line("VENDOR")).startsWith("org.mariadb.jdbc.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"17", "25"})
    void anApplicationUsingTheUrlPrefixIsCountedOnceByItsOwnCopy(String javaVersion) throws Exception {
        TestDatabase postgres = TestDatabases.postgres();
        String table = "agent_prefix_" + javaVersion;
        ChildJvm.Result result = ChildJvm.on(java(javaVersion)).withAgent(null)
                .withLibraries("postgresql-", "querylens-driver", "HdrHistogram-", "jackson-core-", "jsqlparser-")
                .run(DriverManagerApp.class, postgres.querylensUrl(), postgres.user(), postgres.password(),
                        table, PG_VENDOR);

        assertUnchangedAndCountedOnce(result, "application", table);
        assertThat(result.line("CONNECTION")).isEqualTo("io.querylens.driver.jdbc.LensConnection");
    }

    @ParameterizedTest
    @ValueSource(strings = {"17", "25"})
    void aPoolOverTheUrlPrefixIsCountedOnceByTheApplicationsCopy(String javaVersion) throws Exception {
        TestDatabase postgres = TestDatabases.postgres();
        String table = "agent_prefix_pool_" + javaVersion;
        ChildJvm.Result result = hikari(javaVersion)
                .withLibraries("querylens-driver", "HdrHistogram-", "jackson-core-", "jsqlparser-")
                .run(HikariApp.class, postgres.querylensUrl(), postgres.user(), postgres.password(),
                        table, PG_VENDOR);

        assertUnchangedAndCountedOnce(result, "application", table);
        assertPoolStillWorks(result);
    }

    @ParameterizedTest
    @ValueSource(strings = {"17", "25"})
    void theApplicationKeepsItsOwnVersionsOfTheLibrariesTheAgentCarries(String javaVersion) throws Exception {
        TestDatabase postgres = TestDatabases.postgres();
        String table = "agent_clash_" + javaVersion;
        ChildJvm.Result result = ChildJvm.on(java(javaVersion)).withAgent(null).withLibraries("postgresql-")
                .withLibraries(CHRONICLE_BESIDE_THE_QUEUE)
                .withClashLibraries()
                .run(VersionClashApp.class, postgres.jdbcUrl(), postgres.user(), postgres.password(),
                        table, PG_VENDOR);

        assertUnchangedAndCountedOnce(result, "agent", table);
        assertThat(result.line("GENERATED")).isEqualTo("true");
        assertThat(result.line("HISTOGRAM")).isEqualTo("1");
        assertThat(result.lines("LIB")).containsExactly(
                "byte-buddy byte-buddy-1.14.18.jar",
                "HdrHistogram HdrHistogram-2.1.12.jar",
                "slf4j-api slf4j-api-1.7.36.jar",
                "opentelemetry-api opentelemetry-api-1.62.0.jar",
                "chronicle-queue chronicle-queue-2026.1.jar");
        assertThat(result.line("CHRONICLE")).isEqualTo("the application's own queue");
        assertThat(result.stderr()).contains("application logging through its own SLF4J");
    }

    @ParameterizedTest
    @ValueSource(strings = {"17", "25"})
    void aBadOptionLeavesTheApplicationUnmodifiedWithOneLogLine(String javaVersion) throws Exception {
        TestDatabase postgres = TestDatabases.postgres();
        String table = "agent_bad_option_" + javaVersion;
        // The test app asks the agent's copy for statistics at exit, which builds an engine the failed agent never
        // would; with streaming off that engine does not start Chronicle while the JVM shuts down.
        ChildJvm.Result result = ChildJvm.on(java(javaVersion)).withAgent("shapes.max=lots")
                .withSystemProperty("querylens.queue.dir", "")
                .withLibraries("postgresql-")
                .run(DriverManagerApp.class, postgres.jdbcUrl(), postgres.user(), postgres.password(),
                        table, PG_VENDOR);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.line("ROWS")).isEqualTo(EXPECTED_ROWS);
        assertThat(result.line("CONNECTION")).startsWith("org.postgresql.");
        assertThat(result.lines("STAT")).isEmpty();
        assertThat(result.line("JDK_ACCESS")).isEqualTo("reflectOpen=false refExported=false nioExported=false");
        assertThat(result.stderr().lines().filter(line -> line.contains("querylens")))
                .singleElement().asString()
                .startsWith("[querylens-agent] QueryLens agent not installed, the application runs without it:")
                .contains("querylens.shapes.max");
    }

    private static ChildJvm hikari(String javaVersion) {
        return ChildJvm.on(java(javaVersion)).withAgent(null)
                .withLibraries("postgresql-", "mariadb-java-client-", "HikariCP-", "slf4j-api-");
    }

    private static void assertUnchangedAndCountedOnce(ChildJvm.Result result, String countingCopy, String table) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertFindingsFileNamesTheWorkloadsDdl(result, table);
        assertThat(result.line("ROWS")).isEqualTo(EXPECTED_ROWS);
        assertThat(result.executions(countingCopy, "select")).as(result.toString()).isEqualTo(SELECTS);
        assertThat(result.executions(countingCopy, "insert")).as(result.toString()).isEqualTo(3);
        String otherCopy = countingCopy.equals("agent") ? "application" : "agent";
        assertThat(result.executions(otherCopy, "select")).as(result.toString()).isZero();
        assertThat(result.executions(otherCopy, "insert")).as(result.toString()).isZero();
    }

    /**
     * The workload creates its table from application code, outside any migration: whichever copy counted the
     * statements writes that {@code ddl_outside_migration} to the findings file, once per key, with the shape and the
     * data source (the URL without credentials).
     */
    private static void assertFindingsFileNamesTheWorkloadsDdl(ChildJvm.Result result, String table) {
        assertThat(result.findings()).as(result.toString())
                .filteredOn(line -> line.contains("\"kind\":\"ddl_outside_migration\""))
                .filteredOn(line -> line.contains("\"sql\":\"create table if not exists " + table + " "))
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line)
                        .startsWith("{").endsWith("}")
                        .contains("\"severity\":\"warning\"")
                        .containsPattern("\"fingerprint\":\"[0-9a-f]{16}\"")
                        .containsPattern("\"dataSource\":\"jdbc:(postgresql|mariadb|querylens:postgresql)://")
                        .doesNotContain("password"));
    }

    private static void assertPoolStillWorks(ChildJvm.Result result) {
        assertThat(result.line("POOL_PROXY")).startsWith("com.zaxxer.hikari.pool.HikariProxyConnection");
        assertThat(result.line("VALID")).isEqualTo("true");
        assertThat(result.line("POOL")).matches("total=[12] active=1");
    }

    private static String java(String version) {
        return version.equals("25") ? ChildJvm.JAVA_25 : ChildJvm.JAVA_17;
    }
}
