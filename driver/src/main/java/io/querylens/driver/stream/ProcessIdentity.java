package io.querylens.driver.stream;

import io.querylens.driver.config.ConfigKey;
import io.querylens.driver.config.QueryLensConfig;

import java.net.InetAddress;

/** Who this process is, for {@link StreamEvent.Origin}: application name, host, pid, start time. */
final class ProcessIdentity {
    private ProcessIdentity() {
    }

    static StreamEvent.Origin current(QueryLensConfig config) {
        ProcessHandle self = ProcessHandle.current();
        long startMillis = self.info().startInstant().map(java.time.Instant::toEpochMilli)
                .orElse(System.currentTimeMillis());
        return new StreamEvent.Origin(appName(config), hostName(), self.pid(), startMillis);
    }

    /** {@code querylens.app}, else the main class's simple name, so two unnamed applications stay apart. */
    static String appName(QueryLensConfig config) {
        String configured = config.string(ConfigKey.APP).trim();
        if (!configured.isEmpty()) {
            return configured;
        }
        String command = System.getProperty("sun.java.command", "").trim();
        if (command.isEmpty()) {
            return "unknown";
        }
        String main = command.split("\\s+")[0];
        if (main.endsWith(".jar")) {
            int slash = Math.max(main.lastIndexOf('/'), main.lastIndexOf('\\'));
            return main.substring(slash + 1, main.length() - 4);
        }
        return main.substring(main.lastIndexOf('.') + 1);
    }

    /** The HOSTNAME variable when set; else the resolver's answer (may be slow: called once, at stream start). */
    static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.trim();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception unknown) {
            return "localhost";
        }
    }

    static String version() {
        String version = ProcessIdentity.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
