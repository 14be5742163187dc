package io.querylens.examples.demo;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The class path of the shop's child JVM: the examples' own classes and every library jar the demo itself runs
 * with (pgjdbc, Chronicle Queue, ...), but no QueryLens jar or module folder. With no QueryLens on its class path,
 * the application is watched only by the agent, the way a real application under {@code -javaagent} is.
 *
 * <p>Where the demo's class path is depends on how it was started: {@code exec:java} runs it in a
 * {@link URLClassLoader} inside Maven, surefire and failsafe name it in {@code surefire.test.class.path}, a plain
 * {@code java -cp} in {@code java.class.path}.
 */
final class ShopClassPath {
    private static final String QUERYLENS_JAR_PREFIX = "querylens-";

    private ShopClassPath() {
    }

    static String build() {
        Set<String> entries = new LinkedHashSet<>();
        entries.add(examplesClasses());
        for (String entry : demoClassPath()) {
            Path path = Path.of(entry);
            String fileName = path.getFileName() == null ? "" : path.getFileName().toString();
            // Folders on the demo's class path are reactor modules' classes (driver, testkit) or test classes.
            if (fileName.endsWith(".jar") && !fileName.startsWith(QUERYLENS_JAR_PREFIX)) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static String examplesClasses() {
        try {
            return Path.of(ShopUnderAgentMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
        } catch (URISyntaxException unexpected) {
            throw new IllegalStateException("cannot locate the examples' classes", unexpected);
        }
    }

    private static List<String> demoClassPath() {
        if (ShopClassPath.class.getClassLoader() instanceof URLClassLoader loader) {
            List<String> entries = new ArrayList<>();
            for (URL url : loader.getURLs()) {
                if ("file".equals(url.getProtocol())) {
                    try {
                        entries.add(Path.of(url.toURI()).toString());
                    } catch (URISyntaxException ignored) {
                        // not a local file: the child could not use it either
                    }
                }
            }
            return entries;
        }
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.asList(classPath.split(File.pathSeparator));
    }
}
