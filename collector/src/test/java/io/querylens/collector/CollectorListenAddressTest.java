package io.querylens.collector;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the collector listens, and when it refuses to start: loopback by default; any other address needs a token
 * unless the operator says {@code --insecure-no-token}. Issue "Reliability and security", section "Security".
 */
class CollectorListenAddressTest {
    @TempDir
    Path work;

    @Test
    void collectorListensOnLoopbackByDefault() throws Exception {
        CollectorSettings settings = parse("--queue", work.resolve("q").toString());
        assertThat(settings.listen()).isEqualTo("127.0.0.1:9400");
        assertThat(settings.listenAddress().getAddress().isLoopbackAddress()).isTrue();
        assertThat(settings.validate()).isEmpty();
    }

    @Test
    void collectorRefusesNonLoopbackListenWithoutToken() {
        for (String listen : List.of("0.0.0.0:0", "[::]:0", "192.0.2.10:9400")) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit = run(err, "--queue", work.resolve("q").toString(), "--listen", listen);
            assertThat(exit).as(listen).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).as(listen)
                    .contains("cannot start", "--listen " + listen + " is not a loopback address", "--token",
                            "--insecure-no-token");
        }
    }

    @Test
    void nonLoopbackListenIsAllowedWithATokenOrWhenExplicitlyInsecure() throws Exception {
        String queue = work.resolve("q").toString();
        assertThat(parse("--queue", queue, "--listen", "0.0.0.0:9400", "--token", "s3cret").validate()).isEmpty();
        assertThat(parse("--queue", queue, "--listen", "0.0.0.0:9400", "--insecure-no-token").validate()).isEmpty();
        assertThat(parse("--queue", queue, "--listen", "0.0.0.0:9400", "--token", "").validate())
                .singleElement().asString().contains("not a loopback address");
        assertThat(parse("--queue", queue, "--listen", "localhost:9400").validate()).isEmpty();
        assertThat(parse("--queue", queue, "--listen", "[::1]:9400").validate()).isEmpty();
    }

    @Test
    void theTokenNeverAppearsInTheStartupLineOrTheRefusal() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        run(err, "--queue", work.resolve("q").toString(), "--listen", "0.0.0.0:0", "--token", "s3cret-Tok",
                "--top-shapes", "0");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--top-shapes 0").doesNotContain("s3cret-Tok");
    }

    @Test
    void aTokenThatNoHeaderCanCarryIsRefusedWithoutEchoingIt() throws Exception {
        String queue = work.resolve("q").toString();
        for (String token : List.of("caf\u00e9-token", "two words", "tab\tted")) {
            assertThat(parse("--queue", queue, "--token", token).validate()).as(token).singleElement().asString()
                    .contains("printable ASCII").doesNotContain(token);
        }
    }

    private static CollectorSettings parse(String... args) throws Exception {
        CollectorMain main = new CollectorMain();
        new CommandLine(main).parseArgs(args);
        return main.settings();
    }

    private static int run(ByteArrayOutputStream err, String... args) {
        PrintStream previous = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return new CommandLine(new CollectorMain()).execute(args);
        } finally {
            System.setErr(previous);
        }
    }
}
