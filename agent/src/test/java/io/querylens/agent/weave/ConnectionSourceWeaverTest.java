package io.querylens.agent.weave;

import io.querylens.agent.advice.ConnectionCalls;
import io.querylens.driver.jdbc.ConnectionWrapper;
import io.querylens.testkit.TestDatabase;
import io.querylens.testkit.TestDatabases;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The weaving alone, in this JVM: classes rewritten by {@link ConnectionSourceTransformer} load (so their stack-map
 * frames verify), behave as before, and hand back Lens connections only from real connection sources.
 */
class ConnectionSourceWeaverTest {
    private static final ClassLoader SYSTEM = ClassLoader.getSystemClassLoader();

    @Test
    void aDataSourceWithBranchesAndWideLocalsVerifiesAndHandsBackALensConnection() throws Exception {
        try (Connection raw = postgres()) {
            Object source = newWoven(WovenSources.BranchyDataSource.class, () -> raw);
            Connection connection = ((javax.sql.DataSource) source).getConnection();
            assertThat(ConnectionWrapper.isWrapped(connection)).isTrue();
            assertThat(connection.unwrap(org.postgresql.PGConnection.class)).isSameAs(raw.unwrap(
                    org.postgresql.PGConnection.class));
            Connection withCredentials = ((javax.sql.DataSource) source).getConnection("someone", "secret");
            assertThat(ConnectionWrapper.isWrapped(withCredentials)).isTrue();
            assertThat(((javax.sql.DataSource) source).getConnection("", "")).isNull();
        }
    }

    @Test
    void aClassThatIsNoConnectionSourceNeitherCountsNorWraps() throws Exception {
        try (Connection raw = postgres()) {
            Object source = newWoven(WovenSources.NotADataSource.class, () -> raw);
            long before = ConnectionCalls.enter();
            Connection connection = (Connection) source.getClass().getMethod("getConnection").invoke(source);
            long after = ConnectionCalls.enter();

            assertThat(connection).isSameAs(raw);
            assertThat(after - before).as("hooked calls counted in between").isEqualTo(1);
        }
    }

    @Test
    void classesWithoutAMethodReturningAConnectionAreNotParsed() throws Exception {
        ConnectionSourceTransformer transformer = new ConnectionSourceTransformer(SYSTEM);
        byte[] plain = bytesOf(io.querylens.agent.AgentOptions.class);
        // Not a class file at all: a parse would throw; the scan rules it out first and the transformer declines.
        byte[] garbage = "no class here".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        assertThat(transformer.transform(SYSTEM, "some/App", null, null, garbage)).isNull();
        assertThat(ConnectionSourceTransformer.indexOf(plain, ")Ljava/sql/Connection;".getBytes(
                java.nio.charset.StandardCharsets.US_ASCII))).isNegative();
        assertThat(transformer.transform(SYSTEM, "some/App", null, null, plain)).isNull();
        assertThat(transformer.transform(SYSTEM, "java/sql/DriverManager", null, null,
                bytesOf(WovenSources.BranchyDataSource.class))).as("JDK packages are skipped").isNull();
        assertThat(transformer.transform(null, "some/App", null, null,
                bytesOf(WovenSources.BranchyDataSource.class))).as("the boot loader cannot see the agent").isNull();
    }

    private static Object newWoven(Class<?> type, Supplier<Connection> connections) throws Exception {
        // Named as an application class: the transformer skips the agent's own package, where these fixtures live.
        byte[] woven = new ConnectionSourceTransformer(SYSTEM).transform(SYSTEM, "app/" + type.getSimpleName(),
                null, null, bytesOf(type));
        assertThat(woven).as("woven " + type.getName()).isNotNull();
        Class<?> loaded = new SingleClassLoader(type.getName(), woven).loadClass(type.getName());
        Constructor<?> constructor = loaded.getConstructor(Supplier.class);
        return constructor.newInstance(connections);
    }

    private static byte[] bytesOf(Class<?> type) throws Exception {
        try (InputStream in = SYSTEM.getResourceAsStream(type.getName().replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    private static Connection postgres() throws SQLException {
        TestDatabase database = TestDatabases.postgres();
        return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
    }

    /** Defines one class from the given bytes; everything else comes from the system class loader. */
    private static final class SingleClassLoader extends ClassLoader {
        private final String name;
        private final byte[] bytes;

        SingleClassLoader(String name, byte[] bytes) {
            super(SYSTEM);
            this.name = name;
            this.bytes = bytes;
        }

        @Override
        protected Class<?> loadClass(String className, boolean resolve) throws ClassNotFoundException {
            if (className.equals(name)) {
                synchronized (getClassLoadingLock(className)) {
                    Class<?> loaded = findLoadedClass(className);
                    return loaded != null ? loaded : defineClass(className, bytes, 0, bytes.length);
                }
            }
            return super.loadClass(className, resolve);
        }
    }
}
