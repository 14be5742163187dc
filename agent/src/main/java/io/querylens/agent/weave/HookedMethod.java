package io.querylens.agent.weave;

/**
 * The three methods the agent hooks, by name and descriptor, and the {@code ConnectionHooks} methods their woven code
 * calls. The descriptors return exactly {@code java.sql.Connection}: a driver whose {@code connect} declares a
 * narrower type (MariaDB's returns its own {@code Connection} class) also has the compiler's bridge method with this
 * descriptor, which is hooked instead, so the Lens connection is never cast to the narrower type.
 */
enum HookedMethod {
    DRIVER_CONNECT("connect", "(Ljava/lang/String;Ljava/util/Properties;)Ljava/sql/Connection;",
            "enterDriver", "(Ljava/sql/Connection;JLjava/lang/Object;Ljava/lang/String;Ljava/util/Properties;)"
            + "Ljava/sql/Connection;"),
    DATA_SOURCE_CONNECTION("getConnection", "()Ljava/sql/Connection;",
            "enterDataSource", "(Ljava/sql/Connection;JLjava/lang/Object;)Ljava/sql/Connection;"),
    DATA_SOURCE_CONNECTION_WITH_CREDENTIALS("getConnection",
            "(Ljava/lang/String;Ljava/lang/String;)Ljava/sql/Connection;",
            "enterDataSource", "(Ljava/sql/Connection;JLjava/lang/Object;Ljava/lang/String;Ljava/lang/String;)"
            + "Ljava/sql/Connection;");

    static final String HOOKS = "io/querylens/agent/advice/ConnectionHooks";
    static final String ENTER_DESCRIPTOR = "(Ljava/lang/Object;)J";

    final String name;
    final String descriptor;
    final String enterHook;
    final String exitHook;
    final String exitDescriptor;
    /** Parameters passed on to the exit hook, after {@code this}. */
    final int parameterCount;

    HookedMethod(String name, String descriptor, String enterHook, String exitDescriptor) {
        this.name = name;
        this.descriptor = descriptor;
        this.enterHook = enterHook;
        this.exitHook = enterHook.equals("enterDriver") ? "exitDriver" : "exitDataSource";
        this.exitDescriptor = exitDescriptor;
        this.parameterCount = descriptor.startsWith("()") ? 0 : 2;
    }

    static HookedMethod of(String name, String descriptor) {
        for (HookedMethod method : values()) {
            if (method.name.equals(name) && method.descriptor.equals(descriptor)) {
                return method;
            }
        }
        return null;
    }
}
