package io.querylens.agent.weave;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.nio.charset.StandardCharsets;

/**
 * Hands the classes that may declare a hooked method to {@link ConnectionSourceWeaver}, and every other class back
 * untouched after a byte scan.
 *
 * <p>Why a plain transformer and not Byte Buddy's {@code AgentBuilder}: the AgentBuilder loaded about 1,200 Byte Buddy
 * classes at start, all running interpreted, and cost about 2 s of every application's start-up (agent/README.md).
 * A class can only declare {@code connect(String, Properties)} or {@code getConnection(…)} returning
 * {@code java.sql.Connection} if its constant pool holds a descriptor ending {@code )Ljava/sql/Connection;}, so a
 * byte scan rules out nearly every class before anything is parsed; the few left are rewritten with ASM (the copy
 * inside Byte Buddy), which loads a dozen classes the first time.
 *
 * <p>Called by the JVM on whichever thread loads a class, concurrently; stateless, so it needs no lock. Never throws:
 * a class it cannot handle is left as it was ({@code null}).
 */
public final class ConnectionSourceTransformer implements ClassFileTransformer {
    private static final byte[] RETURNS_CONNECTION = ")Ljava/sql/Connection;".getBytes(StandardCharsets.US_ASCII);
    /** JDK classes, and the agent itself (its relocated driver declares connection methods of its own). */
    private static final String[] SKIPPED_PACKAGES = {"java/", "jdk/", "sun/", "com/sun/",
            "io/querylens/agent/"};

    private final ClassLoader agentLoader;

    public ConnectionSourceTransformer(ClassLoader agentLoader) {
        this.agentLoader = agentLoader;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        try {
            if (className == null || isSkipped(className) || !seesAgentClasses(loader)
                    || indexOf(classfileBuffer, RETURNS_CONNECTION) < 0) {
                return null;
            }
            return ConnectionSourceWeaver.weave(classfileBuffer);
        } catch (Throwable ours) {
            return null;
        }
    }

    private static boolean isSkipped(String className) {
        for (String prefix : SKIPPED_PACKAGES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The woven code calls the agent's classes, so only classes whose loader delegates to the agent's loader (the
     * system class loader: the application's, Spring Boot's and servlet containers' loaders do) are woven; a class
     * loader that cannot see the agent is skipped rather than broken.
     */
    private boolean seesAgentClasses(ClassLoader loader) {
        for (ClassLoader current = loader; current != null; current = current.getParent()) {
            if (current == agentLoader) {
                return true;
            }
        }
        return false;
    }

    static int indexOf(byte[] bytes, byte[] wanted) {
        byte first = wanted[0];
        int last = bytes.length - wanted.length;
        outer:
        for (int i = 0; i <= last; i++) {
            if (bytes[i] != first) {
                continue;
            }
            for (int j = 1; j < wanted.length; j++) {
                if (bytes[i + j] != wanted[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
