package io.querylens.driver.detect;

/**
 * Creates a detector for an engine. Providers are found with {@link java.util.ServiceLoader} (file
 * {@code META-INF/services/io.querylens.driver.detect.DetectorProvider}), so a detector package plugs in without
 * the engine knowing it, and an application can add its own.
 */
public interface DetectorProvider {

    /** The name used in {@code querylens.detectors.disabled}; also the created detector's {@link Detector#name()}. */
    String name();

    /** Returns the detector, or null when its own configuration switches it off. */
    Detector create(DetectorContext context);
}
