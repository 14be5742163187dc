package io.querylens.collector.dbstats;

import io.querylens.collector.merge.CollectorState;
import io.querylens.collector.merge.FindingStore;
import io.querylens.driver.finding.Finding;
import io.querylens.driver.finding.FindingKind;
import io.querylens.driver.finding.Severity;
import io.querylens.driver.sql.Dialect;
import io.querylens.driver.sql.QueryShape;
import io.querylens.driver.sql.StatementKind;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Findings only the database's own statistics can show:
 * <ul>
 *   <li>{@code ddl_lock_wait}: a DDL statement waiting on a lock, naming the blocking sessions' statements. Removed
 *       when the wait ends.</li>
 *   <li>{@code ddl_outside_migration} with source {@code database}: DDL whose call count grew since the collector's
 *       first poll of that database, that no instrumented application reported running within
 *       {@code ddlGraceMillis} of the collector noticing it (the grace covers the applications' event delay).
 *       DDL run before the collector started is the baseline, not reported.</li>
 * </ul>
 * Called by the poller thread only.
 */
final class DatabaseFindings {
    private final CollectorState state;
    private final long ddlGraceMillis;
    private final Map<String, Map<Long, Long>> ddlCallsByDatabase = new HashMap<>();
    /** (database, shape id) → when the growth was first noticed. */
    private final Map<String, Long> ddlNoticedAt = new HashMap<>();
    private final Map<String, Set<String>> lockWaitKeysByDatabase = new HashMap<>();

    DatabaseFindings(CollectorState state, long ddlGraceMillis) {
        this.state = state;
        this.ddlGraceMillis = ddlGraceMillis;
    }

    void update(DatabaseStatistics statistics, String dataSource) {
        lockWaits(statistics, dataSource);
        ddlOutsideMigration(statistics, dataSource);
    }

    private void lockWaits(DatabaseStatistics statistics, String dataSource) {
        Set<String> current = new HashSet<>();
        Dialect dialect = statistics.product().startsWith("PostgreSQL") ? Dialect.POSTGRESQL : Dialect.MYSQL;
        for (DatabaseStatistics.LockWait wait : statistics.lockWaits()) {
            QueryShape waiting = StatementTexts.shapeOf(wait.query(), dialect);
            if (waiting.kind() != StatementKind.DDL) {
                continue;
            }
            List<String> blockers = new ArrayList<>();
            for (String blocking : wait.blockingQueries()) {
                blockers.add(blocking == null ? null : StatementTexts.shapeOf(blocking, dialect).text());
            }
            Finding finding = Finding.builder(FindingKind.DDL_LOCK_WAIT, Severity.CRITICAL)
                    .fingerprint(waiting.hexId()).sql(waiting.text()).dataSource(dataSource)
                    .reason("DDL has waited " + Math.round(wait.waitingSeconds()) + " s for a lock held by session(s) "
                            + wait.blockingPids() + "; every statement on the table now queues behind it")
                    .suggestion("Set lock_timeout before DDL, and end the long transaction(s) holding the lock")
                    .detail("source", "database").detail("database", statistics.name())
                    .detail("waitingPid", wait.pid()).detail("waitingSeconds", wait.waitingSeconds())
                    .detail("blockingPids", wait.blockingPids()).detail("blockingQueries", blockers)
                    .build();
            state.findings().put(FindingStore.COLLECTOR_PROCESS, finding);
            current.add(finding.key());
        }
        Set<String> previous = lockWaitKeysByDatabase.put(statistics.name(), current);
        if (previous != null) {
            for (String ended : previous) {
                if (!current.contains(ended)) {
                    state.findings().removeFromCollector(ended);
                }
            }
        }
    }

    private void ddlOutsideMigration(DatabaseStatistics statistics, String dataSource) {
        long now = System.currentTimeMillis();
        Map<Long, Long> callsNow = new HashMap<>();
        Map<Long, DatabaseStatistics.StatementStats> byShape = new HashMap<>();
        for (DatabaseStatistics.StatementStats statement : statistics.statements()) {
            if (statement.ddl()) {
                callsNow.merge(statement.shapeId(), statement.calls(), Long::sum);
                byShape.putIfAbsent(statement.shapeId(), statement);
            }
        }
        Map<Long, Long> baseline = ddlCallsByDatabase.get(statistics.name());
        ddlCallsByDatabase.put(statistics.name(), callsNow);
        if (baseline == null) {
            return; // first poll: what ran before the collector is the baseline
        }
        for (Map.Entry<Long, Long> ddl : callsNow.entrySet()) {
            String noticedKey = statistics.name() + '|' + ddl.getKey();
            boolean grew = ddl.getValue() > baseline.getOrDefault(ddl.getKey(), 0L);
            if (grew) {
                ddlNoticedAt.putIfAbsent(noticedKey, now);
            }
            Long noticed = ddlNoticedAt.get(noticedKey);
            if (noticed == null || now - noticed < ddlGraceMillis) {
                continue;
            }
            ddlNoticedAt.remove(noticedKey);
            if (state.shapes().applicationRanDdl(ddl.getKey())) {
                continue;
            }
            DatabaseStatistics.StatementStats statement = byShape.get(ddl.getKey());
            state.findings().put(FindingStore.COLLECTOR_PROCESS, Finding.builder(FindingKind.DDL_OUTSIDE_MIGRATION,
                            Severity.WARNING)
                    .fingerprint(QueryShape.toHex(ddl.getKey())).sql(statement.text()).dataSource(dataSource)
                    .count(ddl.getValue()).firstSeen(Instant.ofEpochMilli(noticed)).lastSeen(Instant.now())
                    .reason("The database ran this DDL, and no instrumented application or migration tool did")
                    .suggestion("Make schema changes through a migration (Flyway, Liquibase) so they are reviewed"
                            + " and repeatable")
                    .detail("source", "database").detail("database", statistics.name())
                    .detail("role", statement.role())
                    .build());
        }
    }
}
