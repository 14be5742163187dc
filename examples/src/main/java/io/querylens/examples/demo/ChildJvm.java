package io.querylens.examples.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One child JVM of the demo (the collector or the shop), on the same Java as the demo. Its standard output and error
 * go, merged, to a log file and are kept in memory so the demo can wait for a line. A reader thread per child
 * (daemon) copies the output; everything else is called from the demo's main thread or its shutdown hook.
 */
public final class ChildJvm implements AutoCloseable {
    private static final long STOP_GRACE_SECONDS = 20;

    private final String name;
    private final Process process;
    private final Path log;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private ChildJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code java <arguments>}; the log file is replaced. */
    public static ChildJvm start(String name, List<String> arguments, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(arguments);
        Files.createDirectories(log.toAbsolutePath().getParent());
        Files.writeString(log, String.join(" ", command) + "\n\n", StandardCharsets.UTF_8);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        ChildJvm child = new ChildJvm(name, process, log);
        Thread reader = new Thread(child::copyOutput, "querylens-demo-" + name + "-output");
        reader.setDaemon(true);
        reader.start();
        return child;
    }

    private void copyOutput() {
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             Writer file = Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                     java.nio.file.StandardOpenOption.APPEND)) {
            String line;
            while ((line = output.readLine()) != null) {
                lines.add(line);
                file.write(line);
                file.write('\n');
                file.flush();
            }
        } catch (IOException ended) {
            // The child ended or its log became unwritable: the lines kept so far stay available.
        }
    }

    /**
     * Waits until a line matches {@code pattern} and returns the match; fails with the log's location when the child
     * exits first or the time runs out.
     */
    public Matcher awaitLine(Pattern pattern, long timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        int checked = 0;
        while (true) {
            List<String> seen = lines;
            for (; checked < seen.size(); checked++) {
                Matcher match = pattern.matcher(seen.get(checked));
                if (match.find()) {
                    return match;
                }
            }
            if (!process.isAlive() && checked >= lines.size()) {
                // Let the reader copy the last lines before giving up.
                TimeUnit.MILLISECONDS.sleep(200);
                if (checked >= lines.size()) {
                    throw new IllegalStateException(name + " exited with " + process.exitValue() + " before printing "
                            + pattern + "; see " + log.toAbsolutePath());
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " did not print " + pattern + " within " + timeoutSeconds
                        + " s; see " + log.toAbsolutePath());
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /**
     * Asks the child to stop (SIGTERM, so its shutdown hooks run: the agent flushes, the collector checkpoints), and
     * kills it if it has not ended after {@value #STOP_GRACE_SECONDS} s. Returns the exit code.
     */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException interrupted) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
