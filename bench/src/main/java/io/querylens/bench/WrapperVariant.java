package io.querylens.bench;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.jdbc.datasource.JdbcTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

/**
 * One way of watching JDBC, named as in the benchmarks' {@code variant} parameter. Every variant reaches the same raw
 * driver ({@link Database}: the {@code jdbc:stub:} driver or PostgreSQL), so the differences measured are the
 * wrappers' alone.
 *
 * <p>Several variants configure their library through system properties that are read once, when the library first
 * loads, and p6spy loads with {@link DriverManager} whatever the variant. So {@link #open()} must run before anything
 * else in the JVM touches {@code DriverManager}; JMH's forks (one per parameter value) guarantee that.
 */
public enum WrapperVariant {

    RAW("raw") {
        @Override
        Connection connect(Database database) throws SQLException {
            return database.connect(database.jdbcUrl());
        }
    },
    /** Everything on: the default configuration (histograms, N+1, DDL guard, unindexed analysis, advisor, stream). */
    QUERYLENS("querylens") {
        @Override
        Connection connect(Database database) throws SQLException {
            return connectQueryLens(database);
        }

        @Override
        String poolUrl(Database database) {
            return database.urlWithPrefix("querylens");
        }
    },
    /** Shapes and latency histograms only: every detector (and the event stream) switched off. */
    QUERYLENS_HISTOGRAMS_ONLY("querylensHistogramsOnly") {
        @Override
        void configure() {
            System.setProperty("querylens.detectors.disabled", "nplusone,ddl,unindexed,advisor,stream");
        }

        @Override
        Connection connect(Database database) throws SQLException {
            return connectQueryLens(database);
        }

        @Override
        String poolUrl(Database database) {
            return database.urlWithPrefix("querylens");
        }
    },
    /**
     * The QueryLens javaagent, everything on, wrapping the raw driver's connections with no change to the code: only
     * in a JVM started with {@code -javaagent:agent/target/querylens-agent.jar} ({@link OverheadReport} runs it in
     * forks of its own).
     */
    AGENT("agent") {
        @Override
        Connection connect(Database database) throws SQLException {
            Connection connection = database.connect(database.jdbcUrl());
            requireAgentWrapped(connection);
            return connection;
        }

        @Override
        Pool pool(Database database) throws SQLException {
            Pool pool = super.pool(database);
            try (Connection borrowed = pool.dataSource().getConnection()) {
                requireAgentWrapped(borrowed.unwrap(Connection.class));
            }
            return pool;
        }

        @Override
        public String unavailableReason() {
            return agentAttached() ? null : "needs a JVM started with -javaagent:" + AGENT_JAR
                    + " (build it with ./mvnw -q -pl agent -am package -DskipTests)";
        }
    },
    /** p6spy's wrappers and event listeners, output off ({@link DiscardingP6Logger}). */
    P6SPY("p6spy") {
        @Override
        Connection connect(Database database) throws SQLException {
            return database.connect(database.urlWithPrefix("p6spy"));
        }

        @Override
        String poolUrl(Database database) {
            return database.urlWithPrefix("p6spy");
        }
    },
    /** p6spy as shipped: every statement formatted and appended to a log file under {@code target/}. */
    P6SPY_DEFAULT("p6spyDefault") {
        @Override
        void configure() {
            System.setProperty("p6spy.config.logfile", p6spyLogFile().toString());
        }

        @Override
        Connection connect(Database database) throws SQLException {
            return database.connect(database.urlWithPrefix("p6spy"));
        }

        @Override
        String poolUrl(Database database) {
            return database.urlWithPrefix("p6spy");
        }

        @Override
        void afterIteration() {
            // The log grows by tens of MB a second; p6spy appends, so truncating keeps the disk bounded while it runs.
            Path logFile = p6spyLogFile();
            if (!Files.exists(logFile)) {
                return;
            }
            try (FileChannel log = FileChannel.open(logFile, StandardOpenOption.WRITE)) {
                log.truncate(0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    },
    /** datasource-proxy's JDK proxies with the counting listener ({@code countQuery()}). */
    DATASOURCE_PROXY("datasourceProxy") {
        @Override
        Connection connect(Database database) throws SQLException {
            return around(database.rawDataSource()).getConnection();
        }

        @Override
        DataSource around(DataSource dataSource) {
            return ProxyDataSourceBuilder.create(dataSource).name("bench").countQuery().build();
        }
    },
    /** OpenTelemetry's JDBC library over the no-op API: wrapping and instrumenter work, no span recorded. */
    OTEL_NOOP("otelNoop") {
        @Override
        Connection connect(Database database) throws SQLException {
            return around(database.rawDataSource()).getConnection();
        }

        @Override
        DataSource around(DataSource dataSource) {
            return JdbcTelemetry.create(OpenTelemetry.noop()).wrap(dataSource);
        }
    },
    /** OpenTelemetry's JDBC library over the SDK, every span sampled, built, ended and exported to nowhere. */
    OTEL_SDK("otelSdk") {
        @Override
        Connection connect(Database database) throws SQLException {
            return around(database.rawDataSource()).getConnection();
        }

        @Override
        DataSource around(DataSource dataSource) {
            SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
                    .setSampler(Sampler.alwaysOn())
                    .addSpanProcessor(SimpleSpanProcessor.create(new DroppingSpanExporter()))
                    .build();
            OpenTelemetry sdk = OpenTelemetrySdk.builder().setTracerProvider(tracerProvider).build();
            return JdbcTelemetry.create(sdk).wrap(dataSource);
        }
    };

    /** Where the report finds the agent, relative to the repository root. */
    static final String AGENT_JAR = "agent/target/querylens-agent.jar";
    /** Connections a pool keeps: a single-threaded benchmark borrows one at a time. */
    static final int POOL_SIZE = 2;

    static final String QUERYLENS_URL = Database.STUB.urlWithPrefix("querylens");

    private final String parameterName;

    WrapperVariant(String parameterName) {
        this.parameterName = parameterName;
    }

    public String parameterName() {
        return parameterName;
    }

    public static WrapperVariant named(String parameterName) {
        for (WrapperVariant variant : values()) {
            if (variant.parameterName.equals(parameterName)) {
                return variant;
            }
        }
        throw new IllegalArgumentException("no variant " + parameterName + "; known: " + parameterNames(List.of(values())));
    }

    static String parameterNames(List<WrapperVariant> variants) {
        return variants.stream().map(WrapperVariant::parameterName).collect(Collectors.joining(","));
    }

    /** Configures the variant's libraries, then opens one connection over the stub through them. */
    public final Connection open() throws SQLException {
        return open(Database.STUB);
    }

    /** Configures the variant's libraries, then opens one connection to {@code database} through them. */
    public final Connection open(Database database) throws SQLException {
        configure();
        quietP6spy();
        return connect(database);
    }

    /**
     * Configures the variant's libraries, then builds a HikariCP pool to {@code database} with the variant where its
     * users put it: under the pool for the URL prefixes and the agent (the pool holds wrapped physical
     * connections), over the pool for the DataSource wrappers (datasource-proxy, OpenTelemetry).
     */
    public final Pool openPool(Database database) throws SQLException {
        configure();
        quietP6spy();
        return pool(database);
    }

    /** A pool and what the application borrows from. */
    public record Pool(DataSource dataSource, HikariDataSource hikari) implements AutoCloseable {
        @Override
        public void close() {
            hikari.close();
        }
    }

    Pool pool(Database database) throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setPoolName("bench-" + parameterName);
        config.setJdbcUrl(poolUrl(database));
        config.setUsername(database.user());
        config.setPassword(database.password());
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(POOL_SIZE);
        HikariDataSource hikari = new HikariDataSource(config);
        return new Pool(around(hikari), hikari);
    }

    /** The URL the pool opens its physical connections with. */
    String poolUrl(Database database) {
        return database.jdbcUrl();
    }

    /** What a DataSource-wrapping variant puts around a DataSource (a pool, or the vendor's own); others: itself. */
    DataSource around(DataSource dataSource) {
        return dataSource;
    }

    /**
     * Why this variant cannot run in this JVM, or null when it can. Only the QueryLens variants can be missing: the
     * benchmarks reach the QueryLens driver through {@link DriverManager}, as applications do, not at compile time.
     */
    public String unavailableReason() {
        if (this != QUERYLENS && this != QUERYLENS_HISTOGRAMS_ONLY) { // AGENT overrides this
            return null;
        }
        quietP6spy();
        for (Driver driver : Collections.list(DriverManager.getDrivers())) {
            try {
                if (driver.acceptsURL(QUERYLENS_URL)) {
                    return null;
                }
            } catch (SQLException e) {
                // A driver that cannot answer does not accept the URL.
            }
        }
        return "no registered JDBC driver accepts " + QUERYLENS_URL + " (the QueryLens driver is not on the class path)";
    }

    void configure() {
    }

    abstract Connection connect(Database database) throws SQLException;

    /** Called between measurement iterations, outside the measured time. */
    void afterIteration() {
    }

    private static Connection connectQueryLens(Database database) throws SQLException {
        String url = database.urlWithPrefix("querylens");
        try {
            return database.connect(url);
        } catch (SQLException e) {
            throw new SQLException("cannot open " + url + ": is the QueryLens driver on the class path?", e);
        }
    }

    static boolean agentAttached() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(arg -> arg.startsWith("-javaagent:") && arg.contains("querylens-agent"));
    }

    /** A benchmark of the agent that measured unwrapped connections would report the raw driver's cost as ours. */
    private static void requireAgentWrapped(Connection connection) throws SQLException {
        String type = connection.getClass().getName();
        if (!type.endsWith(".LensConnection")) {
            throw new SQLException("the agent did not wrap the connection (got " + type + "); is -javaagent:"
                    + AGENT_JAR + " on the command line?");
        }
    }

    /**
     * p6spy registers with every JVM that touches {@link DriverManager} and, as shipped, writes {@code spy.log} into
     * the working directory; unless a variant asked for its file logging, route it to {@link DiscardingP6Logger}.
     * Its JMX registration is off for every variant: set-up work that no measured operation includes.
     */
    private static void quietP6spy() {
        if (System.getProperty("p6spy.config.logfile") == null) {
            System.setProperty("p6spy.config.appender", DiscardingP6Logger.class.getName());
        }
        System.setProperty("p6spy.config.jmx", "false");
    }

    private static Path p6spyLogFile() {
        return targetDirectory().resolve("p6spy-default.log");
    }

    /** {@code bench/target} when run from the repository root, {@code target} when run from {@code bench/}. */
    static Path targetDirectory() {
        Path target = Stream.of(Path.of("bench", "target"), Path.of("target"))
                .filter(Files::isDirectory).findFirst().orElse(Path.of("target"));
        try {
            return Files.createDirectories(target).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
