package io.querylens.bench;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Gives the PostgreSQL server the last processor and this JVM (so every JMH fork it starts from now on: affinity is
 * inherited) the others, with {@code taskset}.
 *
 * <p>Why: on 2 processors, unpinned, the benchmark thread and the server's backend land on the same core in some forks
 * and on different cores in others, and the two placements differ by ~25% per statement (one fork of raw measured
 * 31 µs a select, the other 43 µs). Which placement a variant's forks drew then decided the comparison, not the
 * wrapper (which adds ~0.1 µs). Pinned, every fork gets the same placement, which is also the one production has: the
 * database on other processors than the application.
 *
 * <p>Experimental, so off unless {@code -Dpin=true}: one quick run pinned (1 fork, 3 x 1 s) still measured error bars
 * as wide as the statement, because a fork pinned to one processor shares it with its JIT compiler, its GC and
 * QueryLens's background threads during a short warm-up. A full-length run pinned (raw and querylens, 2 forks of
 * 12 paired iterations, 2026-12-04) did not settle it either: every statement got slower (select 63 µs, against
 * ~47 µs unpinned, as each round trip now wakes a process on the other processor), raw beside itself still measured
 * 98.9-102.0%, and querylens 97.3-101.1% with one workload's middle half of pairs spanning 90.0-99.7%. So it stays
 * off.
 */
final class CpuPinning {
    private CpuPinning() {
    }

    /**
     * Pins the server behind {@code database} (its postmaster and every process it has started, and so every backend
     * it starts later) to the last processor, and this JVM to the rest. Returns what was done, or why not (fewer than
     * 2 processors, no {@code taskset}, a server on another machine), for the report.
     */
    static String pinServerApart(Database database) {
        int processors = Runtime.getRuntime().availableProcessors();
        if (processors < 2) {
            return "not pinned: 1 processor";
        }
        try {
            long postmaster = postmasterPid(database);
            String serverCpu = String.valueOf(processors - 1);
            String ownCpus = processors == 2 ? "0" : "0-" + (processors - 2);
            List<Long> serverProcesses = new ArrayList<>();
            serverProcesses.add(postmaster);
            ProcessHandle.of(postmaster).ifPresent(p -> p.children().forEach(child -> serverProcesses.add(child.pid())));
            for (long pid : serverProcesses) {
                taskset(serverCpu, pid);
            }
            taskset(ownCpus, ProcessHandle.current().pid());
            return "PostgreSQL (" + serverProcesses.size() + " processes) on processor " + serverCpu
                    + ", the benchmark JVMs on " + ownCpus + " (taskset)";
        } catch (IOException | SQLException | RuntimeException failed) {
            return "not pinned: " + failed.getMessage();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return "not pinned: interrupted";
        }
    }

    /** The parent of this connection's backend; a server on another machine has no such local process. */
    private static long postmasterPid(Database database) throws SQLException {
        try (Connection connection = database.connect(database.jdbcUrl());
             Statement statement = connection.createStatement();
             ResultSet pid = statement.executeQuery("select pg_backend_pid()")) {
            pid.next();
            long backend = pid.getLong(1);
            return ProcessHandle.of(backend).flatMap(ProcessHandle::parent).map(ProcessHandle::pid)
                    .orElseThrow(() -> new IllegalStateException("the server's processes are not on this machine"));
        }
    }

    private static void taskset(String cpus, long pid) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("taskset", "-a", "-p", "-c", cpus, String.valueOf(pid))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("taskset -a -p -c " + cpus + " " + pid + " failed: " + output.strip());
        }
    }
}
