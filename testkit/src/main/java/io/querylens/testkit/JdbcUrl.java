package io.querylens.testkit;

import java.util.Locale;

/**
 * A JDBC URL of the common {@code jdbc:scheme://host:port/database?key=value&…} form, split so the database or a
 * parameter can be swapped. Only the shapes our three drivers use are understood; anything else is rejected with the
 * URL in the message rather than rewritten wrongly.
 */
record JdbcUrl(String scheme, String authority, String database, String query) {

    static JdbcUrl parse(String url) {
        if (url == null || !url.startsWith("jdbc:")) {
            throw new IllegalArgumentException("not a JDBC URL: " + url);
        }
        int slashes = url.indexOf("://");
        if (slashes < 0) {
            throw new IllegalArgumentException("expected jdbc:<scheme>://host[:port]/database, got: " + url);
        }
        String scheme = url.substring("jdbc:".length(), slashes).toLowerCase(Locale.ROOT);
        String rest = url.substring(slashes + 3);
        int queryStart = rest.indexOf('?');
        String query = queryStart < 0 ? "" : rest.substring(queryStart + 1);
        String hostAndPath = queryStart < 0 ? rest : rest.substring(0, queryStart);
        int pathStart = hostAndPath.indexOf('/');
        String authority = pathStart < 0 ? hostAndPath : hostAndPath.substring(0, pathStart);
        String database = pathStart < 0 ? "" : hostAndPath.substring(pathStart + 1);
        return new JdbcUrl(scheme, authority, database, query);
    }

    JdbcUrl withScheme(String newScheme) {
        return new JdbcUrl(newScheme, authority, database, query);
    }

    JdbcUrl withDatabase(String newDatabase) {
        return new JdbcUrl(scheme, authority, newDatabase, query);
    }

    /** Sets {@code key} to {@code value}, replacing an earlier value of the same key. */
    JdbcUrl withParameter(String key, String value) {
        StringBuilder kept = new StringBuilder();
        if (!query.isEmpty()) {
            for (String pair : query.split("&")) {
                String pairKey = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
                if (!pairKey.equalsIgnoreCase(key) && !pair.isEmpty()) {
                    kept.append(kept.length() == 0 ? "" : "&").append(pair);
                }
            }
        }
        kept.append(kept.length() == 0 ? "" : "&").append(key).append('=').append(value);
        return new JdbcUrl(scheme, authority, database, kept.toString());
    }

    /** Sets {@code key} only if the URL does not set it already: an operator's explicit choice wins. */
    JdbcUrl withDefaultParameter(String key, String value) {
        for (String pair : query.split("&")) {
            String pairKey = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
            if (pairKey.equalsIgnoreCase(key)) {
                return this;
            }
        }
        return withParameter(key, value);
    }

    @Override
    public String toString() {
        return "jdbc:" + scheme + "://" + authority + "/" + database + (query.isEmpty() ? "" : "?" + query);
    }
}
