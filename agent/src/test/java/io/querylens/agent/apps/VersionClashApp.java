package io.querylens.agent.apps;

import net.bytebuddy.ByteBuddy;
import net.bytebuddy.ClassFileVersion;
import org.HdrHistogram.Histogram;
import org.slf4j.LoggerFactory;

import java.sql.DriverManager;

/**
 * An application with its own, older Byte Buddy, HdrHistogram, SLF4J and OpenTelemetry API: each is used, and the jar
 * each class came from is printed ({@code LIB name jar}), then the DriverManager workload runs.
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
        printJar("byte-buddy", ByteBuddy.class);
        printJar("HdrHistogram", Histogram.class);
        printJar("slf4j-api", LoggerFactory.class);
        printJar("opentelemetry-api", openTelemetry);
        Workload.run(() -> DriverManager.getConnection(args[0], args[1], args[2]), args[3], args[4]);
    }

    private static void printJar(String library, Class<?> type) {
        String location = type.getProtectionDomain().getCodeSource().getLocation().getPath();
        System.out.println("LIB " + library + " " + location.substring(location.lastIndexOf('/') + 1));
    }
}
