package io.querylens.driver.sink;

import io.querylens.QueryLens;
import io.querylens.driver.LensEngine;
import io.querylens.driver.config.QueryLensConfig;
import io.querylens.driver.finding.Finding;
import io.querylens.driver.finding.FindingKind;
import io.querylens.driver.finding.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Listeners named in {@code META-INF/services} receive findings without any call to {@code addFindingListener}. */
class DiscoveredListenerTest {
    @TempDir
    Path dir;

    @Test
    void listenerNamedInServicesGetsFindings() {
        LensEngine engine = QueryLens.configure(QueryLensConfig.defaults());
        DiscoveredListener.RECEIVED.clear();

        reportOne(engine);

        assertThat(DiscoveredListener.RECEIVED).extracting(Finding::fingerprint).containsExactly("00000000000000bb");
        assertThat(engine.faults().count("finding listener discovery")).isZero();
    }

    /** In a child JVM, so that the broken services entry does not reach every other test's engine. */
    @Test
    void brokenServicesEntryIsReportedAndTheOtherListenersStillWork() throws Exception {
        Path services = Files.createDirectories(dir.resolve("extra/META-INF/services"));
        Files.writeString(services.resolve(FindingListener.class.getName()), "com.example.NoSuchListener\n");
        Path out = dir.resolve("out.txt");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquerylens.queue.dir=", "-Dquerylens.findings.log=false",
                "-cp", dir.resolve("extra") + File.pathSeparator + System.getProperty("java.class.path"),
                Child.class.getName())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        // A guard against a hung child, not a timing assertion.
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        String output = Files.readString(out);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("received 1, discovery faults 1")
                .contains("Provider com.example.NoSuchListener not found");
    }

    static void reportOne(LensEngine engine) {
        engine.findings().report(Finding.builder(FindingKind.REPEATED_QUERY, Severity.INFO)
                .fingerprint("00000000000000bb").sql("select 1").count(6).callSite("com.example.A.b(A.java:1)").build());
        QueryLens.flush();
    }

    /** The child JVM's main. */
    public static final class Child {
        public static void main(String[] args) {
            LensEngine engine = QueryLens.engine();
            reportOne(engine);
            System.out.println("received " + DiscoveredListener.RECEIVED.size() + ", discovery faults "
                    + engine.faults().count("finding listener discovery"));
            System.exit(0);
        }
    }
}
