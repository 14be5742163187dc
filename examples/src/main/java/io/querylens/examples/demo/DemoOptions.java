package io.querylens.examples.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * How the demo runs, from system properties (the Maven profile sets the paths) and arguments.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>system property</th><th>argument</th><th>default</th></tr>
 *   <tr><td>{@code querylens.demo.exit=true}</td><td>{@code --exit}</td><td>keep serving until Ctrl-C</td></tr>
 *   <tr><td>{@code querylens.demo.dir}</td><td></td><td>{@code target/querylens-demo}</td></tr>
 *   <tr><td>{@code querylens.demo.port}</td><td></td><td>9400, or a free port when 9400 is taken</td></tr>
 *   <tr><td>{@code querylens.demo.agentJar}</td><td></td><td>{@code agent/target/querylens-agent.jar}</td></tr>
 *   <tr><td>{@code querylens.demo.collectorJar}</td><td></td><td>the {@code *-all.jar} in {@code collector/target}</td></tr>
 * </table>
 */
public record DemoOptions(Path outputDir, Path agentJar, Path collectorJar, int preferredPort,
                          boolean exitAfterReport) {
    public static final String EXIT_PROPERTY = "querylens.demo.exit";
    public static final String EXIT_ARGUMENT = "--exit";
    static final int DEFAULT_PORT = 9400;

    public DemoOptions {
        outputDir = outputDir.toAbsolutePath().normalize();
        agentJar = agentJar.toAbsolutePath().normalize();
        collectorJar = collectorJar.toAbsolutePath().normalize();
    }

    public static DemoOptions from(String[] args) {
        List<String> arguments = Arrays.asList(args);
        boolean exit = Boolean.parseBoolean(System.getProperty(EXIT_PROPERTY, "false"))
                || arguments.contains(EXIT_ARGUMENT);
        Path agentJar = Path.of(System.getProperty("querylens.demo.agentJar", "agent/target/querylens-agent.jar"));
        String collectorJar = System.getProperty("querylens.demo.collectorJar");
        return new DemoOptions(Path.of(System.getProperty("querylens.demo.dir", "target/querylens-demo")),
                agentJar, collectorJar == null ? findCollectorJar(Path.of("collector/target")) : Path.of(collectorJar),
                Integer.getInteger("querylens.demo.port", DEFAULT_PORT), exit);
    }

    /** Fails naming the build command when a jar the demo launches has not been built. */
    public void requireJars() {
        for (Path jar : List.of(agentJar, collectorJar)) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing; build it with: "
                        + "./mvnw -q -Pdemo -pl examples -am package -DskipTests (from the repository root)");
            }
        }
    }

    private static Path findCollectorJar(Path target) {
        try (var jars = Files.list(target)) {
            return jars.filter(jar -> jar.getFileName().toString().matches("querylens-collector-.*-all\\.jar"))
                    .findFirst().orElse(target.resolve("querylens-collector-all.jar"));
        } catch (java.io.IOException missing) {
            return target.resolve("querylens-collector-all.jar");
        }
    }
}
