package io.querylens.driver.detect.nplusone;

import com.example.shop.OrderReports;
import com.example.shop.ShopDatabase;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.querylens.driver.finding.Finding;
import io.querylens.driver.finding.FindingKind;
import io.querylens.testkit.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** With an OpenTelemetry SDK, the request's trace is the unit and the N+1 is also an event on its span. */
class TraceSpanEventTest {

    @Test
    void nPlusOneInsideARequestSpanIsRecordedOnThatSpanWithItsFingerprint() throws Exception {
        TestDatabase shop = ShopDatabase.freshOnPostgres("nplusone_trace");
        List<SpanData> exported = new CopyOnWriteArrayList<>();
        Lens.fresh();
        try (SdkTracerProvider tracing = SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(new CollectingExporter(exported))).build()) {
            Span request = tracing.get("shop").spanBuilder("GET /orders").startSpan();
            try (Scope ignored = request.makeCurrent();
                 Connection connection = DriverManager.getConnection(shop.querylensUrl(), shop.user(),
                         shop.password())) {
                new OrderReports(connection).ownerNamesOneByOne(8);
            } finally {
                request.end();
            }
            String traceId = request.getSpanContext().getTraceId();

            Finding finding = Lens.findings(FindingKind.N_PLUS_ONE).get(0);
            assertThat(finding.count()).isEqualTo(8);
            assertThat(finding.details()).containsEntry("unitOfWork", "trace: trace " + traceId);
            assertThat(exported).singleElement().satisfies(span -> {
                EventData event = span.getEvents().get(0);
                assertThat(event.getName()).isEqualTo("querylens.n_plus_one");
                assertThat(event.getAttributes().get(AttributeKey.stringKey("querylens.fingerprint")))
                        .isEqualTo(finding.fingerprint());
                assertThat(event.getAttributes().get(AttributeKey.stringKey("querylens.call_site")))
                        .startsWith("com.example.shop.OrderReports.ownerNamesOneByOne(");
            });
        }
    }

    private record CollectingExporter(List<SpanData> spans) implements SpanExporter {
        @Override
        public CompletableResultCode export(Collection<SpanData> batch) {
            spans.addAll(batch);
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
