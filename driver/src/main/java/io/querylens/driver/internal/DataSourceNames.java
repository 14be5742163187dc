package io.querylens.driver.internal;

import java.util.regex.Pattern;

/**
 * Turns a JDBC URL into the {@code dataSource} name shown in findings, metrics and events: scheme, host, port and
 * database, with user info, and every query or property part dropped. Query parameters can carry passwords, tokens
 * and key-store secrets under driver-specific names, so we keep none rather than filter a list that is never complete.
 */
public final class DataSourceNames {
    private static final Pattern USER_INFO = Pattern.compile("//[^/@?;]*@");

    private DataSourceNames() {
    }

    public static String sanitize(String jdbcUrl) {
        if (jdbcUrl == null) {
            return "unknown";
        }
        String url = jdbcUrl;
        int cut = indexOfAny(url, '?', ';');
        if (cut >= 0) {
            url = url.substring(0, cut);
        }
        url = USER_INFO.matcher(url).replaceFirst("//");
        if (url.startsWith("jdbc:querylens:")) {
            url = "jdbc:" + url.substring("jdbc:querylens:".length());
        }
        return url;
    }

    private static int indexOfAny(String text, char a, char b) {
        int ia = text.indexOf(a);
        int ib = text.indexOf(b);
        if (ia < 0) {
            return ib;
        }
        return ib < 0 ? ia : Math.min(ia, ib);
    }
}
