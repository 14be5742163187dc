package io.querylens.agent;

import java.lang.instrument.Instrumentation;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Opens the JDK internals Chronicle Queue needs (it maps files through {@code sun.nio.ch.FileChannelImpl} and cleans
 * buffers through {@code jdk.internal.ref}), so that users add no {@code --add-opens}/{@code --add-exports} flags:
 * {@code java.lang.reflect} opened, {@code jdk.internal.ref} and {@code sun.nio.ch} exported, to the unnamed module
 * of the agent's class loader and of the application's.
 */
final class JdkPackageAccess {
    static final String OPENED = "java.lang.reflect";
    static final Set<String> EXPORTED = Set.of("jdk.internal.ref", "sun.nio.ch");

    private JdkPackageAccess() {
    }

    static void grant(Instrumentation instrumentation) {
        Set<Module> readers = new LinkedHashSet<>();
        readers.add(QueryLensAgent.class.getClassLoader().getUnnamedModule());
        readers.add(ClassLoader.getSystemClassLoader().getUnnamedModule());
        Module javaBase = Object.class.getModule();
        Map<String, Set<Module>> exports = Map.of("jdk.internal.ref", readers, "sun.nio.ch", readers);
        instrumentation.redefineModule(javaBase, Set.of(), exports, Map.of(OPENED, readers), Set.of(), Map.of());
    }
}
