package io.querylens.driver.detect.nplusone;

import io.querylens.driver.detect.Detector;
import io.querylens.driver.detect.DetectorContext;
import io.querylens.driver.detect.DetectorProvider;

/** Registers {@link NPlusOneDetector} with the engine (META-INF/services). */
public final class NPlusOneDetectorProvider implements DetectorProvider {
    @Override
    public String name() {
        return NPlusOneDetector.NAME;
    }

    @Override
    public Detector create(DetectorContext context) {
        return new NPlusOneDetector(context, TraceContext.detect());
    }
}
