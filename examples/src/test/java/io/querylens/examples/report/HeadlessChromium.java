package io.querylens.examples.report;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Opens a page in headless Chromium and returns the DOM after its scripts ran, with the browser's log (console
 * messages and script errors go to standard error with {@code --enable-logging=stderr}). No network: the flags turn
 * off every background request Chromium makes on its own. Where Chromium is missing the test fails and says how to
 * install it; it is never skipped.
 */
public final class HeadlessChromium {
    static final String INSTALL = "apt-get install -y chromium";
    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");

    private HeadlessChromium() {
    }

    public record Page(String dom, String log) {
    }

    public static Page dumpDom(Path html) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("querylens-chromium");
        Path dom = Files.createTempFile("querylens-dom", ".html");
        Path log = Files.createTempFile("querylens-chromium", ".log");
        try {
            List<String> command = new ArrayList<>(List.of(executable(), "--headless", "--no-sandbox",
                    "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--enable-logging=stderr", "--v=0",
                    "--user-data-dir=" + profile, "--dump-dom", html.toUri().toString()));
            Process process = new ProcessBuilder(command).redirectOutput(dom.toFile()).redirectError(log.toFile())
                    .start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("headless Chromium did not finish in 120 s: " + command);
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("headless Chromium exited with " + process.exitValue() + ":\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Page(Files.readString(dom, StandardCharsets.UTF_8), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            deleteTree(profile);
            Files.deleteIfExists(dom);
            Files.deleteIfExists(log);
        }
    }

    private static String executable() {
        String configured = System.getenv("QUERYLENS_CHROMIUM");
        if (configured != null && !configured.isEmpty()) {
            return configured;
        }
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : NAMES) {
                File candidate = new File(directory, name);
                if (candidate.canExecute()) {
                    return candidate.getPath();
                }
            }
        }
        throw new AssertionError("This test opens the HTML report in headless Chromium, which is not installed. "
                + "Install it with: " + INSTALL + " (or point QUERYLENS_CHROMIUM at a Chromium or Chrome binary).");
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
