package io.querylens.driver.detect.advisor;

import io.querylens.driver.config.ConfigKey;
import io.querylens.driver.config.QueryLensConfig;
import io.querylens.driver.detect.Detector;
import io.querylens.driver.detect.DetectorContext;
import io.querylens.driver.detect.DetectorProvider;
import io.querylens.driver.detect.unindexed.AnalysisConnectionPool;

import java.time.Duration;
import java.util.List;

/** Plugs {@link SchemaAdvisor} into the engine (listed in META-INF/services). */
public final class SchemaAdvisorProvider implements DetectorProvider {

    @Override
    public String name() {
        return SchemaAdvisor.NAME;
    }

    /** Migrations are the application's resources: its context class loader sees them, ours may not (app servers). */
    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : SchemaAdvisorProvider.class.getClassLoader();
    }

    @Override
    public Detector create(DetectorContext context) {
        QueryLensConfig config = context.config();
        List<SchemaCheck> checks = SchemaChecks.configured(config, classLoader());
        if (checks.isEmpty()) {
            return null;
        }
        AnalysisConnectionPool connections = new AnalysisConnectionPool(config.string(ConfigKey.ANALYSIS_URL),
                config.string(ConfigKey.ANALYSIS_USER), config.integer(ConfigKey.ANALYSIS_STATEMENT_TIMEOUT_MILLIS));
        return new SchemaAdvisor(checks, context.findings(), context.faults(), connections,
                config.integer(ConfigKey.ANALYSIS_QUEUE_SIZE), config.integer(ConfigKey.ADVISOR_ORPHAN_SCAN_ROWS),
                Duration.ofMillis(config.integer(ConfigKey.ADVISOR_SETTLE_MILLIS)),
                Duration.ofSeconds(config.integer(ConfigKey.ADVISOR_INTERVAL_SECONDS)));
    }
}
