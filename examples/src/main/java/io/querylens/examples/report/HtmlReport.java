package io.querylens.examples.report;

import io.querylens.driver.finding.Finding;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The report as one self-contained HTML page: inline CSS and inline SVG charts (see {@link SvgCharts}), no external
 * script, style sheet, font or image, so it opens from disk with no network. A short inline script checks, once the
 * page has loaded, that every chart rendered (each SVG has a non-empty box and drawn marks) and then sets
 * {@code data-ok="1"} on the body, which the headless-browser test reads; a failing check shows a banner instead.
 */
public final class HtmlReport {
    private static final String STYLE = """
            body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px;color:#1d2329;background:#fafbfc}
            h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #dde2e6;padding-bottom:4px}
            h3{font-size:15px;margin:18px 0 6px}.muted{color:#66717c}
            table{border-collapse:collapse;width:100%;background:#fff}th,td{border:1px solid #dde2e6;padding:5px 8px;text-align:left;vertical-align:top}
            th{background:#f0f3f5;font-weight:600}td.num{text-align:right;white-space:nowrap}
            code{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;word-break:break-word}
            .fix code{color:#0b6b2f}.kind{display:inline-block;padding:1px 7px;border-radius:9px;background:#e7edf3}
            .sev-error{color:#a4161a;font-weight:600}.sev-warning{color:#9a6700;font-weight:600}.sev-info{color:#1f6feb}
            .shape{display:inline-block;background:#fff;border:1px solid #dde2e6;border-radius:6px;padding:8px 10px;margin:0 12px 12px 0;vertical-align:top;max-width:760px}
            svg.chart{display:inline-block;margin-right:6px}svg .axis{stroke:#9aa5b1;stroke-width:1}svg text{font-size:10px;fill:#4a5560}
            svg .bar{fill:#4c8bf5}svg .curve{stroke:#d1495b;stroke-width:2}svg .point{fill:#d1495b}
            #check-failed{display:none;background:#a4161a;color:#fff;padding:8px}
            """;

    private static final String CHECK_SCRIPT = """
            <script>
            (function () {
              var charts = document.querySelectorAll('svg.chart');
              var broken = [];
              charts.forEach(function (svg) {
                var box = svg.getBBox();
                var marks = svg.querySelectorAll('rect,polyline,circle').length;
                if (!(box.width > 0 && box.height > 0) || marks === 0) { broken.push(svg.getAttribute('aria-label')); }
              });
              document.body.dataset.charts = String(charts.length);
              if (charts.length > 0 && broken.length === 0) {
                document.body.dataset.ok = '1';
              } else {
                var banner = document.getElementById('check-failed');
                banner.textContent = 'Charts did not render: ' + (broken.join(', ') || 'none found');
                banner.style.display = 'block';
              }
            })();
            </script>
            """;

    private HtmlReport() {
    }

    public static void write(DemoReport report, Path file) throws IOException {
        Files.writeString(file, render(report), StandardCharsets.UTF_8);
    }

    public static String render(DemoReport report) {
        StringBuilder html = new StringBuilder(32_768);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>QueryLens report</title><style>").append(STYLE).append("</style></head><body>\n")
                .append("<div id=\"check-failed\"></div>")
                .append("<h1>QueryLens report</h1><p class=\"muted\">Generated ")
                .append(Html.escape(report.generatedAt().toString())).append(" &middot; ")
                .append(report.findings().size()).append(" findings &middot; ").append(report.shapes().size())
                .append(" query shapes</p>\n");
        findings(html, report);
        latency(html, report);
        html.append(CHECK_SCRIPT).append("</body></html>\n");
        return html.toString();
    }

    private static void findings(StringBuilder html, DemoReport report) {
        html.append("<h2>Findings</h2>\n");
        if (report.findings().isEmpty()) {
            html.append("<p>None.</p>\n");
            return;
        }
        Map<String, List<Finding>> byKind = new TreeMap<>(
                report.findings().stream().collect(Collectors.groupingBy(f -> f.kind().wireName())));
        for (Map.Entry<String, List<Finding>> kind : byKind.entrySet()) {
            html.append("<h3 id=\"kind-").append(Html.escape(kind.getKey())).append("\"><span class=\"kind\">")
                    .append(Html.escape(kind.getKey())).append("</span> ").append(kind.getValue().size())
                    .append("</h3>\n<table><tr><th>severity</th><th>shape</th><th>statement</th><th>count</th>")
                    .append("<th>seen</th><th>p95</th><th>call site</th><th>why, and the fix</th></tr>\n");
            for (Finding finding : kind.getValue()) {
                String p95 = report.shape(finding.fingerprint()).map(s -> SvgCharts.millis(s.p95Millis())).orElse("-");
                html.append("<tr class=\"finding\" data-kind=\"").append(Html.escape(kind.getKey())).append("\">")
                        .append("<td class=\"sev-").append(Html.escape(finding.severity().wireName())).append("\">")
                        .append(Html.escape(finding.severity().wireName())).append("</td>")
                        .append("<td><code>").append(Html.escape(finding.fingerprint())).append("</code></td>")
                        .append("<td><code>").append(Html.escape(finding.sql())).append("</code></td>")
                        .append("<td class=\"num\">").append(finding.count()).append("</td>")
                        .append("<td class=\"num\">").append(finding.occurrences()).append("&times;</td>")
                        .append("<td class=\"num\">").append(p95).append("</td>")
                        .append("<td><code>").append(Html.escape(finding.callSite())).append("</code></td>")
                        .append("<td>").append(Html.escape(finding.reason()));
                if (finding.suggestion() != null) {
                    html.append("<div class=\"fix\">Fix: <code>").append(Html.escape(finding.suggestion()))
                            .append("</code></div>");
                }
                html.append("</td></tr>\n");
            }
            html.append("</table>\n");
        }
    }

    private static void latency(StringBuilder html, DemoReport report) {
        html.append("<h2>Latency by query shape</h2>\n");
        if (report.shapes().isEmpty()) {
            html.append("<p>No statements recorded.</p>\n");
            return;
        }
        html.append("<h3>p95 per shape (log scale)</h3>\n").append(SvgCharts.p95Overview(report.shapes()))
                .append("\n<h3>Each shape: percentile curve and histogram</h3>\n");
        for (ShapeLatency shape : report.shapes()) {
            html.append("<div class=\"shape\" id=\"shape-").append(Html.escape(shape.fingerprint())).append("\">")
                    .append("<div><code>").append(Html.escape(shape.fingerprint())).append("</code> &middot; ")
                    .append(shape.executions()).append(" executions &middot; p50 ")
                    .append(SvgCharts.millis(shape.p50Millis())).append(", p95 ")
                    .append(SvgCharts.millis(shape.p95Millis())).append(", p99 ")
                    .append(SvgCharts.millis(shape.p99Millis())).append(", max ")
                    .append(SvgCharts.millis(shape.maxMillis())).append("</div><div><code>")
                    .append(Html.escape(shape.sql())).append("</code></div>")
                    .append(SvgCharts.percentileCurve(shape));
            if (!shape.buckets().isEmpty()) {
                html.append(SvgCharts.histogramBars(shape));
            }
            html.append("</div>\n");
        }
    }
}
