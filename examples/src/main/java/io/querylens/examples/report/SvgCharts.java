package io.querylens.examples.report;

import java.util.List;
import java.util.Locale;

/**
 * The report's charts as inline SVG, drawn here so the page needs no script library and no network. Latency spans
 * orders of magnitude (sub-millisecond lookups next to second-long scans), so value axes are logarithmic. Every
 * chart is an {@code <svg class="chart">} with a {@code data-chart} kind; the page's own check counts them.
 */
final class SvgCharts {
    private static final int WIDTH = 360;
    private static final int HEIGHT = 150;
    private static final int LEFT = 52;
    private static final int RIGHT = 10;
    private static final int TOP = 10;
    private static final int BOTTOM = 28;
    private static final double MIN_MILLIS = 0.01;

    private SvgCharts() {
    }

    /** p50, p95, p99 and max joined by a line: how the tail of one shape rises. */
    static String percentileCurve(ShapeLatency shape) {
        String[] labels = {"p50", "p95", "p99", "max"};
        double[] values = {shape.p50Millis(), shape.p95Millis(), shape.p99Millis(), shape.maxMillis()};
        LogScale y = LogScale.over(values, HEIGHT - BOTTOM, TOP);
        StringBuilder svg = open("percentiles", "Latency percentiles of shape " + shape.fingerprint());
        yAxis(svg, y);
        StringBuilder points = new StringBuilder();
        double step = (WIDTH - LEFT - RIGHT) / (double) (labels.length - 1);
        for (int i = 0; i < labels.length; i++) {
            double x = LEFT + i * step;
            double yPos = y.position(values[i]);
            points.append(fmt(x)).append(',').append(fmt(yPos)).append(' ');
            svg.append("<circle cx=\"").append(fmt(x)).append("\" cy=\"").append(fmt(yPos))
                    .append("\" r=\"3.5\" class=\"point\"><title>").append(labels[i]).append(' ')
                    .append(millis(values[i])).append("</title></circle>");
            svg.append(text(x, HEIGHT - BOTTOM + 16, labels[i], "middle"));
        }
        svg.append("<polyline class=\"curve\" fill=\"none\" points=\"").append(points.toString().trim())
                .append("\"/>");
        return svg.append("</svg>").toString();
    }

    /** Executions per latency bucket (bucket bounds on the x axis, counts as bars). */
    static String histogramBars(ShapeLatency shape) {
        List<LatencyBucket> buckets = shape.buckets();
        StringBuilder svg = open("histogram", "Latency histogram of shape " + shape.fingerprint());
        long most = 1;
        for (LatencyBucket bucket : buckets) {
            most = Math.max(most, bucket.executions());
        }
        double plotHeight = HEIGHT - BOTTOM - TOP;
        double slot = (WIDTH - LEFT - RIGHT) / (double) Math.max(1, buckets.size());
        svg.append(text(LEFT - 6, TOP + 8, Long.toString(most), "end"));
        svg.append(text(LEFT - 6, HEIGHT - BOTTOM, "0", "end"));
        svg.append(line(LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM));
        for (int i = 0; i < buckets.size(); i++) {
            LatencyBucket bucket = buckets.get(i);
            double barHeight = bucket.executions() == 0 ? 0 : Math.max(1.5, plotHeight * bucket.executions() / most);
            double x = LEFT + i * slot + 1;
            svg.append("<rect class=\"bar\" x=\"").append(fmt(x)).append("\" y=\"")
                    .append(fmt(HEIGHT - BOTTOM - barHeight)).append("\" width=\"").append(fmt(slot - 2))
                    .append("\" height=\"").append(fmt(barHeight)).append("\"><title>")
                    .append(bucket.executions()).append(" executions ≤ ").append(bound(bucket.upperBoundSeconds()))
                    .append("</title></rect>");
            if (i % 2 == 0 || buckets.size() <= 8) {
                svg.append(text(x + slot / 2, HEIGHT - BOTTOM + 16, bound(bucket.upperBoundSeconds()), "middle"));
            }
        }
        return svg.append("</svg>").toString();
    }

