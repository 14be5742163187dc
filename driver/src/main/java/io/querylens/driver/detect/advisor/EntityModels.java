package io.querylens.driver.detect.advisor;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ORM models of this JVM's live session factories, registered by {@link HibernateEntityModelIntegrator} when
 * Hibernate builds its metadata and removed when the factory closes. Static because Hibernate instantiates its
 * integrators itself (ServiceLoader) and knows nothing of QueryLens's engine; every advisor reads the same list.
 * Thread-safe; written rarely (application start), read by advisor threads.
 */
public final class EntityModels {
    private static final List<EntityModel> MODELS = new CopyOnWriteArrayList<>();
    private static final AtomicLong VERSION = new AtomicLong();

    private EntityModels() {
    }

    public static void register(EntityModel model) {
        MODELS.add(model);
        VERSION.incrementAndGet();
    }

    public static void unregister(EntityModel model) {
        if (MODELS.remove(model)) {
            VERSION.incrementAndGet();
        }
    }

    static List<EntityModel> current() {
        return List.copyOf(MODELS);
    }

    /** Grows with every registration and removal: an advisor compares it to notice new models. */
    static long version() {
        return VERSION.get();
    }
}
