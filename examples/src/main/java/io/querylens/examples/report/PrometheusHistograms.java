package io.querylens.examples.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the per-shape latency histograms out of the collector's {@code /metrics} text: the
 * {@code <name>_bucket{…,shape="…",le="…"} value} lines, summed over the other labels (app, data source), and turned
 * from Prometheus's cumulative counts into one count per bucket. Hand-written because the report needs only this one
 * line form, and the Prometheus client ships writers, not a parser.
 */
public final class PrometheusHistograms {
    private PrometheusHistograms() {
    }

    /** Shape label → buckets in ascending order of bound. Shapes without bucket lines are absent. */
    public static Map<String, List<LatencyBucket>> perShape(String metricsText, String histogramName) {
        String prefix = histogramName + "_bucket{";
        Map<String, TreeMap<Double, Long>> cumulative = new HashMap<>();
        for (String line : metricsText.split("\n")) {
            if (!line.startsWith(prefix)) {
                continue;
            }
            int labelsEnd = line.lastIndexOf('}');
            if (labelsEnd < 0) {
                continue;
            }
            Map<String, String> labels = labels(line.substring(prefix.length(), labelsEnd));
            String shape = labels.get("shape");
            String bound = labels.get("le");
            if (shape == null || bound == null) {
                continue;
            }
            String[] valueAndTimestamp = line.substring(labelsEnd + 1).trim().split("\\s+");
            long count = (long) Double.parseDouble(valueAndTimestamp[0]);
            cumulative.computeIfAbsent(shape, s -> new TreeMap<>()).merge(parseBound(bound), count, Long::sum);
        }
        Map<String, List<LatencyBucket>> result = new HashMap<>();
        cumulative.forEach((shape, counts) -> result.put(shape, perBucket(counts)));
        return result;
    }

    private static List<LatencyBucket> perBucket(TreeMap<Double, Long> cumulative) {
        List<LatencyBucket> buckets = new ArrayList<>();
        long below = 0;
        for (Map.Entry<Double, Long> bucket : cumulative.entrySet()) {
            buckets.add(new LatencyBucket(bucket.getKey(), Math.max(0, bucket.getValue() - below)));
            below = Math.max(below, bucket.getValue());
        }
        return buckets;
    }

    private static double parseBound(String bound) {
        return bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound);
    }

    /** {@code a="x",b="y \"quoted\""} → map; values unescaped as the exposition format defines. */
    static Map<String, String> labels(String text) {
        Map<String, String> labels = new HashMap<>();
        int i = 0;
        while (i < text.length()) {
            int equals = text.indexOf('=', i);
            if (equals < 0 || equals + 1 >= text.length() || text.charAt(equals + 1) != '"') {
                break;
            }
            String name = text.substring(i, equals).trim();
            StringBuilder value = new StringBuilder();
            int j = equals + 2;
            for (; j < text.length() && text.charAt(j) != '"'; j++) {
                char c = text.charAt(j);
                if (c == '\\' && j + 1 < text.length()) {
                    char escaped = text.charAt(++j);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(c);
                }
            }
            labels.put(name, value.toString());
            i = j + 1;
            while (i < text.length() && (text.charAt(i) == ',' || text.charAt(i) == ' ')) {
                i++;
            }
        }
        return labels;
    }
}
