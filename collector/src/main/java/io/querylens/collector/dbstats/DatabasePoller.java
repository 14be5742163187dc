package io.querylens.collector.dbstats;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.querylens.collector.merge.CollectorState;
import io.querylens.collector.merge.InternalErrors;
import io.querylens.driver.config.QueryLensConfig;
import io.querylens.driver.internal.DataSourceNames;
import io.querylens.driver.sql.Dialect;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Polls every configured database every {@code pollSeconds} on one scheduler thread, each with its own small
 * HikariCP pool (read-only connections: the collector never writes), and turns what it sees into findings
 * ({@link DatabaseFindings}). The latest statistics per database are kept for metrics and the API.
 */
public final class DatabasePoller implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DatabasePoller.class.getName());

    private final Map<String, HikariDataSource> pools = new ConcurrentHashMap<>();
    private final Map<String, StatisticsPoller> pollers = new ConcurrentHashMap<>();
    private final Map<String, DatabaseStatistics> latest = new ConcurrentHashMap<>();
    private final DatabaseFindings findings;
    private final SchemaReview schemaReview;
    private final InternalErrors internalErrors;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "querylens-collector-dbstats");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param databases name → JDBC URL (credentials as URL parameters, or user and password in the URL). The schema
     *                  advisor's keys ({@code querylens.advisor.*}) come from system properties and environment.
     */
    public DatabasePoller(Map<String, String> databases, CollectorState state, long ddlGraceMillis) {
        this(databases, state, ddlGraceMillis, QueryLensConfig.load());
    }

    /** @param advisor the schema advisor's settings (interval, checks switched off, orphan count bound, timeout) */
    public DatabasePoller(Map<String, String> databases, CollectorState state, long ddlGraceMillis,
                          QueryLensConfig advisor) {
        this.findings = new DatabaseFindings(state, ddlGraceMillis);
        this.schemaReview = new SchemaReview(advisor, state, System::currentTimeMillis);
        this.internalErrors = state.internalErrors();
        databases.forEach((name, url) -> {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(url);
            config.setPoolName("querylens-collector-" + name);
            config.setMaximumPoolSize(2);
            config.setMinimumIdle(0);
            config.setReadOnly(true);
            config.setInitializationFailTimeout(-1); // a database that is down now is polled again later
            pools.put(name, new HikariDataSource(config));
            pollers.put(name, Dialect.fromJdbcUrl(url) == Dialect.POSTGRESQL
                    ? new PostgresStatisticsPoller() : new MySqlStatisticsPoller());
        });
    }

    public void start(long pollMillis) {
        scheduler.scheduleWithFixedDelay(this::pollAll, 0, pollMillis, TimeUnit.MILLISECONDS);
    }

    /** Polls every database now, on the calling thread. */
    public void pollAll() {
        for (Map.Entry<String, HikariDataSource> pool : pools.entrySet()) {
            String name = pool.getKey();
            try (Connection connection = pool.getValue().getConnection()) {
                DatabaseStatistics statistics = pollers.get(name).poll(name, connection);
                latest.put(name, statistics);
                String dataSource = DataSourceNames.sanitize(pool.getValue().getJdbcUrl());
                findings.update(statistics, dataSource);
                schemaReview.reviewIfDue(name, connection, statistics, dataSource);
            } catch (Exception failed) {
                internalErrors.count(InternalErrors.DBSTATS);
                LOG.log(Level.WARNING, "QueryLens collector: polling database '" + name + "' failed: " + failed);
            }
        }
    }

    public List<DatabaseStatistics> latest() {
        return List.copyOf(latest.values());
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        pools.values().forEach(HikariDataSource::close);
    }
}
