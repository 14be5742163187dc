package io.querylens.agent.apps;

import net.bytebuddy.ByteBuddy;
import net.bytebuddy.ClassFileVersion;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import org.HdrHistogram.Histogram;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;

/**
 * An application with its own, older Byte Buddy, HdrHistogram, SLF4J, OpenTelemetry API and Chronicle Queue: each is
 * used, and the jar each class came from is printed ({@code LIB name jar}), then the DriverManager workload runs.
 * Its Chronicle runs without {@code --add-opens} flags: the agent opened the JDK packages to the application too.
 * Arguments: url user password table vendorInterface.
 */
public final class VersionClashApp {
    private VersionClashApp() {
    }

    public static void main(String[] args) throws Exception {
        Class<?> generated = new ByteBuddy(ClassFileVersion.JAVA_V11).subclass(Object.class).make()
                .load(VersionClashApp.class.getClassLoader()).getLoaded();
        System.out.println("GENERATED " + (generated.getSuperclass() == Object.class));
        Histogram histogram = new Histogram(3);
        histogram.recordValue(42);
        System.out.println("HISTOGRAM " + histogram.getTotalCount());
        LoggerFactory.getLogger(VersionClashApp.class).info("application logging through its own SLF4J");
        Class<?> openTelemetry = Class.forName("io.opentelemetry.api.GlobalOpenTelemetry");
        openTelemetry.getMethod("getTracer", String.class).invoke(null, "clash");
        System.out.println("CHRONICLE " + roundTripThroughOwnChronicle());
        printJar("byte-buddy", ByteBuddy.class);
        printJar("HdrHistogram", Histogram.class);
        printJar("slf4j-api", LoggerFactory.class);
        printJar("opentelemetry-api", openTelemetry);
        printJar("chronicle-queue", ChronicleQueue.class);
        Workload.run(() -> DriverManager.getConnection(args[0], args[1], args[2]), args[3], args[4]);
    }

    private static String roundTripThroughOwnChronicle() throws Exception {
        Path directory = Files.createTempDirectory("clash-chronicle");
        try (ChronicleQueue queue = ChronicleQueue.singleBuilder(directory).build();
             ExcerptAppender appender = queue.createAppender();
             ExcerptTailer tailer = queue.createTailer()) {
            appender.writeText("the application's own queue");
            return tailer.readText();
        }
    }

    private static void printJar(String library, Class<?> type) {
        String location = type.getProtectionDomain().getCodeSource().getLocation().getPath();
        System.out.println("LIB " + library + " " + location.substring(location.lastIndexOf('/') + 1));
    }
}
