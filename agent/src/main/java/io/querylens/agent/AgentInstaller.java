package io.querylens.agent;

import io.querylens.agent.advice.AgentEngine;
import io.querylens.agent.weave.ConnectionSourceTransformer;
import io.querylens.driver.config.ConfigLoader;
import io.querylens.driver.config.QueryLensConfig;
import io.querylens.driver.stream.QueueWarmUp;

import javax.sql.DataSource;
import java.lang.instrument.Instrumentation;
import java.sql.Driver;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Installs the agent, in an order where a failure leaves the application unmodified: options become configuration
 * (a bad key fails here, before any class is touched), the JDK packages Chronicle needs are opened, and only then are
 * the connection sources instrumented. The engine itself is built at the first connection ({@link AgentEngine}); the
 * event queue is opened once beforehand on a daemon thread ({@link QueueWarmUp}), so that connection does not pay
 * Chronicle's start-up.
 *
 * <p>The hooks: {@code java.sql.Driver.connect} (physical connections, DriverManager included) and
 * {@code javax.sql.DataSource.getConnection} (data sources that bypass a Driver); see
 * {@link io.querylens.agent.advice.ConnectionHandOff} for why each connection is wrapped once, below any pool.
 */
final class AgentInstaller {
    private AgentInstaller() {
    }

    /**
     * @param alreadyRunning true for a dynamic attach: connection sources already loaded are retransformed. At JVM
     *                       start nothing needs it.
     */
    static void install(AgentOptions options, Instrumentation instrumentation, boolean alreadyRunning)
            throws Exception {
        // Agent options rank above system properties and the environment; an invalid value names the agent option
        // as its source, and throws before anything is instrumented.
        QueryLensConfig config = ConfigLoader.fromEnvironment().withAgentOptions(options.values()).load();
        AgentEngine.prepare(config);
        JdkPackageAccess.grant(instrumentation);
        ClassLoader agentLoader = QueryLensAgent.class.getClassLoader();
        instrumentation.addTransformer(new ConnectionSourceTransformer(agentLoader), true);
        if (alreadyRunning) {
            Class<?>[] loaded = connectionSourcesLoaded(instrumentation);
            if (loaded.length > 0) {
                instrumentation.retransformClasses(loaded);
            }
        }
        // Last, once nothing can fail any more: a failed start leaves no thread behind.
        QueueWarmUp.start(config);
    }

    /** Loaded drivers and data sources, with the superclasses that may declare their connection methods. */
    private static Class<?>[] connectionSourcesLoaded(Instrumentation instrumentation) {
        Set<Class<?>> sources = new LinkedHashSet<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if (type.isInterface() || !(Driver.class.isAssignableFrom(type) || DataSource.class.isAssignableFrom(type))) {
                continue;
            }
            for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
                if (instrumentation.isModifiableClass(current)) {
                    sources.add(current);
                }
            }
        }
        List<Class<?>> modifiable = new ArrayList<>(sources);
        return modifiable.toArray(new Class<?>[0]);
    }
}
