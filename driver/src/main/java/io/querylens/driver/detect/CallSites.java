package io.querylens.driver.detect;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Finds the application frame behind a statement: the first stack frame outside JDBC drivers, pools, ORMs, proxies,
 * framework internals and QueryLens itself, written as a stack frame prints
 * ({@code com.shop.OrderService.load(OrderService.java:42)}).
 *
 * <p>Walking the stack costs microseconds, so detectors call this only when something is already worth reporting
 * (an N+1 count crossing its threshold, a DDL statement), never per execution. Thread-safe and immutable.
 */
public final class CallSites {
    /** Frames from these packages are never the application's. Users add more with {@code querylens.callSite.skipPrefixes}. */
    public static final List<String> DEFAULT_SKIPPED_PREFIXES = List.of(
            // QueryLens's own code, but not io.querylens.examples: the examples are applications.
            "io.querylens.driver.", "io.querylens.agent.", "io.querylens.junit.", "io.querylens.collector.",
            "io.querylens.QueryLens", "java.", "javax.", "jakarta.", "jdk.", "sun.", "com.sun.",
            "org.postgresql.", "org.mariadb.jdbc.", "com.mysql.", "org.h2.", "oracle.jdbc.", "com.microsoft.sqlserver.",
            "com.zaxxer.hikari.", "org.apache.commons.dbcp", "org.apache.tomcat.jdbc.", "com.mchange.v2.c3p0.",
            "org.hibernate.", "org.springframework.", "org.jooq.", "org.mybatis.", "org.apache.ibatis.",
            "org.eclipse.persistence.", "net.ttddyy.dsproxy.", "com.p6spy.", "io.opentelemetry.",
            "org.flywaydb.", "liquibase.", "net.bytebuddy.", "org.junit.", "org.testng.", "org.apache.maven.surefire.",
            "kotlin.", "scala.", "groovy.", "org.codehaus.groovy.", "$Proxy", "jdk.proxy");

    private static final StackWalker WALKER = StackWalker.getInstance();
    private static final String UNKNOWN = "unknown";

    private final String[] skippedPrefixes;

    public CallSites(List<String> extraSkippedPrefixes) {
        List<String> all = new ArrayList<>(DEFAULT_SKIPPED_PREFIXES);
        all.addAll(extraSkippedPrefixes);
        this.skippedPrefixes = all.toArray(new String[0]);
    }

    /** The first application frame of the current thread's stack, or {@code "unknown"} when every frame is skipped. */
    public String current() {
        return locate(null).site();
    }

    /**
     * The first application frame, as {@link #current()}, and whether a frame of a class whose name starts with
     * {@code throughPrefix} (null: no library asked about) lies between it and this call: the statement came through that library (Hibernate for the
     * N+1 detector's advice). One walk answers both; it was two, and at 32 threads on 2 cores, where every scheduling
     * round restarts a thread's N+1 window, the walks were most of what the detector allocated.
     */
    public Located locate(String throughPrefix) {
        return WALKER.walk(frames -> {
            boolean through = false;
            for (Iterator<StackWalker.StackFrame> it = frames.iterator(); it.hasNext(); ) {
                StackWalker.StackFrame frame = it.next();
                String className = frame.getClassName();
                if (!isSkipped(className)) {
                    return new Located(frame.toStackTraceElement().toString(), through);
                }
                through |= throughPrefix != null && className.startsWith(throughPrefix);
            }
            return new Located(UNKNOWN, through);
        });
    }

    /** What {@link #locate} found: the application frame, and whether the statement came through the library. */
    public record Located(String site, boolean through) {
    }

    boolean isSkipped(String className) {
        for (String prefix : skippedPrefixes) {
            if (className.startsWith(prefix) || (prefix.startsWith("$") && className.contains(prefix))) {
                return true;
            }
        }
        // Generated proxies and lambdas of frameworks (e.g. HikariProxyConnection, $$SpringCGLIB$$).
        // Hibernate 7 names lazy proxies Customer$HibernateProxy (no trailing $), older versions Customer$HibernateProxy$x.
        return className.contains("$$") || className.contains("$HibernateProxy") || className.contains("$ByteBuddy$");
    }
}
