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

    @ParameterizedTest
    @ValueSource(strings = {"17", "25"})
    void driverManagerConnectionsAreWatchedAndOpenChroniclesPackages(String javaVersion) throws Exception {
        TestDatabase postgres = TestDatabases.postgres();
        ChildJvm.Result result = ChildJvm.on(java(javaVersion)).withAgent(null).withLibraries("postgresql-")
                .run(DriverManagerApp.class, postgres.jdbcUrl(), postgres.user(), postgres.password(),
                        "agent_dm_" + javaVersion, PG_VENDOR);

        assertUnchangedAndCountedOnce(result, "agent");
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
    }

    @ParameterizedTest
    @ValueSource(strings = {"17", "25"})
    void hikariWithJdbcUrlPoolsLensConnectionsBehindItsOwnProxies(String javaVersion) throws Exception {
        TestDatabase postgres = TestDatabases.postgres();
        ChildJvm.Result result = hikari(javaVersion).run(HikariApp.class, postgres.jdbcUrl(), postgres.user(),
                postgres.password(), "agent_hikari_url_" + javaVersion, PG_VENDOR);

        assertUnchangedAndCountedOnce(result, "agent");
        assertPoolStillWorks(result);
        assertThat(result.line("VENDOR")).startsWith("org.postgresql.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"17", "25"})
    void hikariWithPgSimpleDataSourceCountsOnce(String javaVersion) throws Exception {
        TestDatabase postgres = TestDatabases.postgres();
        ChildJvm.Result result = hikari(javaVersion).run(HikariApp.class,
                "org.postgresql.ds.PGSimpleDataSource=" + postgres.jdbcUrl(), postgres.user(), postgres.password(),
                "agent_hikari_pgds_" + javaVersion, PG_VENDOR);

        assertUnchangedAndCountedOnce(result, "agent");
        assertPoolStillWorks(result);
        assertThat(result.line("VENDOR")).startsWith("org.postgresql.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"17", "25"})
    void hikariWithMariaDbDataSourceIsWatchedThroughTheDataSourceHook(String javaVersion) throws Exception {
        TestDatabase mariadb = TestDatabases.mariadb();
        ChildJvm.Result result = hikari(javaVersion).run(HikariApp.class,
                "org.mariadb.jdbc.MariaDbDataSource=" + mariadb.jdbcUrl(), mariadb.user(), mariadb.password(),
                "agent_hikari_mariads_" + javaVersion, MARIADB_VENDOR);

        assertUnchangedAndCountedOnce(result, "agent");
        assertPoolStillWorks(result);
        assertThat(result.line("VENDOR")).startsWith("org.mariadb.jdbc.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"17", "25"})
    void anApplicationUsingTheUrlPrefixIsCountedOnceByItsOwnCopy(String javaVersion) throws Exception {
        TestDatabase postgres = TestDatabases.postgres();
        ChildJvm.Result result = ChildJvm.on(java(javaVersion)).withAgent(null)
                .withLibraries("postgresql-", "querylens-driver", "HdrHistogram-", "jackson-core-", "jsqlparser-")
                .run(DriverManagerApp.class, postgres.querylensUrl(), postgres.user(), postgres.password(),
                        "agent_prefix_" + javaVersion, PG_VENDOR);

        assertUnchangedAndCountedOnce(result, "application");
        assertThat(result.line("CONNECTION")).isEqualTo("io.querylens.driver.jdbc.LensConnection");
    }

    @ParameterizedTest
    @ValueSource(strings = {"17", "25"})
    void aPoolOverTheUrlPrefixIsCountedOnceByTheApplicationsCopy(String javaVersion) throws Exception {
        TestDatabase postgres = TestDatabases.postgres();
        ChildJvm.Result result = hikari(javaVersion)
                .withLibraries("querylens-driver", "HdrHistogram-", "jackson-core-", "jsqlparser-")
                .run(HikariApp.class, postgres.querylensUrl(), postgres.user(), postgres.password(),
                        "agent_prefix_pool_" + javaVersion, PG_VENDOR);

        assertUnchangedAndCountedOnce(result, "application");
        assertPoolStillWorks(result);
    }

    @ParameterizedTest
    @ValueSource(strings = {"17", "25"})
    void theApplicationKeepsItsOwnVersionsOfTheLibrariesTheAgentCarries(String javaVersion) throws Exception {
        TestDatabase postgres = TestDatabases.postgres();
        ChildJvm.Result result = ChildJvm.on(java(javaVersion)).withAgent(null).withLibraries("postgresql-")
                .withClashLibraries()
                .run(VersionClashApp.class, postgres.jdbcUrl(), postgres.user(), postgres.password(),
                        "agent_clash_" + javaVersion, PG_VENDOR);

        assertUnchangedAndCountedOnce(result, "agent");
        assertThat(result.line("GENERATED")).isEqualTo("true");
        assertThat(result.line("HISTOGRAM")).isEqualTo("1");
        assertThat(result.lines("LIB")).containsExactly(
                "byte-buddy byte-buddy-1.14.18.jar",
                "HdrHistogram HdrHistogram-2.1.12.jar",
                "slf4j-api slf4j-api-1.7.36.jar",
                "opentelemetry-api opentelemetry-api-1.62.0.jar");
        assertThat(result.stderr()).contains("application logging through its own SLF4J");
    }

    @ParameterizedTest
    @ValueSource(strings = {"17", "25"})
    void aBadOptionLeavesTheApplicationUnmodifiedWithOneLogLine(String javaVersion) throws Exception {
        TestDatabase postgres = TestDatabases.postgres();
        // The test app asks the agent's copy for statistics at exit, which builds an engine the failed agent never
        // would; with streaming off that engine does not start Chronicle while the JVM shuts down.
        ChildJvm.Result result = ChildJvm.on(java(javaVersion)).withAgent("shapes.max=lots")
                .withSystemProperty("querylens.queue.dir", "")
                .withLibraries("postgresql-")
                .run(DriverManagerApp.class, postgres.jdbcUrl(), postgres.user(), postgres.password(),
                        "agent_bad_option_" + javaVersion, PG_VENDOR);

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

    private static void assertUnchangedAndCountedOnce(ChildJvm.Result result, String countingCopy) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.line("ROWS")).isEqualTo(EXPECTED_ROWS);
        assertThat(result.executions(countingCopy, "select")).as(result.toString()).isEqualTo(SELECTS);
        assertThat(result.executions(countingCopy, "insert")).as(result.toString()).isEqualTo(3);
        String otherCopy = countingCopy.equals("agent") ? "application" : "agent";
        assertThat(result.executions(otherCopy, "select")).as(result.toString()).isZero();
        assertThat(result.executions(otherCopy, "insert")).as(result.toString()).isZero();
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
