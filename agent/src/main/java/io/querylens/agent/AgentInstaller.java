package io.querylens.agent;

import io.querylens.QueryLens;
import io.querylens.driver.config.ConfigLoader;
import io.querylens.agent.advice.DataSourceConnectAdvice;
import io.querylens.agent.advice.DriverConnectAdvice;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatcher;

import javax.sql.DataSource;
import java.lang.instrument.Instrumentation;
import java.sql.Connection;
import java.sql.Driver;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isSubTypeOf;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Installs the agent, in an order where a failure leaves the application unmodified: options become configuration,
 * the engine is built (a bad key fails here, before any class is touched), the JDK packages Chronicle needs are
 * opened, and only then are the connection sources instrumented.
 *
 * <p>The hooks: {@code java.sql.Driver.connect} (physical connections, DriverManager included) and
 * {@code javax.sql.DataSource.getConnection} (data sources that bypass a Driver); see
 * {@link io.querylens.agent.advice.ConnectionHandOff} for why each connection is wrapped once, below any pool.
 */
final class AgentInstaller {
    private AgentInstaller() {
    }

    /**
     * @param alreadyRunning true for a dynamic attach: driver classes already loaded are retransformed. At JVM start
     *                       nothing needs it, and skipping the pass over every loaded class saves start-up time.
     */
    static void install(AgentOptions options, Instrumentation instrumentation, boolean alreadyRunning) {
        // Agent options rank above system properties and the environment; an invalid value names the agent option
        // as its source, and throws before anything is instrumented.
        QueryLens.configure(ConfigLoader.fromEnvironment().withAgentOptions(options.values()).load());
        JdkPackageAccess.grant(instrumentation);
        ClassLoader agentLoader = QueryLensAgent.class.getClassLoader();
        AgentBuilder builder = new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                .disableClassFormatChanges()
                .with(new AgentBuilder.PoolStrategy.WithTypePoolCache.Simple(new ConcurrentHashMap<>()));
        if (alreadyRunning) {
            builder = builder.with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION);
        }
        builder
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .ignore(nameStartsWith("java.")
                        .or(nameStartsWith("jdk."))
                        .or(nameStartsWith("sun."))
                        .or(nameStartsWith("com.sun."))
                        .or(nameStartsWith("net.bytebuddy."))
                        .or(nameStartsWith("io.querylens.agent."))
                        .or(isSynthetic()))
                .type(isSubTypeOf(Driver.class).and(not(isInterface())), seesAgentClasses(agentLoader))
                .transform(new AgentBuilder.Transformer.ForAdvice()
                        .include(agentLoader)
                        .advice(named("connect")
                                        .and(takesArguments(String.class, Properties.class))
                                        .and(returns(isSubTypeOf(Connection.class)))
                                        .and(not(isAbstract())),
                                DriverConnectAdvice.class.getName()))
                .type(isSubTypeOf(DataSource.class).and(not(isInterface())), seesAgentClasses(agentLoader))
                .transform(new AgentBuilder.Transformer.ForAdvice()
                        .include(agentLoader)
                        .advice(named("getConnection").and(takesArguments(0)).and(not(isAbstract())),
                                DataSourceConnectAdvice.class.getName())
                        .advice(named("getConnection").and(takesArguments(String.class, String.class))
                                        .and(not(isAbstract())),
                                DataSourceConnectAdvice.WithCredentials.class.getName()))
                .installOn(instrumentation);
    }

    /**
     * The advice calls the agent's classes, so only classes whose loader delegates to the agent's loader (the system
     * class loader: the application's, Spring Boot's and servlet containers' loaders do) are instrumented; a class
     * loader that cannot see the agent is skipped rather than broken.
     */
    private static ElementMatcher<ClassLoader> seesAgentClasses(ClassLoader agentLoader) {
        return loader -> {
            for (ClassLoader current = loader; current != null; current = current.getParent()) {
                if (current == agentLoader) {
                    return true;
                }
            }
            return false;
        };
    }
}
