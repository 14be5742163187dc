package io.querylens.collector;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The collector's settings, checked as a whole ({@link #validate()}): what the command line and the
 * {@code --config} file say, command line first.
 */
public record CollectorSettings(List<Path> queues, Map<String, String> databases, String listen, String token,
                                boolean insecureNoToken, Path stateDir, int topShapes, long pollMillis,
                                long checkpointMillis, long ddlGraceMillis) {

    public InetSocketAddress listenAddress() {
        int colon = listen.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("--listen " + listen + ": expected HOST:PORT, e.g. 127.0.0.1:9400");
        }
        String host = listen.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new InetSocketAddress(host, Integer.parseInt(listen.substring(colon + 1)));
    }

    /** Every problem at once, or an empty list. */
    public List<String> validate() {
        List<String> problems = new ArrayList<>();
        if (queues.isEmpty()) {
            problems.add("no --queue given: name at least one queue folder the drivers write to");
        }
        try {
            InetSocketAddress address = listenAddress();
            InetAddress host = InetAddress.getByName(address.getHostString());
            if (!host.isLoopbackAddress() && (token == null || token.isEmpty()) && !insecureNoToken) {
                problems.add("--listen " + listen + " is not a loopback address: set --token (or env"
                        + " QUERYLENS_COLLECTOR_TOKEN), or pass --insecure-no-token to serve without one");
            }
        } catch (UnknownHostException | IllegalArgumentException bad) {
            problems.add("--listen " + listen + ": " + bad.getMessage());
        }
        if (token != null && !token.isEmpty() && !token.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
            // HTTP header values are bytes; clients disagree on how to encode anything else, so it could never match.
            problems.add("--token (or QUERYLENS_COLLECTOR_TOKEN): use printable ASCII without spaces (the value is"
                    + " not shown)");
        }
        for (Map.Entry<String, String> db : databases.entrySet()) {
            if (!db.getValue().startsWith("jdbc:postgresql:") && !db.getValue().startsWith("jdbc:mysql:")
                    && !db.getValue().startsWith("jdbc:mariadb:")) {
                problems.add("--db " + db.getKey() + ": expected a jdbc:postgresql:, jdbc:mysql: or jdbc:mariadb:"
                        + " URL");
            }
        }
        if (topShapes < 1) {
            problems.add("--top-shapes " + topShapes + ": expected at least 1");
        }
        return problems;
    }

    static Map<String, String> parseDatabases(List<String> specs) {
        Map<String, String> databases = new LinkedHashMap<>();
        for (String spec : specs) {
            int equals = spec.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("--db " + spec + ": expected NAME=JDBC_URL");
            }
            databases.put(spec.substring(0, equals).trim(), spec.substring(equals + 1).trim());
        }
        return databases;
    }
}
