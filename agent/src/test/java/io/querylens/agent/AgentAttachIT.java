package io.querylens.agent;

import io.querylens.agent.apps.AttachLaterApp;
import io.querylens.testkit.TestDatabase;
import io.querylens.testkit.TestDatabases;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent loaded into a JVM that is already running ({@code jcmd <pid> JVMTI.agent_load querylens-agent.jar}, what
 * the Attach API does too), on Java 17 and 25: the PostgreSQL driver and the data source class were loaded and used
 * before the attach, so they are retransformed, and every connection opened after the attach is watched, through
 * {@code DriverManager} and through the data source made before it. A connection opened before the attach stays
 * unwatched, and so do its statements.
 */
class AgentAttachIT {
    @TempDir
    Path queue;

    @ParameterizedTest
    @ValueSource(strings = {"17", "25"})
    void connectionsOpenedAfterAnAttachAreWatchedAndEarlierOnesAreLeftAlone(String javaVersion) throws Exception {
        TestDatabase postgres = TestDatabases.postgres();
        String table = "agent_attach_" + javaVersion;
        String java = javaVersion.equals("25") ? ChildJvm.JAVA_25 : ChildJvm.JAVA_17;
        ChildJvm child = ChildJvm.on(java).withLibraries("postgresql-");
        if (javaVersion.equals("25")) {
            // Java 21+ warns on standard error about an agent loaded into a running JVM unless this flag allows it.
            child.withJvmOption("-XX:+EnableDynamicAgentLoading");
        }
        ChildJvm.Running running = child.start(AttachLaterApp.class, postgres.jdbcUrl(), postgres.user(),
                postgres.password(), table);
        running.awaitLine("READY");

        String attachOutput = attach(java, running.pid(), "app=attached,queue.dir=" + queue);
        running.writeLine("attached");
        ChildJvm.Result result = running.finish();

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(attachOutput).as(attachOutput).contains("return code: 0");
        assertThat(result.line("ROWS")).as("what the application saw").isEqualTo("3,b,c,a,b,c,a,b,3");
        assertThat(result.line("BEFORE_CONNECTION")).startsWith("org.postgresql.");
        assertThat(result.lines("DM_CONNECTION")).hasSize(7)
                .allSatisfy(name -> assertThat(name).endsWith("querylens.driver.jdbc.LensConnection"));
        assertThat(result.line("DS_CONNECTION")).endsWith("querylens.driver.jdbc.LensConnection");
        assertThat(result.executions("agent", "select name from " + table)).as(result.toString()).isEqualTo(7);
        assertThat(result.executions("agent", "select id from " + table)).as(result.toString()).isEqualTo(1);
        assertThat(result.executions("agent", "select count(*) from " + table))
                .as("the connection opened before the attach stays unwatched\n" + result).isZero();
        assertThat(result.executions("agent", "insert into " + table)).as("statements before the attach").isZero();
        assertThat(result.stderr()).as(result.toString()).doesNotContain("QueryLens agent not installed")
                .doesNotContain("loaded dynamically").doesNotContain("cannot stream");
    }

    /**
     * Runs the child's own JDK's {@code jcmd}, which speaks that JVM's attach protocol. jcmd reads {@code key=value} in
     * its arguments as its own options, so the agent's options go in double quotes, as agent/README.md documents.
     */
    private static String attach(String java, long pid, String options) throws Exception {
        Path jcmd = Path.of(java).resolveSibling("jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "JVMTI.agent_load",
                ChildJvm.AGENT_JAR.toString(), "\"" + options + "\"").redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("jcmd did not finish in 60 s");
        }
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