    /** One horizontal bar per shape: its p95, so the slowest shapes stand out. */
    static String p95Overview(List<ShapeLatency> shapes) {
        int rowHeight = 18;
        int height = TOP + BOTTOM + rowHeight * Math.max(1, shapes.size());
        int width = 720;
        int left = 140;
        double[] values = shapes.stream().mapToDouble(ShapeLatency::p95Millis).toArray();
        LogScale x = LogScale.over(values, left, width - 60);
        StringBuilder svg = new StringBuilder("<svg class=\"chart\" data-chart=\"p95-overview\" role=\"img\" "
                + "aria-label=\"p95 latency by shape\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width
                + "\" height=\"" + height + "\" viewBox=\"0 0 " + width + " " + height + "\">");
        for (int i = 0; i < shapes.size(); i++) {
            ShapeLatency shape = shapes.get(i);
            double y = TOP + i * rowHeight;
            double end = x.position(shape.p95Millis());
            svg.append(text(left - 6, y + 13, shape.fingerprint(), "end"));
            svg.append("<rect class=\"bar\" x=\"").append(left).append("\" y=\"").append(fmt(y + 2))
                    .append("\" width=\"").append(fmt(Math.max(1.5, end - left))).append("\" height=\"")
                    .append(rowHeight - 4).append("\"><title>").append(Html.escape(shape.sql())).append("</title></rect>");
            svg.append(text(Math.max(left, end) + 4, y + 13, millis(shape.p95Millis()), "start"));
        }
        double axisY = TOP + rowHeight * Math.max(1, shapes.size()) + 4;
        svg.append(line(left, axisY, width - 60, axisY));
        svg.append(text(left, axisY + 16, millis(x.low()), "start"));
        svg.append(text(width - 60, axisY + 16, millis(x.high()), "end"));
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(String kind, String label) {
        return new StringBuilder("<svg class=\"chart\" data-chart=\"").append(kind)
                .append("\" role=\"img\" aria-label=\"").append(Html.escape(label))
                .append("\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT).append("\">");
    }

    private static void yAxis(StringBuilder svg, LogScale y) {
        svg.append(line(LEFT, TOP, LEFT, HEIGHT - BOTTOM));
        svg.append(line(LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM));
        svg.append(text(LEFT - 6, TOP + 8, millis(y.high()), "end"));
        svg.append(text(LEFT - 6, HEIGHT - BOTTOM, millis(y.low()), "end"));
    }

    private static String line(double x1, double y1, double x2, double y2) {
        return "<line class=\"axis\" x1=\"" + fmt(x1) + "\" y1=\"" + fmt(y1) + "\" x2=\"" + fmt(x2) + "\" y2=\""
                + fmt(y2) + "\"/>";
    }

    private static String text(double x, double y, String content, String anchor) {
        return "<text x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\" text-anchor=\"" + anchor + "\">"
                + Html.escape(content) + "</text>";
    }

    static String millis(double millis) {
        if (millis >= 1000) {
            return String.format(Locale.ROOT, "%.1fs", millis / 1000);
        }
        return String.format(Locale.ROOT, millis >= 10 ? "%.0fms" : "%.2fms", millis);
    }

    private static String bound(double seconds) {
        return Double.isInfinite(seconds) ? "+Inf" : millis(seconds * 1000);
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** A base-10 logarithmic axis from the smallest to the largest value, mapped onto [from, to] in pixels. */
    private record LogScale(double low, double high, double from, double to) {
        static LogScale over(double[] values, double from, double to) {
            double low = Double.MAX_VALUE;
            double high = MIN_MILLIS;
            for (double value : values) {
                low = Math.min(low, Math.max(MIN_MILLIS, value));
                high = Math.max(high, value);
            }
            if (low == Double.MAX_VALUE) {
                low = MIN_MILLIS;
            }
            // A decade of headroom when everything is equal, so a flat curve sits mid-chart, not on an edge.
            if (high <= low * 1.0001) {
                low = low / 3.2;
                high = high * 3.2;
            }
            return new LogScale(low, high, from, to);
        }

        double position(double value) {
            double clamped = Math.min(high, Math.max(low, value));
            double fraction = Math.log10(clamped / low) / Math.log10(high / low);
            return from + (to - from) * fraction;
        }
    }
}
