package io.querylens.agent;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Launches a child JVM running one of the test applications, with or without the agent, on a chosen Java, and with a
 * class path picked from this test's own class path by jar name: the child gets only the libraries named, never the
 * test's (so querylens-driver is there only when a test asks for it).
 */
final class ChildJvm {
    static final Path AGENT_JAR = Path.of(required("querylens.agent.jar"));
    static final Path CLASH_LIBS = Path.of(required("querylens.agent.clashLibs"));
    static final String JAVA_17 = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    static final String JAVA_25 = "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java";

    private final String java;
    private final List<String> jvmOptions = new ArrayList<>();
    private final List<String> classPath = new ArrayList<>();
    private boolean findingsFileFromEnvironment;

    private ChildJvm(String java) {
        this.java = java;
        classPath.add(testClasses());
    }

    static ChildJvm on(String java) {
        if (!new File(java).canExecute()) {
            throw new IllegalStateException("no Java at " + java + ": the agent is tested on Java 17 and 25; install "
                    + "the Temurin 25 JDK (Adoptium apt repository: apt-get install temurin-25-jdk)");
        }
        return new ChildJvm(java);
    }

    ChildJvm withAgent(String options) {
        jvmOptions.add("-javaagent:" + AGENT_JAR + (options == null ? "" : "=" + options));
        return this;
    }

    /** Adds the entries of this test's class path whose file (or module folder) name starts with one of these. */
    ChildJvm withSystemProperty(String name, String value) {
        jvmOptions.add("-D" + name + "=" + value);
        return this;
    }

    ChildJvm withJvmOption(String option) {
        jvmOptions.add(option);
        return this;
    }

    /** Names the findings file in {@code QUERYLENS_FINDINGS_FILE} rather than the system property. */
    ChildJvm withFindingsFileFromEnvironment() {
        findingsFileFromEnvironment = true;
        return this;
    }

    ChildJvm withLibraries(String... namePrefixes) {
        for (String prefix : namePrefixes) {
            List<String> matches = testClassPath().stream()
                    .filter(entry -> displayName(entry).startsWith(prefix))
                    .collect(Collectors.toList());
            if (matches.isEmpty()) {
                throw new IllegalStateException("no " + prefix + " on the test class path: " + testClassPath());
            }
            classPath.addAll(matches);
        }
        return this;
    }

    ChildJvm withClashLibraries() throws IOException {
        try (Stream<Path> jars = Files.list(CLASH_LIBS)) {
            jars.map(Path::toString).sorted().forEach(classPath::add);
        }
        return this;
    }

    Result run(Class<?> mainClass, String... args) throws IOException, InterruptedException {
        return start(mainClass, args).finish();
    }

    /** Starts the application and returns while it runs: its standard input and output are the test's. */
    Running start(Class<?> mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classPath));
        command.add(mainClass.getName());
        command.addAll(Arrays.asList(args));
        Path findings = Files.createTempFile("child-findings", ".jsonl");
        Files.delete(findings);
        if (!findingsFileFromEnvironment) {
            command.add(1, "-Dquerylens.findings.file=" + findings);
        }
        Path stderr = Files.createTempFile("child-err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
        if (findingsFileFromEnvironment) {
            builder.environment().put("QUERYLENS_FINDINGS_FILE", findings.toString());
        }
        return new Running(builder.start(), findings, stderr, String.join(" ", command));
    }

    /** A child JVM still running; {@link #finish} waits for its end and collects what it printed and wrote. */
    static final class Running {
        private static final long TIMEOUT_SECONDS = 180;
        private final Process process;
        private final Path findings;
        private final Path stderr;
        private final String command;
        private final List<String> stdout = new CopyOnWriteArrayList<>();
        private final BlockingQueue<String> unread = new LinkedBlockingQueue<>();
        private final Thread reader;

        private Running(Process process, Path findings, Path stderr, String command) {
            this.process = process;
            this.findings = findings;
            this.stderr = stderr;
            this.command = command;
            this.reader = new Thread(this::readStdout, "child-stdout");
            reader.setDaemon(true);
            reader.start();
        }

        long pid() {
            return process.pid();
        }

        /** Waits for the next line starting with {@code prefix}; fails if the child ends or stays silent. */
        String awaitLine(String prefix) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            while (System.nanoTime() < deadline) {
                String line = unread.poll(200, TimeUnit.MILLISECONDS);
                if (line != null && line.startsWith(prefix)) {
                    return line;
                }
                if (line == null && !process.isAlive() && !reader.isAlive() && unread.isEmpty()) {
                    throw new AssertionError("child JVM ended before printing " + prefix + "\n" + finish());
                }
            }
            process.destroyForcibly();
            throw new IllegalStateException("child JVM printed no " + prefix + " line in " + TIMEOUT_SECONDS + " s: "
                    + command);
        }

        void writeLine(String line) throws IOException {
            process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        }

        Result finish() throws IOException, InterruptedException {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("child JVM did not finish in " + TIMEOUT_SECONDS + " s: " + command);
            }
            reader.join(TimeUnit.SECONDS.toMillis(10));
            List<String> findingLines = Files.exists(findings) ? Files.readAllLines(findings) : List.of();
            Result result = new Result(process.exitValue(), List.copyOf(stdout), Files.readString(stderr),
                    findingLines, command);
            Files.deleteIfExists(findings);
            Files.deleteIfExists(stderr);
            return result;
        }

        private void readStdout() {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    stdout.add(line);
                    unread.add(line);
                }
            } catch (IOException closed) {
                // The child ended; what it printed before is kept.
            }
        }
    }

    /** A jar's file name, or for a module's classes folder the module folder's name (driver/target/classes: driver). */
    private static String displayName(String entry) {
        Path path = Path.of(entry);
        if (entry.endsWith(".jar")) {
            return path.getFileName().toString();
        }
        Path target = path.getParent();
        return target == null || target.getParent() == null ? entry
                : "querylens-" + target.getParent().getFileName() + "-classes";
    }

    private static List<String> testClassPath() {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.asList(classPath.split(File.pathSeparator));
    }

    private static String testClasses() {
        return testClassPath().stream().filter(entry -> entry.endsWith("test-classes")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no test-classes on the class path"));
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException(property + " is not set: run the integration tests with ./mvnw verify");
        }
        return value;
    }

    /** What the child printed, and the lines of the findings file ({@code querylens.findings.file}) it wrote. */
    record Result(int exitCode, List<String> stdout, String stderr, List<String> findings, String command) {
        List<String> lines(String prefix) {
            return stdout.stream().filter(line -> line.startsWith(prefix + " "))
                    .map(line -> line.substring(prefix.length() + 1)).collect(Collectors.toList());
        }

        String line(String prefix) {
            List<String> lines = lines(prefix);
            if (lines.size() != 1) {
                throw new AssertionError("expected one " + prefix + " line, got " + lines + "\n" + this);
            }
            return lines.get(0);
        }

        /** Executions each copy counted for shapes whose text starts with {@code sqlStart}. */
        long executions(String copy, String sqlStart) {
            return lines("STAT").stream()
                    .map(line -> line.split(" ", 3))
                    .filter(parts -> parts[0].equals(copy) && parts[2].toLowerCase().startsWith(sqlStart))
                    .mapToLong(parts -> Long.parseLong(parts[1]))
                    .sum();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- command\n" + command + "\n--- stdout\n" + String.join("\n", stdout)
                    + "\n--- stderr\n" + stderr + "\n--- findings file\n" + String.join("\n", findings);
        }
    }
}
