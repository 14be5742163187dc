package io.querylens.collector.reliability;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.LongBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An application for the fault tests, run as its own JVM: {@code threads} threads, each with its own
 * {@code jdbc:querylens:} connection, execute {@code shapes} distinct prepared selects in turn. Commands on stdin:
 * {@code run N} (N more executions in all, then {@code done <total>}), {@code for MILLIS} (execute for that long, then
 * {@code done <total>}), {@code spin} (execute until stopped or killed), {@code stop} (end the current command, then
 * {@code done <total>}), {@code exit} (stop, close and exit; the stream's shutdown hook ships the last interval). A
 * reporter prints {@code progress <total>} twice a second.
 *
 * <p>Each thread counts the executions it has started in its own slot of a memory-mapped file, before executing:
 * after a SIGKILL the page cache still holds the count, so a test knows how many statements the process could at most
 * have recorded.
 *
 * <p>Arguments: querylens URL, user, password, queue folder, app name, threads, shapes, counter file.
 */
public final class LoadedApplication {
    static final String TABLE = "faults_t";

    public static void main(String[] args) throws Exception {
        System.setProperty("querylens.queue.dir", args[3]);
        System.setProperty("querylens.app", args[4]);
        System.setProperty("querylens.flushSeconds", "1");
        int threads = Integer.parseInt(args[5]);
        int shapes = Integer.parseInt(args[6]);
        LongBuffer started;
        try (FileChannel file = FileChannel.open(Path.of(args[7]), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            started = file.map(FileChannel.MapMode.READ_WRITE, 0, 8L * threads).asLongBuffer();
        }
        AtomicLong executed = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        List<Connection> connections = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            connections.add(DriverManager.getConnection(args[0], args[1], args[2]));
        }
        Thread reporter = new Thread(() -> {
            while (true) {
                System.out.println("progress " + executed.get());
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        reporter.setDaemon(true);
        reporter.start();
        System.out.println("ready");
        AtomicBoolean stop = new AtomicBoolean();
        Thread batch = null;
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String command;
        while ((command = commands.readLine()) != null) {
            String[] words = command.trim().split(" ");
            if (words[0].equals("stop") || words[0].equals("exit")) {
                stop.set(true);
                if (batch != null) {
                    batch.join();
                }
                if (words[0].equals("exit")) {
                    break;
                }
                continue;
            }
            if (batch != null) {
                batch.join();
            }
            stop.set(false);
            long budget = words[0].equals("run") ? Long.parseLong(words[1]) : Long.MAX_VALUE;
            long until = words[0].equals("for") ? System.currentTimeMillis() + Long.parseLong(words[1])
                    : Long.MAX_VALUE;
            AtomicLong left = new AtomicLong(budget);
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int slot = t;
                Connection connection = connections.get(t);
                workers.add(new Thread(() -> work(connection, shapes, slot, started, left, until, stop, executed,
                        failures), "worker-" + t));
            }
            workers.forEach(Thread::start);
            batch = new Thread(() -> {
                for (Thread worker : workers) {
                    try {
                        worker.join();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                System.out.println("done " + executed.get() + " failures " + failures.get());
            });
            batch.start();
        }
        for (Connection connection : connections) {
            connection.close();
        }
        System.out.println("exiting after " + executed.get() + " failures " + failures.get());
    }

    private static void work(Connection connection, int shapes, int slot, LongBuffer started, AtomicLong left,
                             long until, AtomicBoolean stop, AtomicLong executed, AtomicLong failures) {
        List<PreparedStatement> statements = new ArrayList<>();
        try {
            for (int s = 0; s < shapes; s++) {
                statements.add(connection.prepareStatement(
                        "select id, note as n" + s + " from " + TABLE + " where id = ?"));
            }
            long mine = started.get(slot);
            for (long i = 0; !stop.get() && System.currentTimeMillis() < until
                    && left.getAndDecrement() > 0; i++) {
                PreparedStatement select = statements.get((int) ((i + slot) % shapes));
                select.setInt(1, (int) (i % 10));
                started.put(slot, ++mine);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        rows.getString(2);
                    }
                }
                executed.incrementAndGet();
            }
            for (PreparedStatement statement : statements) {
                statement.close();
            }
        } catch (Exception failed) {
            failures.incrementAndGet();
            failed.printStackTrace();
        }
    }
}
