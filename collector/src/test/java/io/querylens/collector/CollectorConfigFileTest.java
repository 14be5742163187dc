package io.querylens.collector;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The collector configured from a {@code --config} properties file, the command line winning. Issue 8. */
class CollectorConfigFileTest {
    @TempDir
    Path work;

    @Test
    void everySettingCanComeFromTheFile() throws Exception {
        Path file = config("""
                queue = /var/q/one, /var/q/two
                db.main = jdbc:postgresql://db:5432/app?user=ro
                db.shop = jdbc:mariadb://db2:3306/shop?user=ro
                listen = 127.0.0.1:9555
                state.dir = /var/lib/querylens
                top.shapes = 25
                poll.seconds = 30
                checkpoint.seconds = 7
                ddl.grace.seconds = 45
                """);

        CollectorSettings settings = parse("--config", file.toString()).settings();

        assertThat(settings.queues()).containsExactly(Path.of("/var/q/one"), Path.of("/var/q/two"));
        assertThat(settings.databases()).containsOnly(
                Map.entry("main", "jdbc:postgresql://db:5432/app?user=ro"),
                Map.entry("shop", "jdbc:mariadb://db2:3306/shop?user=ro"));
        assertThat(settings.listen()).isEqualTo("127.0.0.1:9555");
        assertThat(settings.stateDir()).isEqualTo(Path.of("/var/lib/querylens"));
        assertThat(settings.topShapes()).isEqualTo(25);
        assertThat(settings.pollMillis()).isEqualTo(30_000);
        assertThat(settings.checkpointMillis()).isEqualTo(7_000);
        assertThat(settings.ddlGraceMillis()).isEqualTo(45_000);
        assertThat(settings.validate()).isEmpty();
    }

    @Test
    void theCommandLineWinsOverTheFile() throws Exception {
        Path file = config("""
                queue = /var/q/from-file
                db.main = jdbc:postgresql://file-host/app
                listen = 127.0.0.1:9555
                top.shapes = 25
                """);

        CollectorSettings settings = parse("--config", file.toString(), "--queue", "/var/q/cli",
                "--db", "main=jdbc:postgresql://cli-host/app", "--listen", "127.0.0.1:9666", "--top-shapes", "5")
                .settings();

        assertThat(settings.queues()).containsExactly(Path.of("/var/q/cli"));
        assertThat(settings.databases()).containsExactly(Map.entry("main", "jdbc:postgresql://cli-host/app"));
        assertThat(settings.listen()).isEqualTo("127.0.0.1:9666");
        assertThat(settings.topShapes()).isEqualTo(5);
    }

    @Test
    void aBadValueOrAnUnknownKeyInTheFileStopsTheStartNamingKeyAndValue() throws Exception {
        Path badNumber = config("queue = /var/q\ntop.shapes = lots\n");
        Path typo = config("queue = /var/q\ntop_shapes = 5\n");

        assertThatThrownBy(() -> parse("--config", badNumber.toString()).settings())
                .hasMessageContaining("top.shapes = \"lots\"").hasMessageContaining("expected a whole number")
                .hasMessageContaining(badNumber.toString());
        assertThatThrownBy(() -> parse("--config", typo.toString()).settings())
                .hasMessageContaining("unknown key 'top_shapes'").hasMessageContaining("top.shapes");

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        int exit;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            exit = new CommandLine(new CollectorMain()).execute("--config", badNumber.toString());
        } finally {
            System.setErr(original);
        }
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("querylens-collector: cannot start:")
                .contains("top.shapes = \"lots\"").doesNotContain("Exception");
    }

    private Path config(String text) throws Exception {
        Path file = Files.createTempFile(work, "collector", ".properties");
        Files.writeString(file, text);
        return file;
    }

    private static CollectorMain parse(String... args) {
        CollectorMain main = new CollectorMain();
        new CommandLine(main).parseArgs(args);
        return main;
    }
}
