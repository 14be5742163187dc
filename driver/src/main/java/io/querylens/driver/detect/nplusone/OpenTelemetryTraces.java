package io.querylens.driver.detect.nplusone;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;

/**
 * Trace-scoped units of work through the OpenTelemetry API. The API has no "local root span" accessor, so the unit is
 * keyed by trace id: within one process that is the request (a trace re-entering the same service, rare, would be
 * merged with it). Loaded only when the API is present; see {@link TraceContext#detect()}.
 */
final class OpenTelemetryTraces implements TraceContext {
    private static final Context ROOT = Context.root();
    private static final AttributeKey<String> FINGERPRINT = AttributeKey.stringKey("querylens.fingerprint");
    private static final AttributeKey<String> SQL = AttributeKey.stringKey("db.query.text");
    private static final AttributeKey<Long> COUNT = AttributeKey.longKey("querylens.count");
    private static final AttributeKey<String> CALL_SITE = AttributeKey.stringKey("querylens.call_site");

    @Override
    public String currentTraceId() {
        // Most statements run outside any trace: the root context is recognised by identity, which skips the span
        // lookup in the context's entries (a third of this method's cost on the stub benchmark). A storage that does
        // not hand out one root instance just takes the full path.
        Context context = Context.current();
        if (context == ROOT) {
            return null;
        }
        SpanContext span = Span.fromContext(context).getSpanContext();
        return span.isValid() ? span.getTraceId() : null;
    }

    @Override
    public void recordOnCurrentSpan(String eventName, String fingerprint, String sql, long count, String callSite) {
        Span span = Span.current();
        if (span.getSpanContext().isValid()) {
            span.addEvent(eventName, Attributes.of(FINGERPRINT, fingerprint, SQL, sql, COUNT, count,
                    CALL_SITE, callSite));
        }
    }
}
