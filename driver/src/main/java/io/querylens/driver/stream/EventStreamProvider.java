package io.querylens.driver.stream;

import io.querylens.driver.detect.Detector;
import io.querylens.driver.detect.DetectorContext;
import io.querylens.driver.detect.DetectorProvider;

/**
 * Starts the event stream with each engine: a provider gives the stream the engine's shapes, findings and faults
 * without the engine knowing the stream exists. {@code querylens.detectors.disabled=stream} or an empty
 * {@code querylens.queue.dir} switches it off.
 */
public final class EventStreamProvider implements DetectorProvider {
    @Override
    public String name() {
        return EventStream.NAME;
    }

    @Override
    public Detector create(DetectorContext context) {
        return EventStream.start(context.config(), context.faults(), context.shapes(), context.findings());
    }
}
