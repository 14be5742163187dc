package io.querylens.collector;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code querylens-collector}: see collector/README.md. Options on the command line win over the same settings in
 * the {@code --config} properties file.
 */
@Command(name = "querylens-collector", mixinStandardHelpOptions = true,
        description = "Tails QueryLens event queues, polls database statistics and serves /metrics and a JSON API.")
public final class CollectorMain implements Callable<Integer> {
    @Option(names = "--queue", paramLabel = "DIR", description = "Queue folder the drivers write to (repeatable).")
    List<Path> queues = new ArrayList<>();

    @Option(names = "--db", paramLabel = "NAME=JDBC_URL",
            description = "A database to poll (repeatable); credentials as URL parameters user= and password=.")
    List<String> databases = new ArrayList<>();

    @Option(names = "--listen", paramLabel = "HOST:PORT", description = "Default 127.0.0.1:9400.")
    String listen;

    @Option(names = "--token", description = "Bearer token required on every request (env QUERYLENS_COLLECTOR_TOKEN).")
    String token;

    @Option(names = "--insecure-no-token", description = "Allow a non-loopback --listen without a token.")
    Boolean insecureNoToken;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Where the checkpoint is kept. Default: querylens-collector-state next to the first queue.")
    Path stateDir;

    @Option(names = "--top-shapes", description = "Shapes with their own metric series; the rest are 'other'. Default 100.")
    Integer topShapes;

    @Option(names = "--poll-seconds", description = "Database statistics poll interval. Default 15.")
    Integer pollSeconds;

    @Option(names = "--checkpoint-seconds", description = "Checkpoint interval. Default 5.")
    Integer checkpointSeconds;

    @Option(names = "--ddl-grace-seconds",
            description = "How long DDL the database saw may wait for an application to report it. Default 30.")
    Integer ddlGraceSeconds;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with the same settings.")
    Path config;

    public static void main(String[] args) {
        // Chronicle announces usage statistics unless told not to before its classes load.
        System.setProperty("chronicle.analytics.disable", "true");
        System.exit(new CommandLine(new CollectorMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        CollectorSettings settings;
        List<String> problems;
        try {
            settings = settings();
            problems = settings.validate();
        } catch (IllegalArgumentException badFile) {
            settings = null;
            problems = List.of(badFile.getMessage());
        }
        if (!problems.isEmpty()) {
            System.err.println("querylens-collector: cannot start:");
            problems.forEach(problem -> System.err.println("  - " + problem));
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Collector collector = new Collector(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            collector.close();
            stopped.countDown();
        }, "querylens-collector-shutdown"));
        System.out.println("querylens-collector listening on " + settings.listen() + " (port " + collector.port()
                + "), queues " + settings.queues());
        stopped.await();
        return 0;
    }

    CollectorSettings settings() throws IOException {
        Properties file = new Properties();
        if (config != null) {
            try (Reader reader = Files.newBufferedReader(config, StandardCharsets.UTF_8)) {
                file.load(reader);
            }
            for (String key : file.stringPropertyNames()) {
                if (!FILE_KEYS.contains(key) && !key.startsWith("db.")) {
                    throw new IllegalArgumentException(config + ": unknown key '" + key + "'; known keys: "
                            + String.join(", ", FILE_KEYS) + ", db.NAME");
                }
            }
        }
        List<Path> allQueues = new ArrayList<>(queues);
        if (allQueues.isEmpty() && file.getProperty("queue") != null) {
            Arrays.stream(file.getProperty("queue").split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .map(Path::of).forEach(allQueues::add);
        }
        List<String> dbSpecs = new ArrayList<>(databases);
        for (String name : file.stringPropertyNames()) {
            if (name.startsWith("db.")) {
                String db = name.substring(3);
                if (dbSpecs.stream().noneMatch(spec -> spec.startsWith(db + "="))) {
                    dbSpecs.add(db + "=" + file.getProperty(name));
                }
            }
        }
        String effectiveToken = first(token, file.getProperty("token"), System.getenv("QUERYLENS_COLLECTOR_TOKEN"));
        Path state = stateDir != null ? stateDir
                : file.getProperty("state.dir") != null ? Path.of(file.getProperty("state.dir"))
                : allQueues.isEmpty() ? Path.of("querylens-collector-state")
                : allQueues.get(0).toAbsolutePath().resolveSibling(
                        allQueues.get(0).getFileName() + "-collector-state");
        return new CollectorSettings(allQueues, CollectorSettings.parseDatabases(dbSpecs),
                first(listen, file.getProperty("listen"), "127.0.0.1:9400"), effectiveToken,
                insecureNoToken != null ? insecureNoToken
                        : Boolean.parseBoolean(file.getProperty("insecure.no.token", "false")),
                state,
                number(topShapes, file, "top.shapes", 100),
                number(pollSeconds, file, "poll.seconds", 15) * 1000L,
                number(checkpointSeconds, file, "checkpoint.seconds", 5) * 1000L,
                number(ddlGraceSeconds, file, "ddl.grace.seconds", 30) * 1000L);
    }

    /** The settings a {@code --config} file may hold, besides {@code db.NAME}; a typo fails at start. */
    static final List<String> FILE_KEYS = List.of("queue", "listen", "token", "insecure.no.token", "state.dir",
            "top.shapes", "poll.seconds", "checkpoint.seconds", "ddl.grace.seconds");

    private int number(Integer option, Properties file, String key, int defaultValue) {
        if (option != null) {
            return option;
        }
        String value = file.getProperty(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException(config + ": " + key + " = \"" + value + "\": expected a whole number");
        }
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return null;
    }
}
