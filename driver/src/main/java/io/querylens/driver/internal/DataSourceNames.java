package io.querylens.driver.internal;

import java.util.regex.Pattern;

/**
 * Turns a JDBC URL into the {@code dataSource} name shown in findings, metrics and events: scheme, host, port and
 * database, with user info, and every query or property part dropped. Query parameters can carry passwords, tokens
 * and key-store secrets under driver-specific names, so we keep none rather than filter a list that is never complete.
 * MySQL Connector/J also takes properties inside the host part ({@code //(host=h,port=3306,user=u,password=p)/db},
 * {@code //address=(host=h)(user=u)(password=p)/db}); there only {@code host}, {@code port} and {@code protocol} are
 * kept, for the same reason.
 */
public final class DataSourceNames {
    private static final Pattern USER_INFO = Pattern.compile("//[^/@?;]*@");
    /** Oracle thin: {@code jdbc:oracle:thin:user/password@host…}, the credentials before the {@code @}. */
    private static final Pattern SLASHED_CREDENTIALS = Pattern.compile(":[^:/@]+/[^@]*@");

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
        if (url.indexOf('@') >= 0) {
            url = SLASHED_CREDENTIALS.matcher(url).replaceFirst(":@");
        }
        if (url.indexOf('(') >= 0) {
            url = keepOnlyAddressProperties(url);
        }
        if (url.startsWith("jdbc:querylens:")) {
            url = "jdbc:" + url.substring("jdbc:querylens:".length());
        }
        return url;
    }

    /** In each {@code (k=v,…)} group, keeps the host, port and protocol entries; drops groups left empty. */
    private static String keepOnlyAddressProperties(String url) {
        StringBuilder out = new StringBuilder(url.length());
        int i = 0;
        while (i < url.length()) {
            char c = url.charAt(i);
            int close = c == '(' ? url.indexOf(')', i) : -1;
            if (close < 0) {
                out.append(c);
                i++;
                continue;
            }
            StringBuilder kept = new StringBuilder();
            for (String entry : url.substring(i + 1, close).split(",")) {
                int equals = entry.indexOf('=');
                String key = equals < 0 ? "" : entry.substring(0, equals).trim().toLowerCase(java.util.Locale.ROOT);
                if (key.equals("host") || key.equals("port") || key.equals("protocol")) {
                    kept.append(kept.length() == 0 ? "" : ",").append(entry.trim());
                }
            }
            if (kept.length() > 0) {
                out.append('(').append(kept).append(')');
            }
            i = close + 1;
        }
        return out.toString();
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
