package io.querylens.agent.advice;

import io.querylens.QueryLens;
import io.querylens.driver.LensEngine;
import io.querylens.driver.config.QueryLensConfig;
import io.querylens.driver.stream.QueueWarmUp;

/**
 * The agent's engine, built from the agent's configuration when the first connection is wrapped rather than in
 * {@code premain}: detectors, sinks, histograms and the event stream (Chronicle) load about 400 classes, which an
 * application that has not connected yet (or never does) should not wait for at start. The configuration itself is
 * loaded and validated in {@code premain}, so a bad value still stops the agent before anything is instrumented.
 *
 * <p>Thread-safe: the first caller builds, others wait for it; afterwards one volatile read.
 */
public final class AgentEngine {
    private static volatile QueryLensConfig configuration;
    private static volatile LensEngine engine;

    private AgentEngine() {
    }

    /** Called once, from {@code premain}, with the validated configuration. */
    public static void prepare(QueryLensConfig config) {
        configuration = config;
    }

    static LensEngine get() {
        LensEngine current = engine;
        if (current == null) {
            synchronized (AgentEngine.class) {
                current = engine;
                if (current == null) {
                    QueueWarmUp.dropIfNotBegun();
                    QueryLensConfig config = configuration;
                    current = config == null ? QueryLens.engine() : QueryLens.configure(config);
                    engine = current;
                }
            }
        }
        return current;
    }
}
