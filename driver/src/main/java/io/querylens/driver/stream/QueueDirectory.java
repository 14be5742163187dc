package io.querylens.driver.stream;

/**
 * Expands {@code querylens.queue.dir}: {@code ${java.io.tmpdir}} and {@code ${user.home}} become the JVM's values, so
 * the documented default ({@code ${java.io.tmpdir}/querylens/queue}) is the same folder for every process of a user
 * on a host, and the collector finds it without configuration. Empty means streaming is off.
 */
public final class QueueDirectory {
    public static final String DEFAULT = "${java.io.tmpdir}/querylens/queue";

    private QueueDirectory() {
    }

    public static String resolve(String configured) {
        if (configured == null) {
            return "";
        }
        String trimmed = configured.trim();
        String tmp = System.getProperty("java.io.tmpdir", "/tmp");
        if (tmp.endsWith("/") || tmp.endsWith("\\")) {
            tmp = tmp.substring(0, tmp.length() - 1);
        }
        return trimmed.replace("${java.io.tmpdir}", tmp).replace("${user.home}", System.getProperty("user.home", ""));
    }
}
