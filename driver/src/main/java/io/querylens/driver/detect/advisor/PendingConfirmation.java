package io.querylens.driver.detect.advisor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reports a migration as pending only when two runs in a row found it pending. An application that migrates at start
 * (Flyway or Liquibase on its own data source) is seen by the advisor while the migration runs: the history table
 * exists, the scripts are on the class path, and the rows that record them are written only as each one finishes.
 * The migration's DDL makes the advisor run again once it settles, by which time a migration that was merely running
 * is recorded; one the database truly lacks is still pending and is reported then.
 *
 * <p>Advisor thread only (one instance per check, so per caller).
 */
final class PendingConfirmation {
    private final Map<String, Set<String>> pendingByDataSource = new HashMap<>();

    /** Of {@code pendingNow}, in order, those the previous run on this data source also found pending. */
    List<String> confirmed(String dataSource, List<String> pendingNow) {
        Set<String> before = pendingByDataSource.put(dataSource, new LinkedHashSet<>(pendingNow));
        List<String> confirmed = new ArrayList<>();
        if (before != null) {
            for (String pending : pendingNow) {
                if (before.contains(pending)) {
                    confirmed.add(pending);
                }
            }
        }
        return confirmed;
    }
}
