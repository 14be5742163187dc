package io.querylens.agent;

import java.lang.instrument.Instrumentation;

/**
 * The {@code -javaagent:querylens-agent.jar[=key=value,…]} entry point. Whatever goes wrong here, the application
 * starts as if the agent were absent, and one line on standard error says why: an agent that stops an application
 * from starting costs more than the findings it would have given.
 */
public final class QueryLensAgent {
    private static boolean installed;

    private QueryLensAgent() {
    }

    public static void premain(String options, Instrumentation instrumentation) {
        start(options, instrumentation, false);
    }

    /**
     * Dynamic attach ({@code jcmd <pid> JVMTI.agent_load} or the Attach API): connection sources already loaded are
     * retransformed, so connections opened after the attach are watched; those opened before stay unwatched.
     */
    public static void agentmain(String options, Instrumentation instrumentation) {
        start(options, instrumentation, true);
    }

    private static synchronized void start(String options, Instrumentation instrumentation, boolean alreadyRunning) {
        if (installed) {
            // A second transformer would weave every connection source twice; the first agent's options stay.
            System.err.println("[querylens-agent] QueryLens agent already runs in this JVM; this load is ignored");
            return;
        }
        try {
            AgentInstaller.install(AgentOptions.parse(options), instrumentation, alreadyRunning);
            installed = true;
        } catch (Throwable failure) {
            // One line, straight to stderr: a logging framework may not exist yet, and JUL would print two lines.
            System.err.println("[querylens-agent] QueryLens agent not installed, the application runs without it: "
                    + describe(failure));
        }
    }

    private static String describe(Throwable failure) {
        String message = String.valueOf(failure.getMessage()).replace('\n', ' ');
        return failure.getClass().getSimpleName() + ": " + message;
    }
}
