package io.querylens.testkit;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything this JVM started, stopped newest first by one shutdown hook (registered on the first start). Stopping
 * is best effort: a server that fails to stop is logged and the rest are still stopped.
 */
final class ServersToStop {
    private static final Logger LOG = LoggerFactory.getLogger(ServersToStop.class);
    private static final Deque<NamedStop> STOPS = new ArrayDeque<>();
    private static boolean hookRegistered;

    /** What to do at exit to release one server, and what to call it in the log if that fails. */
    @FunctionalInterface
    interface Stop {
        void run() throws Exception;
    }

    private record NamedStop(String name, Stop stop) {
    }

    private ServersToStop() {
    }

    static synchronized void register(String name, Stop stop) {
        if (!hookRegistered) {
            Runtime.getRuntime().addShutdownHook(new Thread(ServersToStop::stopAll, "querylens-testkit-shutdown"));
            hookRegistered = true;
        }
        STOPS.push(new NamedStop(name, stop));
    }

    private static void stopAll() {
        NamedStop next;
        while ((next = poll()) != null) {
            try {
                next.stop().run();
            } catch (Exception | LinkageError e) {
                LOG.warn("could not stop {} cleanly", next.name(), e);
            }
        }
    }

    private static synchronized NamedStop poll() {
        return STOPS.poll();
    }
}
