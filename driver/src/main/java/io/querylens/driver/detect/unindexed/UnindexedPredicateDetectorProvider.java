package io.querylens.driver.detect.unindexed;

import io.querylens.driver.config.ConfigKey;
import io.querylens.driver.config.QueryLensConfig;
import io.querylens.driver.detect.Detector;
import io.querylens.driver.detect.DetectorContext;
import io.querylens.driver.detect.DetectorProvider;

/** Plugs {@link UnindexedPredicateDetector} into the engine (listed in META-INF/services). */
public final class UnindexedPredicateDetectorProvider implements DetectorProvider {

    @Override
    public String name() {
        return UnindexedPredicateDetector.NAME;
    }

    @Override
    public Detector create(DetectorContext context) {
        QueryLensConfig config = context.config();
        int timeoutMillis = config.integer(ConfigKey.ANALYSIS_STATEMENT_TIMEOUT_MILLIS);
        AnalysisConnectionPool connections = new AnalysisConnectionPool(config.string(ConfigKey.ANALYSIS_URL),
                config.string(ConfigKey.ANALYSIS_USER), timeoutMillis);
        ShapeAnalyzer analyzer = new ShapeAnalyzer(connections,
                new ExplainBudget(config.integer(ConfigKey.EXPLAIN_MAX_PER_MINUTE)), context.findings(),
                context.shapes(), config.integer(ConfigKey.INDEX_MIN_ROWS), timeoutMillis);
        return new UnindexedPredicateDetector(analyzer, context.faults(), config.integer(ConfigKey.ANALYSIS_QUEUE_SIZE),
                java.time.Duration.ofSeconds(config.integer(ConfigKey.FINDINGS_UPDATE_SECONDS)));
    }
}
