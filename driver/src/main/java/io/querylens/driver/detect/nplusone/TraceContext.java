package io.querylens.driver.detect.nplusone;

/**
 * The request a statement belongs to, from a tracing API when the application has one. The only implementation,
 * {@link OpenTelemetryTraces}, is loaded by name so that this package works without OpenTelemetry on the class path.
 */
interface TraceContext {

    /** The current trace's id when a valid span is current on this thread, else null. Allocation-free. */
    String currentTraceId();

    /** Adds an event for a finding to the current span (if any). */
    void recordOnCurrentSpan(String eventName, String fingerprint, String sql, long count, String callSite);

    static TraceContext detect() {
        try {
            ClassLoader loader = TraceContext.class.getClassLoader();
            Class.forName("io.opentelemetry.api.trace.Span", false, loader);
            Class.forName("io.opentelemetry.context.Context", false, loader);
            return (TraceContext) Class.forName("io.querylens.driver.detect.nplusone.OpenTelemetryTraces", true, loader)
                    .getDeclaredConstructor().newInstance();
        } catch (Throwable absent) {
            return null;
        }
    }
}
