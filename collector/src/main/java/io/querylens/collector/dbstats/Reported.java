package io.querylens.collector.dbstats;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * What a database lacks (an extension not installed, a privilege not granted) is logged once per database and
 * feature, with how to enable it; the poll goes on with what is available.
 */
final class Reported {
    private static final Logger LOG = Logger.getLogger("io.querylens.collector.dbstats");
    private static final Set<String> ONCE = ConcurrentHashMap.newKeySet();

    private Reported() {
    }

    static void unavailableOnce(String database, String feature, String howToEnable, Exception cause) {
        if (ONCE.add(database + '|' + feature)) {
            LOG.warning("QueryLens collector: " + feature + " unavailable on database '" + database + "' ("
                    + cause.getMessage().lines().findFirst().orElse("") + "). " + howToEnable
                    + " The other statistics are still collected.");
        }
    }
}
