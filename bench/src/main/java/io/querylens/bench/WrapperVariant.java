package io.querylens.bench;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.jdbc.datasource.JdbcTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.querylens.bench.stub.StubDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

/**
 * One way of wrapping the stub driver, named as in the benchmarks' {@code variant} parameter. Every variant opens its
 * connection over the same {@code jdbc:stub:} driver, so the differences measured are the wrappers' alone.
 *
 * <p>Several variants configure their library through system properties that are read once, when the library first
 * loads, and p6spy loads with {@link DriverManager} whatever the variant. So {@link #open()} must run before anything
 * else in the JVM touches {@code DriverManager}; JMH's forks (one per parameter value) guarantee that.
 */
public enum WrapperVariant {

    RAW("raw") {
        @Override
        Connection connect() throws SQLException {
            return DriverManager.getConnection(STUB_URL);
        }
    },
    /** Everything on: the default configuration. */
    QUERYLENS("querylens") {
        @Override
        Connection connect() throws SQLException {
            return connectQueryLens();
        }
    },
    /** Shapes and latency histograms only: every detector switched off. */
    QUERYLENS_HISTOGRAMS_ONLY("querylensHistogramsOnly") {
        @Override
        void configure() {
            System.setProperty("querylens.detectors.disabled", "nplusone,ddl,unindexed");
        }

        @Override
        Connection connect() throws SQLException {
            return connectQueryLens();
        }
    },
    /** p6spy's wrappers and event listeners, output off ({@link DiscardingP6Logger}). */
    P6SPY("p6spy") {
        @Override
        Connection connect() throws SQLException {
            return DriverManager.getConnection(P6SPY_URL);
        }
    },
    /** p6spy as shipped: every statement formatted and appended to a log file under {@code target/}. */
    P6SPY_DEFAULT("p6spyDefault") {
        @Override
        void configure() {
            System.setProperty("p6spy.config.logfile", p6spyLogFile().toString());
        }

        @Override
        Connection connect() throws SQLException {
            return DriverManager.getConnection(P6SPY_URL);
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
        Connection connect() throws SQLException {
            return ProxyDataSourceBuilder.create(new StubDataSource(STUB_URL)).name("bench").countQuery().build()
                    .getConnection();
        }
    },
    /** OpenTelemetry's JDBC library over the no-op API: wrapping and instrumenter work, no span recorded. */
    OTEL_NOOP("otelNoop") {
        @Override
        Connection connect() throws SQLException {
            return JdbcTelemetry.create(OpenTelemetry.noop()).wrap(new StubDataSource(STUB_URL)).getConnection();
        }
    },
    /** OpenTelemetry's JDBC library over the SDK, every span sampled, built, ended and exported to nowhere. */
    OTEL_SDK("otelSdk") {
        @Override
        Connection connect() throws SQLException {
            SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
                    .setSampler(Sampler.alwaysOn())
                    .addSpanProcessor(SimpleSpanProcessor.create(new DroppingSpanExporter()))
                    .build();
            OpenTelemetry sdk = OpenTelemetrySdk.builder().setTracerProvider(tracerProvider).build();
            return JdbcTelemetry.create(sdk).wrap(new StubDataSource(STUB_URL)).getConnection();
        }
    };

    static final String STUB_URL = "jdbc:stub:bench";
    static final String QUERYLENS_URL = "jdbc:querylens:stub:bench";
    private static final String P6SPY_URL = "jdbc:p6spy:stub:bench";

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
        configure();
        quietP6spy();
        return connect();
    }

    /**
     * Why this variant cannot run in this JVM, or null when it can. Only the QueryLens variants can be missing: the
     * benchmarks reach the QueryLens driver through {@link DriverManager}, as applications do, not at compile time.
     */
    public String unavailableReason() {
        if (this != QUERYLENS && this != QUERYLENS_HISTOGRAMS_ONLY) {
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

    abstract Connection connect() throws SQLException;

    /** Called between measurement iterations, outside the measured time. */
    void afterIteration() {
    }

    private static Connection connectQueryLens() throws SQLException {
        try {
            return DriverManager.getConnection(QUERYLENS_URL);
        } catch (SQLException e) {
            throw new SQLException("cannot open " + QUERYLENS_URL + ": is the QueryLens driver on the class path?", e);
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
