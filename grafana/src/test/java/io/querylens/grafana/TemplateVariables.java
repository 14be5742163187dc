package io.querylens.grafana;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces Grafana's template variables in a dashboard's PromQL the way Grafana would for "All" over the last hour,
 * so Prometheus can evaluate it: {@code $__rate_interval} becomes {@code 1m}; {@code $app}, {@code $shape} and
 * {@code $db} (always matched with {@code =~}) become {@code .*}. Anything else left is an error, not a guess.
 */
final class TemplateVariables {
    private static final Map<String, String> VALUES = Map.of(
            "__rate_interval", "1m",
            "app", ".*",
            "shape", ".*",
            "db", ".*");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?(\\w+)}?");

    private TemplateVariables() {
    }

    static String substitute(String expr) {
        Matcher matcher = VARIABLE.matcher(expr);
        StringBuilder promql = new StringBuilder();
        while (matcher.find()) {
            String value = VALUES.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException("unknown template variable " + matcher.group() + " in " + expr);
            }
            matcher.appendReplacement(promql, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(promql);
        return promql.toString();
    }
}
