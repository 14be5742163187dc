package io.querylens.collector.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A child JVM on the test's class path with the flags Chronicle Queue needs. Every output line (stdout and stderr
 * merged) is kept and copied to a log file; commands go in through stdin. Shared by the end-to-end and the fault
 * tests, whose applications and collectors run as processes of their own.
 */
public final class ChildProcess implements AutoCloseable {
    private static final List<String> CHRONICLE_FLAGS = List.of("-Dchronicle.analytics.disable=true",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED");

    private final String name;
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Writer input;

    public ChildProcess(String name, Class<?> main, List<String> jvmOptions, List<String> args, Path log) throws IOException {
        this.name = name;
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(CHRONICLE_FLAGS);
        command.add("-Xmx256m");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(args);
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        input = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                    Files.writeString(log, line + "\n", StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "output of " + name);
        reader.setDaemon(true);
        reader.start();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    public long countLines(Predicate<String> matching) {
        return lines.stream().filter(matching).count();
    }

    public void send(String command) throws IOException {
        input.write(command + "\n");
        input.flush();
    }

    /** Waits for a line containing {@code text} that was not seen before index {@code from}; returns it. */
    public String awaitLine(String text, int from, long timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            List<String> now = lines;
            for (int i = from; i < now.size(); i++) {
                if (now.get(i).contains(text)) {
                    return now.get(i);
                }
            }
            if (!process.isAlive()) {
                Thread.sleep(200); // let the reader take the last lines
                for (int i = from; i < lines.size(); i++) {
                    if (lines.get(i).contains(text)) {
                        return lines.get(i);
                    }
                }
                break;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no line containing '" + text + "' from " + name + " (alive=" + process.isAlive()
                + "); last lines: " + tail());
    }

    public String awaitLine(String text, long timeoutSeconds) throws InterruptedException {
        return awaitLine(text, 0, timeoutSeconds);
    }

    public int awaitExit(long timeoutSeconds) throws InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " did not exit in " + timeoutSeconds + " s; last lines: " + tail());
        }
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or checkpointed. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    private String tail() {
        List<String> all = lines;
        return String.join("\n", all.subList(Math.max(0, all.size() - 15), all.size()));
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill9();
        }
    }
}
