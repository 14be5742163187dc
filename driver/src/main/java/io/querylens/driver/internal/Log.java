package io.querylens.driver.internal;

/**
 * QueryLens's own logging: through SLF4J when the application has it, else {@link System.Logger}. Looked up once per
 * logger; never called on the hot path (only for faults, findings and start-up).
 */
public abstract class Log {
    private static final boolean SLF4J_PRESENT = isSlf4jPresent();

    public static Log forName(String name) {
        if (SLF4J_PRESENT) {
            try {
                return new Slf4jLog(name);
            } catch (Throwable ignored) {
                // An SLF4J API without a usable binding: fall through to the JDK logger.
            }
        }
        return new SystemLog(name);
    }

    public abstract void info(String message);

    public abstract void warn(String message);

    public abstract void warn(String message, Throwable error);

    public abstract void error(String message, Throwable error);

    public abstract void debug(String message);

    public abstract boolean isDebugEnabled();

    private static boolean isSlf4jPresent() {
        // The javaagent's relocated copy carries an SLF4J of its own, only for Chronicle, bound to no logger: that
        // copy logs through System.Logger. The name is spelled at run time so that shading does not rewrite it.
        if (!Log.class.getName().startsWith(String.join(".", "io", "querylens", "driver", ""))) {
            return false;
        }
        try {
            Class.forName("org.slf4j.LoggerFactory", false, Log.class.getClassLoader());
            return true;
        } catch (Throwable notThere) {
            return false;
        }
    }

    private static final class Slf4jLog extends Log {
        private final org.slf4j.Logger logger;

        Slf4jLog(String name) {
            this.logger = org.slf4j.LoggerFactory.getLogger(name);
        }

        @Override public void info(String message) { logger.info(message); }
        @Override public void warn(String message) { logger.warn(message); }
        @Override public void warn(String message, Throwable error) { logger.warn(message, error); }
        @Override public void error(String message, Throwable error) { logger.error(message, error); }
        @Override public void debug(String message) { logger.debug(message); }
        @Override public boolean isDebugEnabled() { return logger.isDebugEnabled(); }
    }

    private static final class SystemLog extends Log {
        private final System.Logger logger;

        SystemLog(String name) {
            this.logger = System.getLogger(name);
        }

        @Override public void info(String message) { logger.log(System.Logger.Level.INFO, message); }
        @Override public void warn(String message) { logger.log(System.Logger.Level.WARNING, message); }
        @Override public void warn(String message, Throwable error) { logger.log(System.Logger.Level.WARNING, message, error); }
        @Override public void error(String message, Throwable error) { logger.log(System.Logger.Level.ERROR, message, error); }
        @Override public void debug(String message) { logger.log(System.Logger.Level.DEBUG, message); }
        @Override public boolean isDebugEnabled() { return logger.isLoggable(System.Logger.Level.DEBUG); }
    }
}
